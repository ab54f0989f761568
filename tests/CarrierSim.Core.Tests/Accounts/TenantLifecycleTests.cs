using CarrierSim.Core.Accounts;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Core.Orders;
using CarrierSim.Core.Tests.Inventory;
using Microsoft.Extensions.Time.Testing;

namespace CarrierSim.Core.Tests.Accounts;

/// <summary>Zero-config tenants are capped (the oldest idle ones go first), and a tenant can be deleted with everything it holds.</summary>
public class TenantLifecycleTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

    private Simulation NewSimulation(int maxIdleTenants = AccountDirectory.DefaultMaxIdleTenants) =>
        new(TestCatalog.Create(), new SimulationOptions { MaxIdleTenants = maxIdleTenants, OrderPendingFor = TimeSpan.FromSeconds(10) }, _time);

    private static PhoneNumber[] Available(Simulation simulation, int count) =>
        [.. simulation.Inventory.Search(new SearchCriteria { AreaCode = Npa.FromInt32(919), Quantity = count }).Select(n => n.Number)];

    private static Order Buy(Simulation simulation, Account account, params PhoneNumber[] numbers) =>
        simulation.Orders.PlacePurchase(account.Owner, "test", "ord_", numbers, partialAllowed: false).Order!;

    [Fact]
    public void PastTheCap_TheOldestIdleTenantsAreEvicted_AndTenantsThatOwnSomethingStay()
    {
        var simulation = NewSimulation(maxIdleTenants: 20);
        var first = simulation.Accounts.ResolveUndeclared("t", "key-0");
        var owner = simulation.Accounts.ResolveUndeclared("t", "key-1");
        Buy(simulation, owner, Available(simulation, 1));
        var funded = simulation.Accounts.ResolveUndeclared("t", "key-2");
        funded.SetCredit(7m);

        for (var i = 3; i <= 40; i++)
        {
            simulation.Accounts.ResolveUndeclared("t", $"key-{i}");
        }

        var ids = simulation.Accounts.All.Select(a => a.Id).ToList();
        Assert.InRange(ids.Count, 18, 21);
        Assert.Contains("key-1", ids);                // owns a number: never evicted
        Assert.Contains("key-2", ids);                // its settings (credit) changed: never evicted
        Assert.DoesNotContain("key-0", ids);          // the oldest idle one went first
        Assert.Contains("key-40", ids);               // the newest is kept
        Assert.True(simulation.Accounts.Evicted >= 18);
        Assert.Same(owner, simulation.Accounts.ResolveUndeclared("t", "key-1"));
        Assert.NotEqual(first.Owner, simulation.Accounts.ResolveUndeclared("t", "key-0").Owner);
    }

    [Fact]
    public void UnderTheCap_NothingIsEvicted()
    {
        var simulation = NewSimulation(maxIdleTenants: 50);
        var accounts = Enumerable.Range(0, 50).Select(i => simulation.Accounts.ResolveUndeclared("t", $"key-{i}")).ToList();

        Assert.Equal(50, simulation.Accounts.All.Count);
        Assert.Equal(0, simulation.Accounts.Evicted);
        Assert.All(accounts, a => Assert.Same(a, simulation.Accounts.ResolveUndeclared("t", a.Id)));
    }

    [Fact]
    public void DeleteTenant_ReleasesItsNumbersAtOnce_AndForgetsItsOrders()
    {
        var simulation = NewSimulation();
        var alice = simulation.Accounts.ResolveUndeclared("t", "alice");
        var bob = simulation.Accounts.ResolveUndeclared("t", "bob");
        var numbers = Available(simulation, 3);
        var pending = Buy(simulation, alice, numbers[0], numbers[1]);
        var bobs = Buy(simulation, bob, numbers[2]);

        var deleted = simulation.DeleteTenant("t", "alice");

        Assert.NotNull(deleted);
        Assert.Equal(2, deleted.NumbersReleased);
        Assert.Equal(1, deleted.OrdersForgotten);
        Assert.Null(simulation.Orders.Find(pending.Id));
        Assert.Same(bobs, simulation.Orders.Find(bob.Owner, bobs.Id));
        Assert.Equal(NumberStatus.Available, simulation.Inventory.GetStatus(numbers[0]));
        Assert.Equal(NumberStatus.Available, simulation.Inventory.GetStatus(numbers[1]));
        Assert.Equal(NumberStatus.OwnedBy(bob.Owner), simulation.Inventory.GetStatus(numbers[2]));
        Assert.DoesNotContain(simulation.Accounts.All, a => a.Id == "alice");
        Assert.NotEqual(alice.Owner, simulation.Accounts.ResolveUndeclared("t", "alice").Owner);

        // Time passing does not bring the forgotten order back or settle it onto the pool's numbers.
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(simulation.Orders.List(alice.Owner));
        Assert.Equal(NumberStatus.Available, simulation.Inventory.GetStatus(numbers[0]));
        Assert.Null(simulation.DeleteTenant("t", "nobody"));
    }

    [Fact]
    public void DeletingADeclaredAccount_StartsItAfreshFromItsDeclaration()
    {
        var simulation = NewSimulation();
        var declared = simulation.Accounts.Declare("t", "acct", AccountSettings.Default with { Credit = 5m });
        Buy(simulation, declared, Available(simulation, 1));
        declared.SetCredit(1m);

        Assert.NotNull(simulation.DeleteTenant("t", "acct"));
        var again = simulation.Accounts.ResolveDeclared("t", "acct");

        Assert.NotEqual(declared.Owner, again.Owner);
        Assert.Equal(5m, again.Credit);
        Assert.Empty(simulation.Inventory.OwnedBy(again.Owner));
    }
}
