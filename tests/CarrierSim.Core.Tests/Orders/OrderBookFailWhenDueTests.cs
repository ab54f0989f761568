using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Core.Orders;
using CarrierSim.Core.Randomness;
using CarrierSim.Core.Tests.Inventory;
using Microsoft.Extensions.Time.Testing;

namespace CarrierSim.Core.Tests.Orders;

/// <summary>
/// Orders of vendors that accept every order and report unavailable numbers when it settles
/// (<see cref="OrderRequest.FailWhenDue"/>), and quantity orders whose search found too few numbers
/// (<see cref="OrderRequest.Shortfall"/>).
/// </summary>
public class OrderBookFailWhenDueTests
{
    private static readonly OwnerId Buyer = new(1);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly NumberInventory _inventory;
    private readonly OrderBook _orders;

    public OrderBookFailWhenDueTests()
    {
        _inventory = TestCatalog.Inventory(time: _time);
        _orders = new OrderBook(_inventory, _time, new OrderOptions { PendingFor = TimeSpan.FromSeconds(10) }, new IdGenerator(1));
    }

    private PhoneNumber[] Available(int count) =>
        [.. _inventory.Search(new SearchCriteria { AreaCode = Npa.FromInt32(919), Quantity = count }).Select(n => n.Number)];

    private PlaceResult Place(IReadOnlyList<PhoneNumber> numbers, bool partial, bool failWhenDue, int shortfall = 0) => _orders.Place(new OrderRequest
    {
        Owner = Buyer,
        Origin = "test",
        IdPrefix = "ord_",
        Numbers = numbers,
        PartialAllowed = partial,
        FailWhenDue = failWhenDue,
        Shortfall = shortfall,
    });

    [Fact]
    public void Place_AllOrNothingWithATakenNumber_IsRefusedUnlessFailWhenDue()
    {
        var numbers = Available(2);
        _inventory.TakeByCompetitor([numbers[1]]);

        var refused = Place(numbers, partial: false, failWhenDue: false);
        var accepted = Place(numbers, partial: false, failWhenDue: true);

        Assert.Null(refused.Order);
        Assert.Equal(PlaceFailure.Unavailable, refused.Failure);
        var order = accepted.Order!;
        Assert.Equal(OrderStatus.Pending, order.Status);
        Assert.Empty(order.Held);
        Assert.Equal([numbers[1]], order.Rejected);
        Assert.Equal(NumberState.Available, _inventory.GetStatus(numbers[0]).State);
    }

    [Fact]
    public void Settle_FailWhenDue_FailsWholeAndLeavesTheAvailableNumberUnowned()
    {
        var numbers = Available(2);
        _inventory.TakeByCompetitor([numbers[1]]);
        var order = Place(numbers, partial: false, failWhenDue: true).Order!;

        _time.Advance(TimeSpan.FromSeconds(11));
        _orders.SettleDue();

        Assert.Equal(OrderStatus.Failed, order.Status);
        Assert.Empty(order.Completed);
        Assert.Equal(numbers, order.Failed);
        Assert.Equal(NumberState.Available, _inventory.GetStatus(numbers[0]).State);
    }

    [Fact]
    public void Settle_ShortfallWithPartialAllowed_EndsPartialWithTheFoundNumbers()
    {
        var numbers = Available(2);
        var order = Place(numbers, partial: true, failWhenDue: true, shortfall: 3).Order!;

        _time.Advance(TimeSpan.FromSeconds(11));
        _orders.SettleDue();

        Assert.Equal(3, order.Shortfall);
        Assert.Equal(OrderStatus.Partial, order.Status);
        Assert.Equal(numbers, order.Completed);
        Assert.All(numbers, n => Assert.Equal(NumberState.Owned, _inventory.GetStatus(n).State));
    }

    [Fact]
    public void Place_ShortfallAllOrNothing_HoldsNothingAndFailsWhenDue()
    {
        var numbers = Available(2);

        var refused = Place(numbers, partial: false, failWhenDue: false, shortfall: 1);
        var order = Place(numbers, partial: false, failWhenDue: true, shortfall: 1).Order!;
        Assert.Null(refused.Order);
        Assert.All(numbers, n => Assert.Equal(NumberState.Available, _inventory.GetStatus(n).State));

        _time.Advance(TimeSpan.FromSeconds(11));
        _orders.SettleDue();

        Assert.Equal(OrderStatus.Failed, order.Status);
        Assert.All(numbers, n => Assert.Equal(NumberState.Available, _inventory.GetStatus(n).State));
    }

    [Fact]
    public void Settle_OnlyShortfall_FailsAnEmptyOrder()
    {
        var order = Place([], partial: true, failWhenDue: true, shortfall: 2).Order!;

        _time.Advance(TimeSpan.FromSeconds(11));
        _orders.SettleDue();

        Assert.Equal(OrderStatus.Failed, order.Status);
    }
}
