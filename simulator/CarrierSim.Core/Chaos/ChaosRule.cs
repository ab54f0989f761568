using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
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

    /// <summary>
    /// An order or release is processed (the carrier commits it), then its answer is lost: the
    /// connection resets, hangs, or a gateway answers 502 / 504.
    /// </summary>
    LostResponse,
}

public enum FaultKind
{
    /// <summary>The connection is reset; no response.</summary>
    ConnectionReset,

    /// <summary>The connection closes with no response at all (no status line).</summary>
    EmptyResponse,

    /// <summary>A truncated JSON body with status 200.</summary>
    MalformedBody,

    /// <summary>No answer until the client gives up.</summary>
    Hang,

    /// <summary>Status 200 with an empty body.</summary>
    EmptyBody,
}

/// <summary>How the answer of a committed order is lost.</summary>
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
/// rules are deliberate) and how many times at most. Each kind is its own record with its own
/// settings and validation; in JSON and YAML the <c>kind</c> property says which.
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
    /// <summary>The <c>kind</c> values of the JSON shape, in <see cref="ChaosKind"/> order.</summary>
    public static IReadOnlyList<string> KindNames { get; } =
        [.. typeof(ChaosRule).GetCustomAttributes<JsonDerivedTypeAttribute>().Select(a => (string)a.TypeDiscriminator!)];

    public required string Name { get; init; }

    /// <summary>What the rule injects; written to JSON as the <c>kind</c> discriminator (each override is [JsonIgnore]d for that reason).</summary>
    [JsonIgnore]
    public abstract ChaosKind Kind { get; }

    public ChaosTarget Target { get; init; } = new();

    /// <summary>Share of matching requests injected, 0–1.</summary>
    public double InjectionRate { get; init; } = 1.0;

    /// <summary>Stop injecting after this many injections; null for no limit.</summary>
    public int? MaxInjections { get; init; }

    public bool Enabled { get; init; } = true;

    /// <summary>The JSON name of a kind, e.g. <c>partialFill</c>.</summary>
    public static string KindName(ChaosKind kind) => JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());

    /// <summary>
    /// Why a JSON rule's <c>kind</c> cannot be read (missing, not a string, or not a kind), with the
    /// valid kinds; null when it names a kind. Checked before deserialising, so the message is ours
    /// rather than the serializer's.
    /// </summary>
    public static string? KindProblem(JsonNode? rule)
    {
        if (rule is not JsonObject json)
        {
            return "a rule must be a JSON object.";
        }

        var valid = $"use one of: {string.Join(", ", KindNames)}.";
        if (!json.TryGetPropertyValue("kind", out var kind) || kind is null)
        {
            return $"kind is required; {valid}";
        }

        return kind.GetValueKind() == JsonValueKind.String && KindNames.Contains(kind.GetValue<string>(), StringComparer.Ordinal)
            ? null
            : $"kind {kind.ToJsonString()} is not a chaos kind; {valid}";
    }

    /// <summary>Problems that make the rule unusable, each saying how to fix it.</summary>
    public virtual IReadOnlyList<string> Validate() => ValidateCommon();

    private List<string> ValidateCommon()
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

        if (Target is null)
        {
            errors.Add("target must be an object (or omitted to match every request).");
        }
        else if (Target.NumberPattern is { } pattern)
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

        return errors;
    }

    /// <summary>The common problems followed by those of one kind (the nulls are skipped).</summary>
    private protected IReadOnlyList<string> With(params string?[] kindProblems) =>
        [.. ValidateCommon(), .. kindProblems.OfType<string>()];
}
