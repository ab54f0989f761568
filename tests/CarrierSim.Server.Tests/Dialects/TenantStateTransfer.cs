using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using CarrierSim.Core;
using CarrierSim.Core.Accounts;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Core.State;

namespace CarrierSim.Server.Tests.Dialects;

/// <summary>
/// Carries tenants from one simulation to another through the state components, as a shared store
/// does between processes: the tenants' credit, orders and dialect records by export and import, and
/// the numbers they hold (which a shared store keeps in its number table). Owner ids may differ
/// between the two simulations. What the tests of each dialect's tenant state stand on.
/// </summary>
internal static class TenantStateTransfer
{
    /// <summary>The tenant a request creates: the one account of <paramref name="dialect"/> that was not there before it.</summary>
    public static async Task<Account> TenantOfAsync(TestSimulator sim, string dialect, Func<Task> request)
    {
        var before = sim.Simulation.Accounts.All.Select(a => a.Owner).ToHashSet();
        await request();
        return Assert.Single(sim.Simulation.Accounts.All, a => a.Dialect == dialect && !before.Contains(a.Owner));
    }

    /// <summary>The simulation's tenant state component of that name (<c>credit</c>, <c>orders</c> or a dialect's id).</summary>
    public static ITenantState Component(Simulation simulation, string name) =>
        Assert.Single(simulation.State.Tenant, c => c.Name == name);

    /// <summary>
    /// Copies one tenant, <paramref name="source"/> in <paramref name="from"/> and <paramref name="target"/>
    /// in <paramref name="to"/>: its state, then the numbers it owns.
    /// </summary>
    public static void Copy(Simulation from, OwnerId source, Simulation to, OwnerId target, string dialect)
    {
        CopyState(from, source, to, target, dialect);
        foreach (var number in from.Inventory.OwnedBy(source))
        {
            to.Inventory.Force(number, NumberStatus.OwnedBy(target));
        }
    }

    /// <summary>
    /// Copies tenants from <paramref name="from"/> to <paramref name="to"/>, whose owner ids may differ
    /// (<paramref name="owners"/> maps them): the clock, the inventory's state of <paramref name="numbers"/>
    /// (the inventory is shared on its own in a shared store) and of the numbers the tenants own, then
    /// each tenant's state.
    /// </summary>
    public static void Copy(TestSimulator from, TestSimulator to, string dialect, IReadOnlyDictionary<OwnerId, OwnerId> owners, IEnumerable<PhoneNumber> numbers)
    {
        var ahead = from.Time.GetUtcNow() - to.Time.GetUtcNow();
        if (ahead > TimeSpan.Zero)
        {
            to.Time.Advance(ahead);
        }

        var all = numbers.ToHashSet();
        foreach (var owner in owners.Keys)
        {
            all.UnionWith(from.Simulation.Inventory.OwnedBy(owner));
        }

        foreach (var number in all)
        {
            var status = from.Simulation.Inventory.GetStatus(number);
            if (status.State == NumberState.NotInInventory)
            {
                continue;
            }

            var mapped = status.Owner is { } owner ? status with { Owner = owners[owner] } : status;
            to.Simulation.Inventory.Force(number, mapped);
        }

        foreach (var (owner, theirs) in owners)
        {
            CopyState(from.Simulation, owner, to.Simulation, theirs, dialect);
        }
    }

    /// <summary>A tenant's credit, orders and the dialect's records, in that order (a dialect's records refer to orders).</summary>
    private static void CopyState(Simulation from, OwnerId source, Simulation to, OwnerId target, string dialect)
    {
        foreach (var name in new[] { "credit", "orders", dialect })
        {
            var state = Component(from, name).Export(source);
            Component(to, name).Import(target, name == "orders" ? Reown(state, source, target) : state);
        }
    }

    /// <summary>
    /// The order book's documents name their owner and payer by owner id: the same orders under the
    /// other simulation's owner id (a shared store gives a tenant the same owner id everywhere).
    /// </summary>
    public static byte[]? Reown(byte[]? orders, OwnerId source, OwnerId target)
    {
        if (orders is null || source == target)
        {
            return orders;
        }

        var documents = JsonNode.Parse(orders)!.AsArray();
        foreach (var document in documents.Select(d => d!.AsObject()))
        {
            foreach (var field in new[] { "owner", "payer" })
            {
                if (document[field] is { } value && value.GetValue<int>() == source.Value)
                {
                    document[field] = target.Value;
                }
            }
        }

        return JsonSerializer.SerializeToUtf8Bytes(documents);
    }

