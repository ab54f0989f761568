namespace CarrierSim.AdminClient;

/// <summary>The kinds of chaos, applied in the order fault → latency → outcome → behaviour.</summary>
public enum ChaosKind
{
    /// <summary>Transport fault: connection reset, empty response, malformed body, hang.</summary>
    Fault,

    /// <summary>Delay before the answer: fixed, uniform or log-normal.</summary>
    Latency,

    /// <summary>An HTTP error in the dialect's own envelope (5xx, 429 with Retry-After…).</summary>
    Outcome,

    /// <summary>The targeted numbers are taken by another buyer between search and order.</summary>
    Race,

    /// <summary>Orders fill only partly: a share of their numbers fails at fulfilment.</summary>
    PartialFill,

    /// <summary>Orders fail at fulfilment: no number is acquired.</summary>
    FulfilmentFailure,

    /// <summary>Orders stay pending for a while, or until forced.</summary>
    StuckPending,

    /// <summary>Searches come back empty.</summary>
    Drought,
}

/// <summary>Transport faults of a <see cref="ChaosKind.Fault"/> rule.</summary>
public enum FaultKind
{
    /// <summary>The connection is aborted without an answer.</summary>
    ConnectionReset,

    /// <summary>A 200 answer with an empty body.</summary>
    EmptyResponse,

    /// <summary>A 200 answer whose JSON body is cut short.</summary>
    MalformedBody,

    /// <summary>No answer until the client gives up.</summary>
    Hang,
}

/// <summary>Delay distributions of a <see cref="ChaosKind.Latency"/> rule.</summary>
public enum LatencyDistribution
{
    /// <summary>Always <see cref="ChaosRule.DelayMs"/>.</summary>
    Fixed,

    /// <summary>Uniform between <see cref="ChaosRule.MinMs"/> and <see cref="ChaosRule.MaxMs"/>.</summary>
    Uniform,

    /// <summary>Log-normal around <see cref="ChaosRule.MedianMs"/> with <see cref="ChaosRule.Sigma"/>.</summary>
    LogNormal,
}

/// <summary>Which requests a rule applies to; every field given must match.</summary>
public sealed record ChaosTarget
{
    /// <summary>A dialect id, e.g. <c>dialstack</c>.</summary>
    public string? Dialect { get; init; }

    /// <summary>An operation id such as <c>dialstack.createOrder</c>; a trailing <c>*</c> matches a prefix, <c>|</c> separates alternatives.</summary>
    public string? Operation { get; init; }

    /// <summary>A tenant id, as <c>/__admin/accounts</c> lists accounts.</summary>
    public string? Account { get; init; }

    /// <summary>A regular expression that some E.164 number in the request must match, e.g. <c>^\+1919</c>.</summary>
    public string? NumberPattern { get; init; }
}

/// <summary>
/// One chaos rule: what to inject, where, how often (<see cref="InjectionRate"/>, default 1.0)
/// and how many times at most. Only the fields of its <see cref="Kind"/> matter.
/// </summary>
public sealed record ChaosRule
{
    /// <summary>The rule's unique name; creating a rule with an existing name replaces it.</summary>
    public required string Name { get; init; }

    /// <summary>What the rule injects.</summary>
    public required ChaosKind Kind { get; init; }

    /// <summary>Which requests it applies to; all when empty.</summary>
    public ChaosTarget? Target { get; init; }

    /// <summary>Share of matching requests injected, 0–1; the server's default is 1.0.</summary>
    public double? InjectionRate { get; init; }

    /// <summary>Stop injecting after this many injections; null for no limit.</summary>
    public int? MaxInjections { get; init; }

    /// <summary>Whether the rule is active; the server's default is true.</summary>
    public bool? Enabled { get; init; }

    /// <summary>The transport fault of a <see cref="ChaosKind.Fault"/> rule.</summary>
    public FaultKind? Fault { get; init; }

    /// <summary>The delay distribution of a <see cref="ChaosKind.Latency"/> rule; fixed when omitted.</summary>
    public LatencyDistribution? Distribution { get; init; }

    /// <summary>The delay of a fixed latency rule, in milliseconds.</summary>
    public double? DelayMs { get; init; }

    /// <summary>The smallest delay of a uniform latency rule, in milliseconds.</summary>
    public double? MinMs { get; init; }

    /// <summary>The largest delay of a uniform latency rule, in milliseconds.</summary>
    public double? MaxMs { get; init; }

    /// <summary>The median delay of a log-normal latency rule, in milliseconds.</summary>
    public double? MedianMs { get; init; }

    /// <summary>The spread of a log-normal latency rule.</summary>
    public double? Sigma { get; init; }

    /// <summary>The HTTP status of an <see cref="ChaosKind.Outcome"/> rule, 400–599.</summary>
    public int? StatusCode { get; init; }

    /// <summary>The <c>Retry-After</c> header of an outcome rule, in seconds.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>The error message of an outcome rule, rendered in the dialect's envelope.</summary>
    public string? Message { get; init; }

    /// <summary>The share of an order's numbers that still complete under a <see cref="ChaosKind.PartialFill"/> rule, in [0, 1).</summary>
    public double? FillRatio { get; init; }

    /// <summary>How long a <see cref="ChaosKind.StuckPending"/> rule keeps orders pending, in simulator seconds; null until forced.</summary>
    public double? PendingSeconds { get; init; }

    /// <summary>How many times the server has injected this rule. Read-only: never sent to the server.</summary>
    public int? Injected { get; init; }
}

/// <summary>One recorded injection of a chaos rule.</summary>
public sealed record ChaosInjection
{
    /// <summary>When it happened, on the simulator clock.</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>The rule's name.</summary>
    public string Rule { get; init; } = "";

    /// <summary>The rule's kind.</summary>
    public ChaosKind Kind { get; init; }

    /// <summary>The dialect of the request.</summary>
    public string Dialect { get; init; } = "";

    /// <summary>The operation id of the request, e.g. <c>dialstack.createOrder</c>.</summary>
    public string Operation { get; init; } = "";

    /// <summary>The tenant of the request, when it was authenticated.</summary>
    public string? Account { get; init; }

    /// <summary>What exactly was injected, e.g. the delay or the status.</summary>
    public string Detail { get; init; } = "";
}

/// <summary>A named bundle of chaos rules.</summary>
public sealed record ChaosScenario
{
    /// <summary>The scenario's name, e.g. <c>contested-inventory</c>.</summary>
    public required string Name { get; init; }

    /// <summary>What the scenario does.</summary>
    public string? Description { get; init; }

    /// <summary>The rules it applies; applying a scenario replaces all rules.</summary>
    public IReadOnlyList<ChaosRule> Rules { get; init; } = [];
}

/// <summary>The scenarios <c>GET /__admin/scenarios</c> lists.</summary>
public sealed record ScenarioCatalog
{
    /// <summary>The scenario applied last, or null.</summary>
    public string? Current { get; init; }

    /// <summary>The scenarios that ship with the simulator.</summary>
    public IReadOnlyList<ChaosScenario> BuiltIn { get; init; } = [];
}

/// <summary>The format of a scenario document sent to <c>POST /__admin/scenarios</c>.</summary>
public enum ScenarioFormat
{
    /// <summary>A JSON document.</summary>
    Json,

    /// <summary>A YAML document with the same fields.</summary>
    Yaml,
}
