namespace CarrierSim.Core.Chaos;

/// <summary>What the chaos engine knows about a request when deciding: the endpoint states it explicitly.</summary>
/// <param name="Dialect">The dialect id, e.g. <c>dialstack</c>.</param>
/// <param name="Operation">The operation id, e.g. <c>dialstack.createOrder</c>.</param>
/// <param name="Kind">What the operation does; only orders carry magic numbers and fulfilment chaos.</param>
/// <param name="Account">The caller's tenant id, when authenticated.</param>
/// <param name="Numbers">The E.164 numbers the typed request names.</param>
/// <param name="Override">A per-request override (from a header), applied as an extra rule.</param>
/// <param name="AsyncOrders">Whether the dialect's orders can stay pending (false for synchronous purchases).</param>
public sealed record ChaosRequest(
    string Dialect,
    string Operation,
    OperationKind Kind,
    string? Account,
    IReadOnlyList<string> Numbers,
    ChaosRule? Override = null,
    bool AsyncOrders = true);

/// <summary>A recorded injection.</summary>
public sealed record Injection(DateTimeOffset At, string Rule, ChaosKind Kind, string Dialect, string Operation, string? Account, string Detail);

/// <summary>
/// What to do to one request: at most one fault, latency and outcome, and any behaviours. The
/// endpoint hands it on explicitly (to the order book, to search); nothing reads it from an
/// ambient scope.
/// </summary>
public sealed record ChaosDecision
{
    public static ChaosDecision None { get; } = new();

    public FaultKind? Fault { get; init; }

    public TimeSpan? Latency { get; init; }

    public OutcomeRule? Outcome { get; init; }

    public bool Race { get; init; }

    public double? FillRatio { get; init; }

    public string? FulfilmentFailure { get; init; }

    /// <summary>Set when orders must stay pending; <see cref="TimeSpan.MaxValue"/> means until forced.</summary>
    public TimeSpan? StuckFor { get; init; }

    public bool Drought { get; init; }

    public bool DropCallback { get; init; }

    public bool DuplicateCallback { get; init; }

    /// <summary>Set when the answer of the processed request must be lost, and how.</summary>
    public ResponseLoss? LostResponse { get; init; }

    /// <summary>Numbers that fail at fulfilment individually (magic numbers).</summary>
    public IReadOnlyList<string> FailNumbers { get; init; } = [];

    public IReadOnlyList<Injection> Injections { get; init; } = [];

    public bool IsNone => Injections.Count == 0;
}
