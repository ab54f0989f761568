using System.Text.Json.Serialization;

namespace CarrierSim.Core.Chaos;

/// <summary>A transport fault: connection reset, empty response, malformed body or hang.</summary>
public sealed record FaultRule : ChaosRule
{
    [JsonIgnore]
    public override ChaosKind Kind => ChaosKind.Fault;

    /// <summary>Which fault; required (there is no sensible default).</summary>
    public FaultKind? Fault { get; init; }

    public override IReadOnlyList<string> Validate() => With(
        Fault is null ? "a fault rule needs fault: connectionReset, emptyResponse, emptyBody, malformedBody or hang."
        : !Enum.IsDefined(Fault.Value) ? $"fault {Fault} is not a fault; use connectionReset, emptyResponse, emptyBody, malformedBody or hang." : null);
}

/// <summary>
/// An order or release is processed and committed, then its answer is lost (<see cref="Loss"/>):
/// the client cannot tell whether the carrier acted. Acts only on orders and releases.
/// </summary>
public sealed record LostResponseRule : ChaosRule
{
    [JsonIgnore]
    public override ChaosKind Kind => ChaosKind.LostResponse;

    /// <summary>How the answer is lost; a connection reset when omitted.</summary>
    public ResponseLoss Loss { get; init; } = ResponseLoss.ConnectionReset;

    public override IReadOnlyList<string> Validate() => With(
        !Enum.IsDefined(Loss) ? $"loss {Loss} is not a way to lose an answer; use connectionReset, hang, badGateway or gatewayTimeout." : null);
}

/// <summary>
/// A delay before the answer, in milliseconds: fixed (<see cref="DelayMs"/>), uniform
/// (<see cref="MinMs"/>–<see cref="MaxMs"/>) or log-normal (<see cref="MedianMs"/>, <see cref="Sigma"/>).
/// </summary>
public sealed record LatencyRule : ChaosRule
{
    [JsonIgnore]
    public override ChaosKind Kind => ChaosKind.Latency;

    public LatencyDistribution Distribution { get; init; } = LatencyDistribution.Fixed;

    /// <summary>The delay of a fixed distribution.</summary>
    public double? DelayMs { get; init; }

    /// <summary>The smallest delay of a uniform distribution.</summary>
    public double? MinMs { get; init; }

    /// <summary>The largest delay of a uniform distribution.</summary>
    public double? MaxMs { get; init; }

    /// <summary>The median delay of a log-normal distribution.</summary>
    public double? MedianMs { get; init; }

    /// <summary>The spread of a log-normal distribution (the standard deviation of the log).</summary>
    public double? Sigma { get; init; }

    /// <summary>The longest delay a latency rule may give: 10 minutes.</summary>
    public const double MaxDelayMs = 600_000;

    /// <summary>The widest log-normal spread accepted.</summary>
    public const double MaxSigma = 10;

    public override IReadOnlyList<string> Validate()
    {
        // Out-of-range numbers first: a non-finite or huge value is reported once, as itself.
        string?[] range =
        [
            Milliseconds("delayMs", DelayMs),
            Milliseconds("minMs", MinMs),
            Milliseconds("maxMs", MaxMs),
            Milliseconds("medianMs", MedianMs),
            Sigma is { } sigma && !(double.IsFinite(sigma) && sigma <= MaxSigma) ? $"sigma must be a finite number from 0 to {MaxSigma}; got {Show(sigma)}." : null,
        ];
        return range.Any(p => p is not null) ? With(range) : With(Distribution switch
        {
            LatencyDistribution.Fixed when DelayMs is not >= 0 => "a fixed latency rule needs delayMs ≥ 0.",
            LatencyDistribution.Uniform when MinMs is not >= 0 || MaxMs is null || MaxMs < MinMs => "a uniform latency rule needs 0 ≤ minMs ≤ maxMs.",
            LatencyDistribution.LogNormal when MedianMs is not > 0 || Sigma is not >= 0 => "a log-normal latency rule needs medianMs > 0 and sigma ≥ 0.",
            LatencyDistribution.Fixed or LatencyDistribution.Uniform or LatencyDistribution.LogNormal => null,
            _ => $"distribution {Distribution} is not a distribution; use fixed, uniform or logNormal.",
        });
    }

