namespace CarrierSim.Core.Chaos;

/// <summary>The scenarios that ship with the simulator.</summary>
public static class BuiltInScenarios
{
    /// <summary>The operations that place orders or buy numbers, in every dialect.</summary>
    public const string OrderOperations = "*.createOrder|*.purchaseNumber";

    public static IReadOnlyList<ChaosScenario> All { get; } =
    [
        new() { Name = "happy", Description = "No chaos: every search finds numbers, every order completes." },
        new()
        {
            Name = "contested-inventory",
            Description = "Another buyer takes the numbers between search and order: every order gets its dialect's conflict.",
            Rules = [new RaceRule { Name = "numbers-taken-at-order", Target = new ChaosTarget { Operation = OrderOperations } }],
        },
        new()
        {
            Name = "slow-carrier",
            Description = "Every call is slow (log-normal, median 800 ms) and orders stay pending for 30 s.",
            Rules =
            [
                new LatencyRule { Name = "slow-responses", Distribution = LatencyDistribution.LogNormal, MedianMs = 800, Sigma = 0.5 },
                new StuckPendingRule { Name = "slow-fulfilment", Target = new ChaosTarget { Operation = OrderOperations }, PendingSeconds = 30 },
            ],
        },
        new()
        {
            Name = "flaky-network",
            Description = "Some calls fail in transit: 10 % connection resets, 10 % 503 with Retry-After, 5 % 429, and jitter of 50–300 ms.",
            Rules =
            [
                new FaultRule { Name = "resets", Fault = FaultKind.ConnectionReset, InjectionRate = 0.10 },
                new LatencyRule { Name = "jitter", Distribution = LatencyDistribution.Uniform, MinMs = 50, MaxMs = 300 },
                new OutcomeRule { Name = "unavailable", StatusCode = 503, RetryAfterSeconds = 1, InjectionRate = 0.10 },
                new OutcomeRule { Name = "rate-limited", StatusCode = 429, RetryAfterSeconds = 2, InjectionRate = 0.05 },
            ],
        },
        new()
        {
            Name = "partial-fills",
            Description = "Orders fill only half their numbers (with partial allowed the order ends partial, otherwise failed).",
            Rules = [new PartialFillRule { Name = "half-filled", FillRatio = 0.5, Target = new ChaosTarget { Operation = OrderOperations } }],
        },
        new()
        {
            Name = "lost-responses",
            Description = "Orders and releases are committed, then about a quarter of their answers are lost: 10 % connection resets, 10 % 504, 10 % 502 (a client that retries blindly buys twice or strands numbers).",
            Rules =
            [
                new LostResponseRule { Name = "reset-after-commit", Loss = ResponseLoss.ConnectionReset, InjectionRate = 0.10 },
                new LostResponseRule { Name = "gateway-timeout-after-commit", Loss = ResponseLoss.GatewayTimeout, InjectionRate = 0.10 },
                new LostResponseRule { Name = "bad-gateway-after-commit", Loss = ResponseLoss.BadGateway, InjectionRate = 0.10 },
            ],
        },
        new()
        {
            Name = "outage",
            Description = "The carrier is down: every call gets 503 with Retry-After.",
            Rules = [new OutcomeRule { Name = "carrier-down", StatusCode = 503, RetryAfterSeconds = 5, Message = "The upstream carrier is unavailable; retry later." }],
        },
    ];

    public static ChaosScenario? Find(string name) => All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
}
