using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using Microsoft.Extensions.Time.Testing;

namespace CarrierSim.Core.Tests.Inventory;

public class NumberInventoryHoldTests
{
    private static readonly OwnerId Alice = new(1);
    private static readonly OwnerId Bob = new(2);
    private static readonly TimeSpan ThirtyMinutes = TimeSpan.FromMinutes(30);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly NumberInventory _inventory;

    public NumberInventoryHoldTests() => _inventory = TestCatalog.Inventory(time: _time);

    private DateTimeOffset Until => _time.GetUtcNow() + ThirtyMinutes;

    private PhoneNumber[] Available(int count, OwnerId? heldFor = null) =>
        [.. _inventory.Search(new SearchCriteria { AreaCode = Npa.FromInt32(919), Quantity = count, IncludeHeldFor = heldFor }).Select(n => n.Number)];

    [Fact]
    public void Hold_Available_HeldForOwnerUntilTheGivenTime()
    {
        var numbers = Available(2);
        var until = Until;

        var result = _inventory.Hold(numbers, Alice, until, AcquireMode.All);

        Assert.Equal(numbers, result.Acquired);
        Assert.All(numbers, n => Assert.Equal(NumberStatus.HeldFor(Alice, until), _inventory.GetStatus(n)));
    }

    [Fact]
    public void Hold_HiddenFromOthersSearch_ShownToOwnerWhenAsked()
    {
        var numbers = Available(3);
        _inventory.Hold([numbers[0]], Alice, Until, AcquireMode.All);

        Assert.DoesNotContain(numbers[0], Available(3));
        Assert.DoesNotContain(numbers[0], Available(3, Bob));
        Assert.Contains(numbers[0], Available(3, Alice));
    }

    [Fact]
    public void Acquire_HeldForAnother_Rejected()
    {
        var number = Available(1)[0];
        _inventory.Hold([number], Alice, Until, AcquireMode.All);

        var result = _inventory.Acquire([number], Bob, AcquireMode.All);

        Assert.Empty(result.Acquired);
        Assert.Equal([new Rejection(number, RejectionReason.HeldForAnother)], result.Rejected);
        Assert.Equal(NumberState.Held, _inventory.GetStatus(number).State);
    }

    [Fact]
    public void Acquire_HeldForSelf_Owns()
    {
        var number = Available(1)[0];
        _inventory.Hold([number], Alice, Until, AcquireMode.All);

        var result = _inventory.Acquire([number], Alice, AcquireMode.All);

        Assert.Equal([number], result.Acquired);
        Assert.Equal(NumberStatus.OwnedBy(Alice), _inventory.GetStatus(number));
    }

    [Fact]
    public void Hold_Expired_AvailableToEveryone()
    {
        var number = Available(1)[0];
        _inventory.Hold([number], Alice, Until, AcquireMode.All);

        _time.Advance(ThirtyMinutes);

        Assert.Equal(NumberStatus.Available, _inventory.GetStatus(number));
        Assert.Contains(number, Available(1));
        Assert.Equal([number], _inventory.Acquire([number], Bob, AcquireMode.All).Acquired);
    }

    [Fact]
    public void Hold_OneSecondBeforeExpiry_StillHeld()
    {
        var number = Available(1)[0];
        _inventory.Hold([number], Alice, Until, AcquireMode.All);

        _time.Advance(ThirtyMinutes - TimeSpan.FromSeconds(1));

        Assert.Equal(RejectionReason.HeldForAnother, Assert.Single(_inventory.Acquire([number], Bob, AcquireMode.All).Rejected).Reason);
    }

    [Fact]
    public void Hold_HeldForAnother_Rejected_AndAllOrNothingHoldsNone()
    {
        var numbers = Available(2);
        _inventory.Hold([numbers[1]], Alice, Until, AcquireMode.All);

        var result = _inventory.Hold(numbers, Bob, Until, AcquireMode.All);

        Assert.Empty(result.Acquired);
        Assert.Equal([new Rejection(numbers[1], RejectionReason.HeldForAnother)], result.Rejected);
        Assert.Equal(NumberState.Available, _inventory.GetStatus(numbers[0]).State);
    }

    [Fact]
    public void Hold_BestEffort_HoldsWhatCanBeHad()
    {
        var numbers = Available(2);
        _inventory.Acquire([numbers[1]], Alice, AcquireMode.All);

        var result = _inventory.Hold(numbers, Bob, Until, AcquireMode.Available);

        Assert.Equal([numbers[0]], result.Acquired);
        Assert.Equal([new Rejection(numbers[1], RejectionReason.OwnedByAnotherAccount)], result.Rejected);
    }

    [Fact]
    public void Hold_AlreadyHeldBySelf_MovesTheEndTime()
    {
        var number = Available(1)[0];
        _inventory.Hold([number], Alice, Until, AcquireMode.All);
        _time.Advance(TimeSpan.FromMinutes(20));
        var later = Until;

        _inventory.Hold([number], Alice, later, AcquireMode.All);
        _time.Advance(TimeSpan.FromMinutes(20));

        Assert.Equal(NumberStatus.HeldFor(Alice, later), _inventory.GetStatus(number));
    }

    [Fact]
    public void ReleaseHold_ByOwner_AvailableAtOnce()
    {
        var number = Available(1)[0];
        _inventory.Hold([number], Alice, Until, AcquireMode.All);

        Assert.False(_inventory.ReleaseHold(number, Bob));
        Assert.True(_inventory.ReleaseHold(number, Alice));

        Assert.Equal(NumberStatus.Available, _inventory.GetStatus(number));
        Assert.False(_inventory.ReleaseHold(number, Alice));
    }

    [Fact]
    public void TakeByCompetitor_HeldNumber_LeftAlone()
    {
        var number = Available(1)[0];
        _inventory.Hold([number], Alice, Until, AcquireMode.All);

        Assert.Empty(_inventory.TakeByCompetitor([number]));
        Assert.Equal(NumberState.Held, _inventory.GetStatus(number).State);
    }

    [Fact]
    public void Force_Held_SetsHolderAndEnd()
    {
        var number = Available(1)[0];
        var until = Until;

        _inventory.Force(number, NumberStatus.HeldFor(Bob, until));

        Assert.Equal(NumberStatus.HeldFor(Bob, until), _inventory.GetStatus(number));
    }

    [Fact]
    public async Task Hold_ConcurrentOwners_ExactlyOneWins()
    {
        var number = Available(1)[0];
        var owners = Enumerable.Range(10, 16).Select(i => new OwnerId(i)).ToList();

        var results = await Task.WhenAll(owners.Select(o => Task.Run(() => (Owner: o, Result: _inventory.Hold([number], o, Until, AcquireMode.All)), TestContext.Current.CancellationToken)));

        var winner = Assert.Single(results, r => r.Result.Acquired.Count == 1);
        Assert.Equal(winner.Owner, _inventory.GetStatus(number).Owner);
    }
}