    // Negative values are left to the distribution's own message ("needs delayMs ≥ 0").
    private static string? Milliseconds(string name, double? value) =>
        value is { } ms && !(double.IsFinite(ms) && ms <= MaxDelayMs)
            ? $"{name} must be a finite number of milliseconds from 0 to {MaxDelayMs:0} (10 minutes); got {Show(ms)}."
            : null;

    internal static string Show(double value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>An HTTP error rendered in the dialect's own envelope, e.g. 503 with Retry-After or 429.</summary>
public sealed record OutcomeRule : ChaosRule
{
    [JsonIgnore]
    public override ChaosKind Kind => ChaosKind.Outcome;

    /// <summary>The status, 400–599; required.</summary>
    public int? StatusCode { get; init; }

    /// <summary>The <c>Retry-After</c> header, in seconds; none when null.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>The error message; the dialect's usual message for the status when null.</summary>
    public string? Message { get; init; }

    public override IReadOnlyList<string> Validate() => With(
        StatusCode is not (>= 400 and <= 599) ? "an outcome rule needs statusCode between 400 and 599, e.g. 503 or 429." : null,
        RetryAfterSeconds is < 0 or > MaxRetryAfterSeconds ? $"retryAfterSeconds must be from 0 to {MaxRetryAfterSeconds} (a day), or omitted for no Retry-After header." : null);

    /// <summary>The longest Retry-After an outcome rule may send: a day.</summary>
    public const int MaxRetryAfterSeconds = 86_400;
}

/// <summary>The targeted numbers are taken by another buyer between search and order.</summary>
public sealed record RaceRule : ChaosRule
{
    [JsonIgnore]
    public override ChaosKind Kind => ChaosKind.Race;
}

/// <summary>Orders fill only partly: a share of their numbers fails at fulfilment.</summary>
public sealed record PartialFillRule : ChaosRule
{
    [JsonIgnore]
    public override ChaosKind Kind => ChaosKind.PartialFill;

    /// <summary>The share of an order's numbers that still complete, in [0, 1); required.</summary>
    public double? FillRatio { get; init; }

    public override IReadOnlyList<string> Validate() => With(
        FillRatio is not (>= 0 and < 1) ? "a partial-fill rule needs fillRatio in [0, 1): the share of numbers that still complete." : null);
}

/// <summary>Orders fail at fulfilment: no number is acquired.</summary>
public sealed record FulfilmentFailureRule : ChaosRule
{
    /// <summary>The failure message when the rule gives none.</summary>
    public const string DefaultMessage = "The carrier rejected the order at fulfilment.";

    [JsonIgnore]
    public override ChaosKind Kind => ChaosKind.FulfilmentFailure;

    /// <summary>Why the order failed, as the dialect reports it; <see cref="DefaultMessage"/> when null.</summary>
    public string? Message { get; init; }

    public override IReadOnlyList<string> Validate() => With(
        Message is not null && string.IsNullOrWhiteSpace(Message) ? "message must not be blank; omit it for the default message." : null);
}

/// <summary>Orders stay pending for a while on the simulator clock, or until forced.</summary>
public sealed record StuckPendingRule : ChaosRule
{
    [JsonIgnore]
    public override ChaosKind Kind => ChaosKind.StuckPending;

    /// <summary>Seconds on the simulator clock; null keeps the order pending until forced.</summary>
    public double? PendingSeconds { get; init; }

    public override IReadOnlyList<string> Validate() => With(
        PendingSeconds is { } s && !(double.IsFinite(s) && s is >= 0 and <= MaxPendingSeconds)
            ? $"pendingSeconds must be a finite number from 0 to {MaxPendingSeconds} (a year), or omitted to stay pending until forced." : null);

    /// <summary>The longest an order may be held pending by a rule: a year, in seconds.</summary>
    public const double MaxPendingSeconds = 31_536_000;
}

/// <summary>Searches come back empty.</summary>
public sealed record DroughtRule : ChaosRule
{
    [JsonIgnore]
    public override ChaosKind Kind => ChaosKind.Drought;
}

/// <summary>A callback (webhook) is never delivered.</summary>
public sealed record DropCallbackRule : ChaosRule
{
    [JsonIgnore]
    public override ChaosKind Kind => ChaosKind.DropCallback;
}

/// <summary>A callback is delivered twice.</summary>
public sealed record DuplicateCallbackRule : ChaosRule
{
    [JsonIgnore]
    public override ChaosKind Kind => ChaosKind.DuplicateCallback;
}
