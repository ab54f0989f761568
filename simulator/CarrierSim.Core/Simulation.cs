using CarrierSim.Core.Accounts;
using CarrierSim.Core.Chaos;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Core.Orders;
using CarrierSim.Core.Randomness;
using CarrierSim.Core.Time;

namespace CarrierSim.Core;

/// <summary>Settings of one simulation.</summary>
public sealed class SimulationOptions
{
    /// <summary>One seed drives inventory, ids and chaos.</summary>
    public long Seed { get; set; } = 42;

    public TimeSpan OrderPendingFor { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan Quarantine { get; set; } = TimeSpan.FromMinutes(30);
}

/// <summary>
/// The whole simulated carrier world that every dialect shares: a number bought through one
/// dialect is gone for all.
/// </summary>
public sealed class Simulation
{
    public Simulation(NumberingCatalog catalog, SimulationOptions options, TimeProvider time, IChaosRandomizer? randomizer = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        Clock = time as SimulatorClock ?? new SimulatorClock(time);
        Ids = new IdGenerator(options.Seed);
        Inventory = new NumberInventory(catalog, new InventoryOptions { Seed = options.Seed, Quarantine = options.Quarantine }, Clock);
        Accounts = new AccountDirectory();
        Orders = new OrderBook(Inventory, Clock, new OrderOptions { PendingFor = options.OrderPendingFor }, Ids);
        Chaos = new ChaosEngine(Clock, randomizer ?? new SeededChaosRandomizer(options.Seed));
    }

    public ChaosEngine Chaos { get; }

    public SimulationOptions Options { get; }

    public SimulatorClock Clock { get; }

    public IdGenerator Ids { get; }

    public NumberInventory Inventory { get; }

    public AccountDirectory Accounts { get; }

    public OrderBook Orders { get; }

    /// <summary>Raised by <see cref="Reset"/> so that dialects can drop their records too.</summary>
    public event Action? ResetRequested;

    /// <summary>Back to the state right after start: base inventory, declared accounts only, no orders, clock unshifted.</summary>
    public void Reset()
    {
        Orders.Reset();
        Inventory.Reset();
        Accounts.Reset();
        Ids.Reset();
        Clock.Reset();
        Chaos.Reset();
        ResetRequested?.Invoke();
    }
}
