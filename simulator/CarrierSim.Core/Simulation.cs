using CarrierSim.Core.Accounts;
using CarrierSim.Core.Chaos;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Core.Orders;
using CarrierSim.Core.Randomness;
using CarrierSim.Core.State;
using CarrierSim.Core.Time;

namespace CarrierSim.Core;

/// <summary>Settings of one simulation.</summary>
public sealed class SimulationOptions
{
    /// <summary>One seed drives inventory, ids and chaos.</summary>
    public long Seed { get; set; } = 42;

    public TimeSpan OrderPendingFor { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan Quarantine { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Zero-config tenants kept before the oldest that own nothing are evicted.</summary>
    public int MaxIdleTenants { get; set; } = AccountDirectory.DefaultMaxIdleTenants;
}

/// <summary>
/// The whole simulated carrier world that every dialect shares: a number bought through one
/// dialect is gone for all.
/// </summary>
public sealed class Simulation
{
    /// <param name="store">Where the changing state lives: null for the in-memory default; a shared store (PostgreSQL) to share it with other processes.</param>
    public Simulation(NumberingCatalog catalog, SimulationOptions options, TimeProvider time, IChaosRandomizer? randomizer = null, IStateStore? store = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        Store = store ?? new InMemoryStateStore();
        Clock = time as SimulatorClock ?? new SimulatorClock(time);
        Ids = new IdGenerator(options.Seed);
        Inventory = new NumberInventory(catalog, new InventoryOptions { Seed = options.Seed, Quarantine = options.Quarantine }, Clock, Store);
        Orders = new OrderBook(Inventory, Clock, new OrderOptions { PendingFor = options.OrderPendingFor }, Ids);
        Accounts = new AccountDirectory(options.MaxIdleTenants, account => account.IsPristine && !Inventory.OwnsAny(account.Owner) && !Orders.HasOrders(account.Owner), Store);
        Chaos = new ChaosEngine(Clock, randomizer ?? new SeededChaosRandomizer(options.Seed));
        if (Store.IsShared)
        {
            Ids.UseBlocks(size => Store.Reserve("ids", size));
        }

        Orders.Projected += projection =>
        {
            if (projection is ITenantState records)
            {
                State.Add(records);
            }
        };
        State.Add(Accounts.CreditState);
        State.Add(Orders.State(Accounts.FindByOwner));
        State.Add(Accounts.DeclarationState);
        State.Add(Clock.SharedState);
        State.Add(new SeedState(options.Seed));
        State.Add(Chaos.State);
    }

    /// <summary>Where the changing state lives (<see cref="InMemoryStateStore"/> unless shared).</summary>
    public IStateStore Store { get; }

    /// <summary>Every component of the state; dialects add their records' components at start.</summary>
    public StateComponents State { get; } = new();

    public ChaosEngine Chaos { get; }

    public SimulationOptions Options { get; }

    public SimulatorClock Clock { get; }

    public IdGenerator Ids { get; }

    public NumberInventory Inventory { get; }

    public AccountDirectory Accounts { get; }

    public OrderBook Orders { get; }

    /// <summary>Raised by <see cref="Reset"/> so that dialects can drop their records too.</summary>
    public event Action? ResetRequested;

    /// <summary>
    /// Deletes a tenant with everything it holds: its numbers go back to the pool at once, its
    /// orders and every dialect's records of it are forgotten, and the tenant itself is removed
    /// (a declared account starts afresh from its declaration on its next use).
    /// </summary>
    /// <returns>What was deleted, or null when there is no such tenant.</returns>
    public DeletedTenant? DeleteTenant(string dialect, string id)
    {
        if (Accounts.Remove(dialect, id) is not { } account)
        {
            return null;
        }

        Store.Forget(account.Owner);
        var orders = Orders.Forget(account.Owner);
        var numbers = Inventory.ReleaseAll(account.Owner);
        return new DeletedTenant(account, numbers, orders);
    }

    /// <summary>
    /// Drops this process's copy of the state without touching a shared store (which was reset, or
    /// lost tenants, elsewhere): orders, changed numbers, tenants and dialect records are forgotten
    /// here, to be loaded again from the store as they are used.
    /// </summary>
    public void ForgetLocal()
    {
        Orders.Reset();
        Inventory.Reset();
        Accounts.ForgetLocal();
        ResetRequested?.Invoke();
    }

    /// <summary>Back to the state right after start: base inventory, declared accounts only, no orders, clock unshifted.</summary>
    public void Reset()
    {
        Store.Reset();
        Orders.Reset();
        Inventory.Reset();
        Accounts.Reset();
        Ids.Reset();
        Clock.Reset();
        Chaos.Reset();
        ResetRequested?.Invoke();
    }
}

/// <summary>
/// The seed as shared state: base availability is computed from it, so every process over one shared
/// store must have the same; one with another seed refuses to join rather than offer other numbers.
/// </summary>
internal sealed class SeedState(long seed) : ISharedState
{
    private sealed record SeedDocument(long Seed);

    public string Name => "seed";

    public byte[] Export() => StateJson.Serialize(new SeedDocument(seed));

    /// <exception cref="InvalidOperationException">The shared world was made with another seed.</exception>
    public void Import(ReadOnlySpan<byte> state)
    {
        var stored = StateJson.Deserialize<SeedDocument>(state).Seed;
        if (stored != seed)
        {
            throw new InvalidOperationException(
                $"This simulator's seed is {seed}, but the shared store's world was made with seed {stored}: every replica must use the same seed (base availability comes from it). Start with --seed {stored}, or use another database.");
        }
    }
}

/// <summary>A deleted tenant, with how many numbers went back to the pool and how many orders were forgotten.</summary>
public sealed record DeletedTenant(Account Account, int NumbersReleased, int OrdersForgotten);
