namespace CarrierSim.Core.Inventory;

/// <summary>Settings of the inventory engine.</summary>
public sealed class InventoryOptions
{
    /// <summary>One seed drives base availability, search order and (later) chaos.</summary>
    public long Seed { get; set; } = 42;

    /// <summary>How long a released number stays out of search, on the simulator clock.</summary>
    public TimeSpan Quarantine { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Upper bound on numbers examined by one search, so that a rare pattern over a large
    /// area cannot stall a request; the search then returns what it found.
    /// </summary>
    public int MaxNumbersExamined { get; set; } = 2_000_000;
}
