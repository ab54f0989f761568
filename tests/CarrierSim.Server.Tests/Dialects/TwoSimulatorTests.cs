using CarrierSim.Core.Inventory;

namespace CarrierSim.Server.Tests.Dialects;

/// <summary>
/// The set-up of the tests of a dialect's tenant state: two simulators, started alike before each
/// test and stopped after it, as two processes over one shared store. The tests act in
/// <see cref="First"/> and carry its tenants' state into <see cref="Second"/>.
/// </summary>
public abstract class TwoSimulatorTests : IAsyncLifetime
{
    private readonly IReadOnlyDictionary<string, string?>? _declarations;

    /// <param name="declarations">The settings both simulators start with (declared accounts and their keys); none by default.</param>
    protected TwoSimulatorTests(IReadOnlyDictionary<string, string?>? declarations = null) => _declarations = declarations;

    /// <summary>The simulator the tests act in: where the state comes from.</summary>
    private protected TestSimulator First { get; private set; } = null!;

    /// <summary>The simulator the state is carried into, to answer the same.</summary>
    private protected TestSimulator Second { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        First = await TestSimulator.StartAsync(_declarations);
        Second = await TestSimulator.StartAsync(_declarations);
    }

    public async ValueTask DisposeAsync()
    {
        await First.DisposeAsync();
        await Second.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Copies tenants from <see cref="First"/> into <see cref="Second"/> on the same clock: each one is
    /// made in the second simulator by <paramref name="open"/> (a request of its own), then its state and
    /// the numbers it owns are copied there. Returns each tenant's owner in both.
    /// </summary>
    private protected async Task<(OwnerId First, OwnerId Second)[]> CopyTenantsAsync<T>(string dialect, IEnumerable<T> tenants, Func<T, Task> open, Func<TestSimulator, T, OwnerId> ownerOf)
    {
        Second.Time.SetUtcNow(First.Time.GetUtcNow());
        var owners = new List<(OwnerId, OwnerId)>();
        foreach (var tenant in tenants)
        {
            await open(tenant);
            var (first, second) = (ownerOf(First, tenant), ownerOf(Second, tenant));
            TenantStateTransfer.Copy(First.Simulation, first, Second.Simulation, second, dialect);
            owners.Add((first, second));
        }

        return [.. owners];
    }

    /// <summary>Asserts that each tenant's state of <paramref name="name"/> is there and exports the same bytes from both simulators.</summary>
    private protected void AssertSameExports(string name, IEnumerable<(OwnerId First, OwnerId Second)> owners)
    {
        foreach (var (first, second) in owners)
        {
            var exported = TenantStateTransfer.Component(First.Simulation, name).Export(first);
            Assert.NotNull(exported);
            Assert.Equal(exported, TenantStateTransfer.Component(Second.Simulation, name).Export(second));
        }
    }

    /// <summary>The same, for tenants given as a map from their owner in the first simulator to their owner in the second.</summary>
    private protected void AssertSameExports(string name, IReadOnlyDictionary<OwnerId, OwnerId> owners) =>
        AssertSameExports(name, owners.Select(o => (o.Key, o.Value)));
}
