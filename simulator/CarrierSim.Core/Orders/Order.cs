using CarrierSim.Core.Chaos;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;

namespace CarrierSim.Core.Orders;

public enum OrderStatus
{
    Pending,
    Complete,
    Partial,
    Failed,
}

public enum OrderType
{
    Purchase,
    Disconnect,
}

/// <summary>
/// How an order will end when its due time comes. Decided at placement (chaos may change
/// it), so the outcome does not depend on when a client happens to poll.
/// </summary>
public sealed record FulfilmentPlan
{
    public static FulfilmentPlan Normal { get; } = new();

    /// <summary>Numbers that fail at fulfilment although they were held (carrier-side failure).</summary>
    public IReadOnlyList<PhoneNumber> FailAtFulfilment { get; init; } = [];

    /// <summary>The message recorded when numbers fail at fulfilment.</summary>
    public string? FailureMessage { get; init; }

    /// <summary>Keeps the order pending until this time (null: the normal due time), or forever when <see cref="StuckForever"/>.</summary>
    public DateTimeOffset? PendingUntil { get; init; }

    public bool StuckForever { get; init; }

    /// <summary>
    /// The plan a request's chaos asks for: every number fails (fulfilment failure), a share of
    /// them fails (partial fill), or some fail alone (magic numbers); the order may stay pending.
    /// </summary>
    /// <param name="allowStuck">False for orders that settle at once: a synchronous purchase cannot stay pending.</param>
    public static FulfilmentPlan From(ChaosDecision chaos, IReadOnlyList<PhoneNumber> numbers, DateTimeOffset now, bool allowStuck)
    {
        ArgumentNullException.ThrowIfNull(chaos);
        ArgumentNullException.ThrowIfNull(numbers);
        if (chaos.IsNone)
        {
            return Normal;
        }

        var failing = new List<PhoneNumber>();
        if (chaos.FulfilmentFailure is not null)
        {
            failing.AddRange(numbers);
        }
        else if (chaos.FillRatio is { } ratio)
        {
            failing.AddRange(numbers.Skip((int)Math.Floor(ratio * numbers.Count)));
        }

        failing.AddRange(numbers.Where(n => chaos.FailNumbers.Contains(n.ToString())));
        var stuck = allowStuck ? chaos.StuckFor : null;
        return new FulfilmentPlan
        {
            FailAtFulfilment = [.. failing.Distinct()],
            FailureMessage = chaos.FulfilmentFailure,
            StuckForever = stuck == TimeSpan.MaxValue,
            PendingUntil = stuck is { } pending && pending != TimeSpan.MaxValue ? now + pending : null,
        };
    }
}

/// <summary>
/// A number order. Its state changes only through <see cref="OrderTransitions"/>; the
/// <see cref="OrderBook"/> moves it when the simulator clock passes its due time.
/// </summary>
public sealed class Order
{
    internal Order(string id, OwnerId owner, string origin, OrderType type, IReadOnlyList<PhoneNumber> requested, bool partialAllowed,
        IReadOnlyList<PhoneNumber> held, IReadOnlyList<PhoneNumber> rejected, DateTimeOffset now, DateTimeOffset dueAt, FulfilmentPlan plan)
    {
        Id = id;
        Owner = owner;
        Origin = origin;
        Type = type;
        Requested = requested;
        PartialAllowed = partialAllowed;
        Held = held;
        Rejected = rejected;
        CreatedAt = UpdatedAt = now;
        DueAt = dueAt;
        Plan = plan;
    }

    public string Id { get; }

    public OwnerId Owner { get; }

    /// <summary>The dialect that placed the order; other dialects do not see it.</summary>
    public string Origin { get; }

    public OrderType Type { get; }

    public IReadOnlyList<PhoneNumber> Requested { get; }

    public bool PartialAllowed { get; }

    /// <summary>Numbers held for this order since placement.</summary>
    public IReadOnlyList<PhoneNumber> Held { get; }

    /// <summary>Numbers that could not be had at placement (only with partial allowed).</summary>
    public IReadOnlyList<PhoneNumber> Rejected { get; }

    public OrderStatus Status { get; private set; } = OrderStatus.Pending;

    public IReadOnlyList<PhoneNumber> Completed { get; private set; } = [];

    public IReadOnlyList<PhoneNumber> Failed { get; private set; } = [];

    public string? ErrorMessage { get; private set; }

    public DateTimeOffset CreatedAt { get; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset DueAt { get; internal set; }

    public FulfilmentPlan Plan { get; internal set; }

    /// <summary>The account charged for the order, refunded for numbers that fail.</summary>
    public Accounts.Account? Payer { get; init; }

    public decimal PricePerNumber { get; init; }

    /// <summary>Numbers a quantity order asked for that no search found (<see cref="OrderRequest.Shortfall"/>); they count as failed.</summary>
    public int Shortfall { get; init; }

    /// <summary>Whether released numbers stay out of search for the quarantine period.</summary>
    public bool Quarantine { get; init; } = true;

    /// <summary>Sets the outcome of an order read back from a shared store, as it was saved.</summary>
    internal void Restore(OrderStatus status, IReadOnlyList<PhoneNumber> completed, IReadOnlyList<PhoneNumber> failed, string? error, DateTimeOffset updatedAt)
    {
        Status = status;
        Completed = completed;
        Failed = failed;
        ErrorMessage = error;
        UpdatedAt = updatedAt;
    }

    internal void Settle(OrderStatus status, IReadOnlyList<PhoneNumber> completed, IReadOnlyList<PhoneNumber> failed, string? error, DateTimeOffset now)
    {
        OrderTransitions.Ensure(this, status);
        Status = status;
        Completed = completed;
        Failed = failed;
        ErrorMessage = error;
        UpdatedAt = now;
    }
}

/// <summary>An order as a shared store keeps it.</summary>
internal sealed record OrderDocument(
    string Id, OwnerId Owner, string Origin, OrderType Type, IReadOnlyList<PhoneNumber> Requested, bool PartialAllowed,
    IReadOnlyList<PhoneNumber> Held, IReadOnlyList<PhoneNumber> Rejected, OrderStatus Status, IReadOnlyList<PhoneNumber> Completed,
    IReadOnlyList<PhoneNumber> Failed, string? ErrorMessage, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset DueAt,
    FulfilmentPlan Plan, int? Payer, decimal PricePerNumber, int Shortfall, bool Quarantine)
{
    public static OrderDocument Of(Order o) => new(
        o.Id, o.Owner, o.Origin, o.Type, o.Requested, o.PartialAllowed, o.Held, o.Rejected, o.Status, o.Completed, o.Failed, o.ErrorMessage,
        o.CreatedAt, o.UpdatedAt, o.DueAt, o.Plan, o.Payer?.Owner.Value, o.PricePerNumber, o.Shortfall, o.Quarantine);

    public Order ToOrder(Accounts.Account? payer)
    {
        var order = new Order(Id, Owner, Origin, Type, Requested, PartialAllowed, Held, Rejected, CreatedAt, DueAt, Plan)
        {
            Payer = payer,
            PricePerNumber = PricePerNumber,
            Shortfall = Shortfall,
            Quarantine = Quarantine,
        };
        order.Restore(Status, Completed, Failed, ErrorMessage, UpdatedAt);
        return order;
    }
}
