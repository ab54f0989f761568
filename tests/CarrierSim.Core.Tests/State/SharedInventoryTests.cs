using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Core.State;
using CarrierSim.Core.Tests.Inventory;
using Microsoft.Extensions.Time.Testing;

namespace CarrierSim.Core.Tests.State;

/// <summary>
/// Two inventories ("replicas") over one shared store that neither tells the other about: every
/// change is a compare-and-set in the store, so a replica acting on a stale copy loses, takes the
/// stored entries and decides again on them.
/// </summary>
public class SharedInventoryTests
{
    private static readonly OwnerId Alice = new(1);
    private static readonly OwnerId Bob = new(2);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly CompareAndSetStore _store = new();

    private NumberInventory Replica() =>
        new(TestCatalog.Create(), new InventoryOptions { Seed = 7 }, _time, _store);

    private PhoneNumber[] Available(NumberInventory inventory, int count) =>
        [.. inventory.Search(new SearchCriteria { AreaCode = Npa.FromInt32(919), Quantity = count }).Select(n => n.Number)];

    [Fact]
    public void AReplicaWithAStaleCopyCannotTakeANumberTheOtherSold()
    {
        var a = Replica();
        var b = Replica();
        var number = Available(a, 1)[0];

        Assert.True(a.Acquire([number], Alice, AcquireMode.All).IsComplete);
        Assert.Equal(NumberState.Available, b.GetStatus(number).State); // b has not heard of it

        var result = b.Acquire([number], Bob, AcquireMode.All);

        Assert.Empty(result.Acquired);
        Assert.Equal(RejectionReason.OwnedByAnotherAccount, Assert.Single(result.Rejected).Reason);
        Assert.Equal(NumberStatus.OwnedBy(Alice), b.GetStatus(number)); // and now it has
        Assert.Equal(Alice.Value, _store.Entries[number.Digits].Owner);
    }

    [Fact]
    public void AllOrNothingLosingOneNumberWritesNoneOfTheOthers()
    {
        var a = Replica();
        var b = Replica();
        var numbers = Available(a, 3);
        a.Acquire([numbers[1]], Alice, AcquireMode.All);

        var result = b.Acquire(numbers, Bob, AcquireMode.All);

        Assert.Empty(result.Acquired);
        Assert.False(_store.Entries.ContainsKey(numbers[0].Digits));
        Assert.False(_store.Entries.ContainsKey(numbers[2].Digits));
        Assert.Equal(NumberState.Available, b.GetStatus(numbers[0]).State);
    }

    [Fact]
    public void AsManyAsCanBeHadTakesTheRestAfterLosingOne()
    {
        var a = Replica();
        var b = Replica();
        var numbers = Available(a, 3);
        a.Acquire([numbers[1]], Alice, AcquireMode.All);

        var result = b.Acquire(numbers, Bob, AcquireMode.Available);

        Assert.Equal([numbers[0], numbers[2]], result.Acquired);
        Assert.Equal(Bob.Value, _store.Entries[numbers[0].Digits].Owner);
        Assert.Equal(Alice.Value, _store.Entries[numbers[1].Digits].Owner);
    }

    [Fact]
    public void AReleaseOnOneReplicaLetsTheOtherBuyOnceItHasTheStoredEntry()
    {
        var a = Replica();
        var b = Replica();
        var number = Available(a, 1)[0];
        a.Acquire([number], Alice, AcquireMode.All);
        b.Acquire([number], Bob, AcquireMode.All); // loses, and learns Alice owns it
        Assert.True(a.Release(number, Alice, quarantine: false));

        // b still believes Alice owns it: its compare-and-set fails, it takes the stored (available) entry and buys.
        Assert.True(b.Acquire([number], Bob, AcquireMode.All).IsComplete);
        Assert.Equal(Bob.Value, _store.Entries[number.Digits].Owner);
    }

    [Fact]
    public void AStoreThatIsNotSharedIsNeverAsked()
    {
        var local = new CompareAndSetStore(shared: false);
        var inventory = new NumberInventory(TestCatalog.Create(), new InventoryOptions { Seed = 7 }, _time, local);
        var number = Available(inventory, 1)[0];

        Assert.True(inventory.Acquire([number], Alice, AcquireMode.All).IsComplete);
        Assert.True(inventory.Release(number, Alice));
        Assert.Equal(0, local.Writes);
        Assert.Equal(0, local.Reads);
        Assert.Empty(local.Entries);
    }

    /// <summary>A shared store in a dictionary: compare-and-set over every write of a change, all or none.</summary>
    private sealed class CompareAndSetStore(bool shared = true) : IStateStore
    {
        private readonly Lock _gate = new();

        public Dictionary<ulong, NumberEntry> Entries { get; } = [];

        public int Writes { get; private set; }

        public int Reads { get; private set; }

        public bool IsShared => shared;

        public IIdempotencyKeys? Keys => null;

        public bool TryWriteNumbers(IReadOnlyList<NumberWrite> writes, out IReadOnlyList<KeyValuePair<ulong, NumberEntry?>> stored)
        {
            lock (_gate)
            {
                Writes++;
                if (writes.All(w => (Entries.TryGetValue(w.Digits, out var entry) ? entry : (NumberEntry?)null) == w.Expected))
                {
                    foreach (var write in writes)
                    {
                        Entries[write.Digits] = write.Next;
                    }

                    stored = [];
                    return true;
                }

                stored = [.. writes.Select(w => new KeyValuePair<ulong, NumberEntry?>(w.Digits, Entries.TryGetValue(w.Digits, out var e) ? e : null))];
                return false;
            }
        }

        public IReadOnlyList<KeyValuePair<ulong, NumberEntry?>> ReadNumbers(IReadOnlyCollection<ulong> digits)
        {
            lock (_gate)
            {
                Reads++;
                return [.. digits.Select(d => new KeyValuePair<ulong, NumberEntry?>(d, Entries.TryGetValue(d, out var e) ? e : null))];
            }
        }

        public int OwnerOf(string dialect, string id, bool declared) => throw new NotSupportedException();

        public long Reserve(string counter, int size) => throw new NotSupportedException();

        public void Forget(OwnerId owner) => throw new NotSupportedException();

        public void Reset() => throw new NotSupportedException();

        public ValueTask<IStateScope?> BeginAsync(OwnerId? tenant, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