    /// <summary>Asserts that every GET answers the same status and the same bytes in both simulators.</summary>
    public static async Task AssertSameAnswersAsync(HttpClient first, HttpClient second, IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            using var expected = await first.Get(path);
            using var actual = await second.Get(path);
            var expectedBody = await expected.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True(expected.StatusCode == actual.StatusCode, $"GET {path}: {(int)expected.StatusCode} then {(int)actual.StatusCode}");
            Assert.Equal(expectedBody, await actual.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }
    }

    /// <summary>
    /// Imports nothing for <paramref name="emptied"/> into the simulation's state component <paramref name="name"/>
    /// and asserts that this removes that owner's state only: it exports nothing after, and
    /// <paramref name="kept"/> exports the same as before.
    /// </summary>
    public static void AssertImportingNothingEmptiesOnly(Simulation simulation, string name, OwnerId emptied, OwnerId kept)
    {
        var component = Component(simulation, name);
        var before = component.Export(kept);
        Assert.NotNull(before);
        component.Import(emptied, []);

        Assert.Null(component.Export(emptied));
        Assert.Equal(before, component.Export(kept));
    }

    /// <summary>
    /// Asserts that two lists of records have equal values in every public property, and that the
    /// second's owner is <paramref name="owner"/> (owner ids differ between the simulations), so
    /// that a field a store forgets to keep fails here even when no answer shows it.
    /// </summary>
    public static void AssertSameRecords<T>(IReadOnlyList<T> expected, IReadOnlyList<T> actual, OwnerId owner)
        where T : class
    {
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Count, actual.Count);
        Assert.All(actual, record => Assert.Equal(owner, (OwnerId)typeof(T).GetProperty("Owner")!.GetValue(record)!));
        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.PropertyType != typeof(OwnerId)).ToList();
        Assert.True(properties.Count >= 5, $"{typeof(T).Name} has only {properties.Count} properties to compare");
        for (var i = 0; i < expected.Count; i++)
        {
            foreach (var property in properties)
            {
                var (want, got) = (property.GetValue(expected[i]), property.GetValue(actual[i]));
                if (want is JsonElement wanted && got is JsonElement gotten)
                {
                    (want, got) = (wanted.GetRawText(), gotten.GetRawText());
                }

                Assert.True(Equals(want, got), $"{typeof(T).Name}.{property.Name} of record {i}: {want} became {got}");
            }
        }
    }

    /// <summary>A bare simulation (no host) over a store, on a clock.</summary>
    public static Simulation NewSimulation(TimeProvider time, IStateStore? store) =>
        new(NumberingCatalog.Embedded, new SimulationOptions { Seed = 7 }, time, store: store);
}

/// <summary>
/// A store that says it is shared and otherwise keeps everything in memory: what a dialect sees of a
/// shared store (ids from its counters, secrets from other processes) without a database. Stores
/// made over one <see cref="InMemoryStateStore"/> share its counters, as processes over one database do.
/// Made with <c>shared: false</c> it says it is not shared: what <see cref="IStateStore.IsShared"/> alone changes in one process.
/// </summary>
internal sealed class SharedMemoryStore(InMemoryStateStore? memory = null, bool shared = true) : IStateStore
{
    private readonly InMemoryStateStore _memory = memory ?? new();

    public bool IsShared => shared;

    public IIdempotencyKeys? Keys => null;

    public bool TryWriteNumbers(IReadOnlyList<NumberWrite> writes, out IReadOnlyList<KeyValuePair<ulong, NumberEntry?>> stored) => _memory.TryWriteNumbers(writes, out stored);

    public IReadOnlyList<KeyValuePair<ulong, NumberEntry?>> ReadNumbers(IReadOnlyCollection<ulong> digits) => _memory.ReadNumbers(digits);

    public int OwnerOf(string dialect, string id, bool declared) => _memory.OwnerOf(dialect, id, declared);

    public long Reserve(string counter, int size) => _memory.Reserve(counter, size);

    public void Forget(OwnerId owner) => _memory.Forget(owner);

    public void Reset() => _memory.Reset();

    public ValueTask<IStateScope?> BeginAsync(OwnerId? tenant, CancellationToken cancellationToken) => _memory.BeginAsync(tenant, cancellationToken);
}
