using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using CarrierSim.Core;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Core.State;

namespace CarrierSim.Server.Tests.Dialects;

/// <summary>
/// Moves one tenant from one simulation to another as a shared store does between processes: the
/// tenant's orders, credit and dialect records by export and import, and the numbers it owns (which
/// a shared store keeps in its number table). Owner ids may differ between the two simulations.
/// </summary>
internal static class TenantStateTransfer
{
    public static ITenantState Component(Simulation simulation, string name) =>
        Assert.Single(simulation.State.Tenant, c => c.Name == name);

    public static void Copy(Simulation from, OwnerId source, Simulation to, OwnerId target, string dialect)
    {
        foreach (var name in new[] { "credit", "orders", dialect })
        {
            var state = Component(from, name).Export(source);
            Component(to, name).Import(target, name == "orders" ? Reown(state, source, target) : state);
        }

        foreach (var number in from.Inventory.OwnedBy(source))
        {
            to.Inventory.Force(number, NumberStatus.OwnedBy(target));
        }
    }

    /// <summary>The order book's documents name their owner and payer: the same orders under the other simulation's owner id.</summary>
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
/// </summary>
internal sealed class SharedMemoryStore(InMemoryStateStore? memory = null) : IStateStore
{
    private readonly InMemoryStateStore _memory = memory ?? new();

    public bool IsShared => true;

    public IIdempotencyKeys? Keys => null;

    public bool TryWriteNumbers(IReadOnlyList<NumberWrite> writes, out IReadOnlyList<KeyValuePair<ulong, NumberEntry?>> stored) => _memory.TryWriteNumbers(writes, out stored);

    public IReadOnlyList<KeyValuePair<ulong, NumberEntry?>> ReadNumbers(IReadOnlyCollection<ulong> digits) => _memory.ReadNumbers(digits);

    public int OwnerOf(string dialect, string id, bool declared) => _memory.OwnerOf(dialect, id, declared);

    public long Reserve(string counter, int size) => _memory.Reserve(counter, size);

    public void Forget(OwnerId owner) => _memory.Forget(owner);

    public void Reset() => _memory.Reset();

    public ValueTask<IStateScope?> BeginAsync(OwnerId? tenant, CancellationToken cancellationToken) => _memory.BeginAsync(tenant, cancellationToken);
}
