using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using Microsoft.Extensions.Time.Testing;

namespace CarrierSim.Core.Tests.Inventory;

public class NumberInventoryAcquireTests
{
    private static readonly OwnerId Alice = new(1);
    private static readonly OwnerId Bob = new(2);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly NumberInventory _inventory;

    public NumberInventoryAcquireTests() => _inventory = TestCatalog.Inventory(time: _time);

    private PhoneNumber[] Available(int count) =>
        [.. _inventory.Search(new SearchCriteria { AreaCode = Npa.FromInt32(919), Quantity = count }).Select(n => n.Number)];

    private PhoneNumber BaseTaken() =>
        Enumerable.Range(0, 10_000).Select(line => PhoneNumber.FromNanp(NpaNxx.FromInt32(919833), line))
            .First(n => _inventory.GetStatus(n).State == NumberState.Taken);

    [Fact]
    public void Acquire_AllAvailable_OwnsEveryNumber()
    {
        var numbers = Available(3);

        var result = _inventory.Acquire(numbers, Alice, AcquireMode.All);

        Assert.True(result.IsComplete);
        Assert.Equal(numbers, result.Acquired);
        Assert.All(numbers, n => Assert.Equal(NumberStatus.OwnedBy(Alice), _inventory.GetStatus(n)));
    }

    [Fact]
    public void Acquire_AllWithOneTaken_TakesNothing()
    {
        var numbers = Available(3).Append(BaseTaken()).ToArray();

        var result = _inventory.Acquire(numbers, Alice, AcquireMode.All);

        Assert.Empty(result.Acquired);
        Assert.Equal([new Rejection(numbers[3], RejectionReason.Taken)], result.Rejected);
        Assert.All(numbers.Take(3), n => Assert.Equal(NumberState.Available, _inventory.GetStatus(n).State));
    }

    [Fact]
    public void Acquire_BestEffort_TakesWhatIsAvailable()
    {
        var numbers = Available(3).Append(BaseTaken()).ToArray();

        var result = _inventory.Acquire(numbers, Alice, AcquireMode.Available);

        Assert.Equal(numbers.Take(3), result.Acquired);
        Assert.Single(result.Rejected);
    }

    [Fact]
    public void Acquire_ReportsEachReason()
    {
        var numbers = Available(2);
        _inventory.Acquire([numbers[0]], Bob, AcquireMode.All);
        _inventory.Acquire([numbers[1]], Alice, AcquireMode.All);
        var magic = TestCatalog.Number("+19195551212");

        var result = _inventory.Acquire([numbers[0], numbers[1], magic, magic], Alice, AcquireMode.Available);

        Assert.Equal(
            [RejectionReason.NotInInventory, RejectionReason.Duplicate, RejectionReason.OwnedByAnotherAccount, RejectionReason.AlreadyOwned],
            result.Rejected.Select(r => r.Reason));
    }

    [Fact]
    public void Release_WithQuarantine_ReturnsNumberAfterQuarantineEnds()
    {
        var number = Available(1)[0];
        _inventory.Acquire([number], Alice, AcquireMode.All);

        Assert.True(_inventory.Release(number, Alice));
        Assert.Equal(NumberState.Quarantined, _inventory.GetStatus(number).State);
        Assert.Equal(RejectionReason.Quarantined, _inventory.Acquire([number], Bob, AcquireMode.All).Rejected.Single().Reason);

        _time.Advance(TimeSpan.FromMinutes(30));

        Assert.Equal(NumberState.Available, _inventory.GetStatus(number).State);
        Assert.Single(_inventory.Acquire([number], Bob, AcquireMode.All).Acquired);
    }

    [Fact]
    public void Release_WithoutQuarantine_IsAvailableAtOnce()
    {
        var number = Available(1)[0];
        _inventory.Acquire([number], Alice, AcquireMode.All);

        Assert.True(_inventory.Release(number, Alice, quarantine: false));

        Assert.Equal(NumberState.Available, _inventory.GetStatus(number).State);
    }

    [Fact]
    public void Release_ByAnotherOwner_ChangesNothing()
    {
        var number = Available(1)[0];
        _inventory.Acquire([number], Alice, AcquireMode.All);

        Assert.False(_inventory.Release(number, Bob));
        Assert.False(_inventory.Release(Available(1)[0], Bob));
        Assert.Equal(NumberStatus.OwnedBy(Alice), _inventory.GetStatus(number));
    }

    [Fact]
    public void TakeByCompetitor_TakesOnlyAvailableNumbers()
    {
        var numbers = Available(2);
        _inventory.Acquire([numbers[0]], Alice, AcquireMode.All);

        var taken = _inventory.TakeByCompetitor(numbers);

        Assert.Equal([numbers[1]], taken);
        Assert.Equal(NumberStatus.OwnedBy(Alice), _inventory.GetStatus(numbers[0]));
        Assert.Equal(RejectionReason.Taken, _inventory.Acquire([numbers[1]], Bob, AcquireMode.All).Rejected.Single().Reason);
    }

    [Fact]
    public void Force_SetsAnyState()
    {
        var taken = BaseTaken();
        var available = Available(1)[0];

        _inventory.Force(taken, NumberStatus.Available);
        _inventory.Force(available, NumberStatus.OwnedBy(Bob));

        Assert.Equal(NumberState.Available, _inventory.GetStatus(taken).State);
        Assert.Equal([available], _inventory.OwnedBy(Bob));
        Assert.Throws<ArgumentException>(() => _inventory.Force(TestCatalog.Number("+19195551212"), NumberStatus.Taken));
    }

    [Fact]
    public void Reset_ForgetsEveryChange()
    {
        var number = Available(1)[0];
        _inventory.Acquire([number], Alice, AcquireMode.All);

        _inventory.Reset();

        Assert.Equal(NumberState.Available, _inventory.GetStatus(number).State);
        Assert.Equal(0, _inventory.GetStats().OverlayEntries);
    }

    [Fact]
    public void MagicNumbers_AreOrderableButNeverOffered()
    {
        var available = TestCatalog.Number("+19195550131");
        var taken = TestCatalog.Number("+19845550140");

        Assert.Single(_inventory.Acquire([available], Alice, AcquireMode.All).Acquired);
        Assert.Equal(RejectionReason.Taken, _inventory.Acquire([taken], Alice, AcquireMode.All).Rejected.Single().Reason);
        Assert.DoesNotContain(_inventory.Search(new SearchCriteria { AreaCode = Npa.FromInt32(919), Quantity = 100 }), n => n.Number.NpaNxx.Nxx == 555);
        Assert.Equal(NumberState.NotInInventory, _inventory.GetStatus(TestCatalog.Number("+18005550131")).State);
    }

    [Fact]
    public void GetStatus_OutsideCatalog_IsNotInInventory()
    {
        Assert.Equal(NumberState.NotInInventory, _inventory.GetStatus(TestCatalog.Number("+19195551212")).State);
        Assert.Equal(NumberState.NotInInventory, _inventory.GetStatus(TestCatalog.Number("+33612345678")).State);
    }
}
