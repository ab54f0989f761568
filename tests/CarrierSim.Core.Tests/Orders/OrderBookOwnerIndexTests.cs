using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Core.Orders;
using CarrierSim.Core.Randomness;
using CarrierSim.Core.Tests.Inventory;
using Microsoft.Extensions.Time.Testing;

namespace CarrierSim.Core.Tests.Orders;

/// <summary>The order book's per-owner index: an owner's reads see exactly that owner's orders, however they were placed, restored or reset.</summary>
public class OrderBookOwnerIndexTests
{
    private static readonly OwnerId Alice = new(1);
    private static readonly OwnerId Bob = new(2);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly NumberInventory _inventory;
    private readonly OrderBook _orders;

    public OrderBookOwnerIndexTests()
    {
        _inventory = TestCatalog.Inventory(time: _time);
        _orders = new OrderBook(_inventory, _time, new OrderOptions { PendingFor = TimeSpan.FromSeconds(10) }, new IdGenerator(1));
    }

    private PhoneNumber[] Available(int count) =>
        [.. _inventory.Search(new SearchCriteria { AreaCode = Npa.FromInt32(919), Quantity = count }).Select(n => n.Number)];

    private Order Buy(OwnerId owner, PhoneNumber number) =>
        _orders.PlacePurchase(owner, "test", "ord_", [number], partialAllowed: false).Order!;

    [Fact]
    public void ListAndFind_SeeOnlyTheOwnersOrders()
    {
        var numbers = Available(3);
        var alice = Buy(Alice, numbers[0]);
        var bob1 = Buy(Bob, numbers[1]);
        var bob2 = Buy(Bob, numbers[2]);

        Assert.Equal([alice.Id], _orders.List(Alice).Select(o => o.Id));
        Assert.Equal(new[] { bob1.Id, bob2.Id }.Order(), _orders.List(Bob).Select(o => o.Id).Order());
        Assert.Empty(_orders.List(new OwnerId(3)));
        Assert.Null(_orders.Find(Alice, bob1.Id));
        Assert.Same(bob1, _orders.Find(Bob, bob1.Id));
        Assert.Equal(3, _orders.List().Count);
    }

    [Fact]
    public void SettleDue_OfOneOwner_LeavesOtherOwnersPending()
    {
        var numbers = Available(2);
        var alice = Buy(Alice, numbers[0]);
        var bob = Buy(Bob, numbers[1]);
        _time.Advance(TimeSpan.FromSeconds(11));

        _orders.SettleDue(Alice);

        Assert.Equal(OrderStatus.Complete, alice.Status);
        Assert.Equal(OrderStatus.Pending, bob.Status);
        _orders.SettleDue();
        Assert.Equal(OrderStatus.Complete, bob.Status);
    }

    [Fact]
    public void Restore_OfAnIdAnotherOwnerHad_MovesTheOrderToTheNewOwner()
    {
        var numbers = Available(2);
        _orders.Restore("ord_fixture", Alice, "test", [numbers[0]]);

        var restored = _orders.Restore("ord_fixture", Bob, "test", [numbers[1]]);

        Assert.Empty(_orders.List(Alice));
        Assert.Null(_orders.Find(Alice, "ord_fixture"));
        Assert.Same(restored, Assert.Single(_orders.List(Bob)));
        Assert.Same(restored, _orders.Find("ord_fixture"));
    }

    [Fact]
    public void Reset_EmptiesEveryOwnersIndex()
    {
        var numbers = Available(1);
        var alice = Buy(Alice, numbers[0]);

        _orders.Reset();

        Assert.Empty(_orders.List(Alice));
        Assert.Null(_orders.Find(Alice, alice.Id));
    }
}
