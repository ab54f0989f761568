namespace CarrierSim.Core.Inventory;

/// <summary>Who a number belongs to, from the simulator's point of view.</summary>
public enum NumberState : byte
{
    /// <summary>Free to be searched and acquired.</summary>
    Available = 0,

    /// <summary>Owned by an account of this simulator.</summary>
    Owned = 1,

    /// <summary>In service with another buyer (base inventory or taken by a competitor).</summary>
    Taken = 2,

    /// <summary>Recently released; available again once the quarantine ends.</summary>
    Quarantined = 3,

    /// <summary>Not a number this simulator's catalog offers.</summary>
    NotInInventory = 4,

    /// <summary>
    /// Held (reserved) for one owner until a simulator time: nobody else is offered it or can
    /// acquire it, its owner can; when the hold ends it is available again.
    /// </summary>
    Held = 5,
}

/// <summary>An account that can own numbers. The inventory knows accounts only by this id.</summary>
public readonly record struct OwnerId(int Value)
{
    public override string ToString() => $"owner:{Value}";
}

/// <summary>The state of one number, as the inventory sees it now.</summary>
/// <param name="Owner">The owner when <see cref="State"/> is <see cref="NumberState.Owned"/> or <see cref="NumberState.Held"/>.</param>
/// <param name="Until">When a quarantine or a hold ends.</param>
public readonly record struct NumberStatus(NumberState State, OwnerId? Owner = null, DateTimeOffset? Until = null)
{
    public static NumberStatus Available { get; } = new(NumberState.Available);

    public static NumberStatus Taken { get; } = new(NumberState.Taken);

    public static NumberStatus OwnedBy(OwnerId owner) => new(NumberState.Owned, owner);

    public static NumberStatus HeldFor(OwnerId owner, DateTimeOffset until) => new(NumberState.Held, owner, until);
}
