using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using Microsoft.Extensions.Time.Testing;

namespace CarrierSim.Core.Tests.Inventory;

/// <summary>The inventory's per-owner index follows every way a number changes hands.</summary>
public class NumberInventoryOwnedByTests
{
    private static readonly OwnerId Alice = new(1);
    private static readonly OwnerId Bob = new(2);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly NumberInventory _inventory;

    public NumberInventoryOwnedByTests() => _inventory = TestCatalog.Inventory(time: _time);

    private PhoneNumber[] Available(int count) =>
        [.. _inventory.Search(new SearchCriteria { AreaCode = Npa.FromInt32(919), Quantity = count }).Select(n => n.Number)];

    [Fact]
    public void OwnedBy_FollowsAcquireForceAndRelease()
    {
        var numbers = Available(5).Order().ToArray();
        _inventory.Acquire(numbers, Alice, AcquireMode.All);
        Assert.Equal(numbers, _inventory.OwnedBy(Alice));

        _inventory.Force(numbers[0], NumberStatus.OwnedBy(Bob));
        _inventory.Release(numbers[1], Alice);
        _inventory.Release(numbers[2], Alice, quarantine: false);
        _inventory.Force(numbers[3], NumberStatus.Available);

        Assert.Equal([numbers[4]], _inventory.OwnedBy(Alice));
        Assert.Equal([numbers[0]], _inventory.OwnedBy(Bob));
        Assert.Empty(_inventory.OwnedBy(new OwnerId(3)));

        _inventory.Acquire([numbers[2]], Bob, AcquireMode.All);
        Assert.Equal(new[] { numbers[0], numbers[2] }, _inventory.OwnedBy(Bob));
    }

    [Fact]
    public void OwnedBy_IsEmptyAfterReset()
    {
        var numbers = Available(2);
        _inventory.Acquire(numbers, Alice, AcquireMode.All);

        _inventory.Reset();

        Assert.Empty(_inventory.OwnedBy(Alice));
        _inventory.Acquire([numbers[0]], Bob, AcquireMode.All);
        Assert.Equal([numbers[0]], _inventory.OwnedBy(Bob));
    }
}
