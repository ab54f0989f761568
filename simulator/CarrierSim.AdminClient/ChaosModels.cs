using System.Text.Json.Serialization;

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

    /// <summary>A callback (webhook) is never delivered.</summary>
    DropCallback,

    /// <summary>A callback is delivered twice.</summary>
    DuplicateCallback,

    /// <summary>An order or release is committed, then its answer is lost (reset, hang, 502 or 504).</summary>
    LostResponse,
}

/// <summary>Transport faults of a <see cref="FaultRule"/>.</summary>
public enum FaultKind
{
    /// <summary>The connection is aborted without an answer.</summary>
    ConnectionReset,

    /// <summary>The connection closes with no response at all (no status line).</summary>
    EmptyResponse,

    /// <summary>A 200 answer whose JSON body is cut short.</summary>
    MalformedBody,

    /// <summary>No answer until the client gives up.</summary>
    Hang,

    /// <summary>A 200 answer with an empty body.</summary>
    EmptyBody,
}

/// <summary>How a <see cref="LostResponseRule"/> loses the answer of a committed order.</summary>
public enum ResponseLoss
{
    /// <summary>The connection is reset after the order is committed.</summary>
    ConnectionReset,

    /// <summary>No answer until the client gives up; the order is committed.</summary>
    Hang,

    /// <summary>A gateway answers 502 Bad Gateway; the order is committed.</summary>
    BadGateway,

    /// <summary>A gateway answers 504 Gateway Timeout; the order is committed.</summary>
    GatewayTimeout,
}

/// <summary>Delay distributions of a <see cref="LatencyRule"/>.</summary>
public enum LatencyDistribution
{
    /// <summary>Always <see cref="LatencyRule.DelayMs"/>.</summary>
    Fixed,

    /// <summary>Uniform between <see cref="LatencyRule.MinMs"/> and <see cref="LatencyRule.MaxMs"/>.</summary>
    Uniform,

    /// <summary>Log-normal around <see cref="LatencyRule.MedianMs"/> with <see cref="LatencyRule.Sigma"/>.</summary>
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
/// and how many times at most. Each kind is its own record (<see cref="FaultRule"/>,
/// <see cref="LatencyRule"/>, <see cref="OutcomeRule"/>…); in JSON the <c>kind</c> property says
/// which, as in scenario files.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(FaultRule), "fault")]
[JsonDerivedType(typeof(LatencyRule), "latency")]
[JsonDerivedType(typeof(OutcomeRule), "outcome")]
[JsonDerivedType(typeof(RaceRule), "race")]
[JsonDerivedType(typeof(PartialFillRule), "partialFill")]
[JsonDerivedType(typeof(FulfilmentFailureRule), "fulfilmentFailure")]
[JsonDerivedType(typeof(StuckPendingRule), "stuckPending")]
[JsonDerivedType(typeof(DroughtRule), "drought")]
[JsonDerivedType(typeof(DropCallbackRule), "dropCallback")]
[JsonDerivedType(typeof(DuplicateCallbackRule), "duplicateCallback")]
[JsonDerivedType(typeof(LostResponseRule), "lostResponse")]
public abstract record ChaosRule
{
    /// <summary>The rule's unique name; creating a rule with an existing name replaces it.</summary>
    public required string Name { get; init; }

    /// <summary>What the rule injects; sent as the <c>kind</c> property.</summary>
    [JsonIgnore]
    public abstract ChaosKind Kind { get; }

    /// <summary>Which requests it applies to; all when empty.</summary>
    public ChaosTarget Target { get; init; } = new();

    /// <summary>Share of matching requests injected, 0–1.</summary>
    public double InjectionRate { get; init; } = 1.0;

    /// <summary>Stop injecting after this many injections; null for no limit.</summary>
    public int? MaxInjections { get; init; }

    /// <summary>Whether the rule is active.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>How many times the server has injected this rule. Read-only: the server ignores it.</summary>
    public int? Injected { get; init; }
}

/// <summary>A transport fault (<c>kind: fault</c>).</summary>
public sealed record FaultRule : ChaosRule
{
    /// <inheritdoc/>
    [JsonIgnore]
    public override ChaosKind Kind => ChaosKind.Fault;

