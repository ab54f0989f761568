using System.Text.RegularExpressions;

namespace CarrierSim.Core.Chaos;

/// <summary>The kinds of chaos, applied in the order fault → latency → outcome → behaviour.</summary>
public enum ChaosKind
{
    /// <summary>Transport fault: connection reset, empty response, malformed body, hang.</summary>
    Fault,

    /// <summary>Delay before the answer: fixed, uniform or log-normal.</summary>
    Latency,

    /// <summary>An HTTP error in the dialect's own envelope (5xx, 429 with Retry-After, 401, 403…).</summary>
    Outcome,

    /// <summary>The targeted numbers are taken by another buyer between search and order.</summary>
    Race,

    /// <summary>Orders fill only partly: a share of their numbers fails at fulfilment.</summary>
    PartialFill,

    /// <summary>Orders fail at fulfilment: no number is acquired.</summary>
    FulfilmentFailure,

    /// <summary>Orders stay pending for a while, or until released.</summary>
    StuckPending,

    /// <summary>Searches come back empty.</summary>
    Drought,

    /// <summary>A callback (webhook) is never delivered.</summary>
    DropCallback,

    /// <summary>A callback is delivered twice.</summary>
    DuplicateCallback,
}

public enum FaultKind
{
    ConnectionReset,
    EmptyResponse,
    MalformedBody,
    Hang,
}

public enum LatencyDistribution
{
    Fixed,
    Uniform,
    LogNormal,
}

/// <summary>Which requests a rule applies to; every field given must match.</summary>
public sealed record ChaosTarget
{
    /// <summary>A dialect id, e.g. <c>dialstack</c>.</summary>
    public string? Dialect { get; init; }

    /// <summary>An operation id such as <c>dialstack.createOrder</c>; a trailing <c>*</c> matches a prefix.</summary>
    public string? Operation { get; init; }

    /// <summary>A tenant id, as the admin API lists accounts.</summary>
    public string? Account { get; init; }

    /// <summary>A regular expression that some E.164 number in the request must match, e.g. <c>^\+1919</c>.</summary>
    public string? NumberPattern { get; init; }
}

/// <summary>
/// One chaos rule: what to inject, where, how often (<see cref="InjectionRate"/>, default 1.0:
/// rules are deliberate) and how many times at most.
/// </summary>
public sealed record ChaosRule
{
    public required string Name { get; init; }

    public required ChaosKind Kind { get; init; }

    public ChaosTarget Target { get; init; } = new();

    /// <summary>Share of matching requests injected, 0–1.</summary>
    public double InjectionRate { get; init; } = 1.0;

    /// <summary>Stop injecting after this many injections; null for no limit.</summary>
    public int? MaxInjections { get; init; }

    public bool Enabled { get; init; } = true;

    // Fault
    public FaultKind? Fault { get; init; }

    // Latency (milliseconds)
    public LatencyDistribution? Distribution { get; init; }

    public double? DelayMs { get; init; }

    public double? MinMs { get; init; }

    public double? MaxMs { get; init; }

    public double? MedianMs { get; init; }

    public double? Sigma { get; init; }

    // Outcome
    public int? StatusCode { get; init; }

    public int? RetryAfterSeconds { get; init; }

    public string? Message { get; init; }

    // Partial fill: the share of an order's numbers that still complete.
    public double? FillRatio { get; init; }

    // Stuck pending: seconds on the simulator clock; null keeps the order pending until forced.
    public double? PendingSeconds { get; init; }

    /// <summary>Problems that make the rule unusable, each saying how to fix it.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Name))
        {
            errors.Add("name is required.");
        }

        if (InjectionRate is < 0 or > 1 || double.IsNaN(InjectionRate))
        {
            errors.Add($"injectionRate must be between 0 and 1; got {InjectionRate}.");
        }

        if (MaxInjections is < 0)
        {
            errors.Add("maxInjections must be zero or more.");
        }

        if (Target.NumberPattern is { } pattern)
        {
            try
            {
                _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100));
            }
            catch (ArgumentException e)
            {
                errors.Add($"target.numberPattern is not a valid regular expression: {e.Message}");
            }
        }

        switch (Kind)
        {
            case ChaosKind.Fault when Fault is null:
                errors.Add("a fault rule needs fault: connectionReset, emptyResponse, malformedBody or hang.");
                break;
            case ChaosKind.Latency:
                switch (Distribution ?? LatencyDistribution.Fixed)
                {
                    case LatencyDistribution.Fixed when DelayMs is not >= 0:
                        errors.Add("a fixed latency rule needs delayMs ≥ 0.");
                        break;
                    case LatencyDistribution.Uniform when MinMs is not >= 0 || MaxMs is null || MaxMs < MinMs:
                        errors.Add("a uniform latency rule needs 0 ≤ minMs ≤ maxMs.");
                        break;
                    case LatencyDistribution.LogNormal when MedianMs is not > 0 || Sigma is not >= 0:
                        errors.Add("a log-normal latency rule needs medianMs > 0 and sigma ≥ 0.");
                        break;
                }

                break;
            case ChaosKind.Outcome when StatusCode is not (>= 400 and <= 599):
                errors.Add("an outcome rule needs statusCode between 400 and 599, e.g. 503 or 429.");
                break;
            case ChaosKind.PartialFill when FillRatio is not (>= 0 and < 1):
                errors.Add("a partial-fill rule needs fillRatio in [0, 1): the share of numbers that still complete.");
                break;
            case ChaosKind.StuckPending when PendingSeconds is < 0:
                errors.Add("pendingSeconds must be ≥ 0, or omitted to stay pending until forced.");
                break;
        }

        return errors;
    }
}
