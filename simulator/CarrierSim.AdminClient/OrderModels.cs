namespace CarrierSim.AdminClient;

/// <summary>Where an order is in its life.</summary>
public enum OrderStatus
{
    /// <summary>Placed; it settles when the simulator clock passes its due time.</summary>
    Pending,

    /// <summary>Every number was acquired.</summary>
    Complete,

    /// <summary>Some numbers were acquired, the rest failed (partial allowed).</summary>
    Partial,

    /// <summary>No number was acquired.</summary>
    Failed,
}

/// <summary>What an order does.</summary>
public enum OrderType
{
    /// <summary>Buys numbers.</summary>
    Purchase,

    /// <summary>Releases numbers (DialStack disconnect orders).</summary>
    Disconnect,
}

/// <summary>An order as <c>/__admin/orders</c> shows it, whichever dialect placed it.</summary>
public sealed record SimulatorOrder
{
    /// <summary>The order id as the dialect shows it, e.g. <c>ord_…</c>.</summary>
    public string Id { get; init; } = "";

    /// <summary>The dialect that placed it.</summary>
    public string Dialect { get; init; } = "";

    /// <summary>The tenant that placed it.</summary>
    public string? Account { get; init; }

    /// <summary>Purchase or disconnect.</summary>
    public OrderType Type { get; init; }

    /// <summary>Where the order is in its life.</summary>
    public OrderStatus Status { get; init; }

    /// <summary>Whether the order may end partly filled.</summary>
    public bool PartialAllowed { get; init; }

    /// <summary>The numbers requested, in E.164.</summary>
    public IReadOnlyList<string> Requested { get; init; } = [];

    /// <summary>The numbers acquired (or released) so far.</summary>
    public IReadOnlyList<string> Completed { get; init; } = [];

    /// <summary>The numbers that failed.</summary>
    public IReadOnlyList<string> Failed { get; init; } = [];

    /// <summary>Why the order failed, when it did.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>When it was placed, on the simulator clock.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it last changed, on the simulator clock.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When a pending order settles; null when it stays pending until forced.</summary>
    public DateTimeOffset? DueAt { get; init; }
}