    /// <summary>Which fault; required.</summary>
    public FaultKind? Fault { get; init; }
}

/// <summary>A delay before the answer (<c>kind: latency</c>), in milliseconds.</summary>
public sealed record LatencyRule : ChaosRule
{
    /// <inheritdoc/>
    [JsonIgnore]
    public override ChaosKind Kind => ChaosKind.Latency;

    /// <summary>How the delay is drawn.</summary>
    public LatencyDistribution Distribution { get; init; } = LatencyDistribution.Fixed;

    /// <summary>The delay of a fixed distribution.</summary>
    public double? DelayMs { get; init; }

    /// <summary>The smallest delay of a uniform distribution.</summary>
    public double? MinMs { get; init; }

    /// <summary>The largest delay of a uniform distribution.</summary>
    public double? MaxMs { get; init; }

    /// <summary>The median delay of a log-normal distribution.</summary>
    public double? MedianMs { get; init; }

    /// <summary>The spread of a log-normal distribution.</summary>
    public double? Sigma { get; init; }
}

/// <summary>An HTTP error in the dialect's own envelope (<c>kind: outcome</c>).</summary>
public sealed record OutcomeRule : ChaosRule
{
    /// <inheritdoc/>
    [JsonIgnore]
    public override ChaosKind Kind => ChaosKind.Outcome;

    /// <summary>The HTTP status, 400–599; required.</summary>
    public int? StatusCode { get; init; }

    /// <summary>The <c>Retry-After</c> header, in seconds; none when null.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>The error message; the dialect's usual one when null.</summary>
    public string? Message { get; init; }
}

/// <summary>The targeted numbers are taken by another buyer between search and order (<c>kind: race</c>).</summary>
public sealed record RaceRule : ChaosRule
{
    /// <inheritdoc/>
    [JsonIgnore]
    public override ChaosKind Kind => ChaosKind.Race;
}

/// <summary>Orders fill only partly (<c>kind: partialFill</c>).</summary>
public sealed record PartialFillRule : ChaosRule
{
    /// <inheritdoc/>
    [JsonIgnore]
    public override ChaosKind Kind => ChaosKind.PartialFill;

    /// <summary>The share of an order's numbers that still complete, in [0, 1); required.</summary>
    public double? FillRatio { get; init; }
}

/// <summary>Orders fail at fulfilment (<c>kind: fulfilmentFailure</c>).</summary>
public sealed record FulfilmentFailureRule : ChaosRule
{
    /// <inheritdoc/>
    [JsonIgnore]
    public override ChaosKind Kind => ChaosKind.FulfilmentFailure;

    /// <summary>Why the order failed; a generic message when null.</summary>
    public string? Message { get; init; }
}

/// <summary>Orders stay pending (<c>kind: stuckPending</c>).</summary>
public sealed record StuckPendingRule : ChaosRule
{
    /// <inheritdoc/>
    [JsonIgnore]
    public override ChaosKind Kind => ChaosKind.StuckPending;

    /// <summary>How long, in simulator seconds; null keeps orders pending until forced.</summary>
    public double? PendingSeconds { get; init; }
}

/// <summary>Searches come back empty (<c>kind: drought</c>).</summary>
public sealed record DroughtRule : ChaosRule
{
    /// <inheritdoc/>
    [JsonIgnore]
    public override ChaosKind Kind => ChaosKind.Drought;
}

/// <summary>Callbacks are never delivered (<c>kind: dropCallback</c>).</summary>
public sealed record DropCallbackRule : ChaosRule
{
    /// <inheritdoc/>
    [JsonIgnore]
    public override ChaosKind Kind => ChaosKind.DropCallback;
}

/// <summary>Callbacks are delivered twice (<c>kind: duplicateCallback</c>).</summary>
public sealed record DuplicateCallbackRule : ChaosRule
{
    /// <inheritdoc/>
    [JsonIgnore]
    public override ChaosKind Kind => ChaosKind.DuplicateCallback;
}

/// <summary>
/// Orders and releases are processed and committed, then their answer is lost (<c>kind: lostResponse</c>):
/// the client cannot tell whether the carrier acted.
/// </summary>
public sealed record LostResponseRule : ChaosRule
{
    /// <inheritdoc/>
    [JsonIgnore]
    public override ChaosKind Kind => ChaosKind.LostResponse;

    /// <summary>How the answer is lost; a connection reset by default.</summary>
    public ResponseLoss Loss { get; init; } = ResponseLoss.ConnectionReset;
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
