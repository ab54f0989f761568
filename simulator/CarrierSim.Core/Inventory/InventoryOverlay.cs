using System.Runtime.InteropServices;
using CarrierSim.Core.Randomness;
using CarrierSim.Core.State;

namespace CarrierSim.Core.Inventory;

/// <summary>
/// The numbers whose state differs from the procedural base, in lock-striped dictionaries.
/// A multi-number change locks the stripes it touches in ascending order, so concurrent
/// changes never deadlock and a set is checked and committed as one step.
/// </summary>
/// <remarks>
/// An entry costs 32 bytes in its dictionary's entry array (hash, next, key, value) plus a
/// 4-byte bucket, well under the 64-byte budget; ConcurrentDictionary would allocate a node
/// object per entry and cannot commit a set atomically.
/// With a shared store, the overlay is this process's copy of the store's entries: a change is
/// written to the store by compare-and-set before the stripes are let go, and when another process
/// changed one of its numbers first, the change is undone, the stored entries taken, and the change
/// run again on them.
/// </remarks>
internal sealed class InventoryOverlay
{
    private const int StripeCount = 64;

    /// <summary>How many times a change is run again on fresher entries before it gives up.</summary>
    private const int MaxAttempts = 20;

    private readonly Dictionary<ulong, OverlayEntry>[] _stripes;

    // The numbers each owner holds, changed with the entries while their stripe is locked (each set
    // under its own lock, taken after the stripe's): an owner's numbers are found without looking
    // at anyone else's.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, NumberSet> _owned = new();

    private readonly IStateStore? _store;

    public InventoryOverlay(IStateStore? store = null)
    {
        _store = store is { IsShared: true } ? store : null;
        _stripes = new Dictionary<ulong, OverlayEntry>[StripeCount];
        for (var i = 0; i < StripeCount; i++)
        {
            _stripes[i] = [];
        }
    }

    public bool TryGet(ulong number, out OverlayEntry entry)
    {
        var stripe = _stripes[StripeOf(number)];
        lock (stripe)
        {
            return stripe.TryGetValue(number, out entry);
        }
    }

    /// <summary>
    /// Runs <paramref name="change"/> while holding the locks of every stripe the numbers
    /// fall in; inside it, <see cref="Locked"/> reads and writes entries without locking.
    /// </summary>
    public T WithLocks<T>(IReadOnlyCollection<ulong> numbers, Func<Locked, T> change)
    {
        // A shared store that is busy with another process's change to these numbers: let go of the
        // stripes (that process may need them to finish) and try again shortly.
        for (var busy = 0; ; busy++)
        {
            try
            {
                return WithLocksOnce(numbers, change);
            }
            catch (StoreBusyException) when (busy < MaxBusyRetries)
            {
                Thread.Sleep(Math.Min(50, 1 << Math.Min(busy, 6)) + Random.Shared.Next(5));
            }
        }
    }

    /// <summary>How many times a change waits for a busy shared store before it gives up (about 30 s).</summary>
    private const int MaxBusyRetries = 600;

    private T WithLocksOnce<T>(IReadOnlyCollection<ulong> numbers, Func<Locked, T> change)
    {
        Span<bool> needed = stackalloc bool[StripeCount];
        foreach (var number in numbers)
        {
            needed[StripeOf(number)] = true;
        }

        var taken = 0;
        Span<int> order = stackalloc int[StripeCount];
        for (var i = 0; i < StripeCount; i++)
        {
            if (needed[i])
            {
                order[taken++] = i;
            }
        }

        var entered = 0;
        try
        {
            for (; entered < taken; entered++)
            {
                Monitor.Enter(_stripes[order[entered]]);
            }

            return _store is null ? change(new Locked(this, null)) : ChangeStored(numbers, change);
        }
        finally
        {
            for (var i = entered - 1; i >= 0; i--)
            {
                Monitor.Exit(_stripes[order[i]]);
            }
        }
    }

    /// <summary>
    /// Runs a change on the store's current entries for its numbers and writes what it set to the
    /// store; when another process changed some of them in between, undoes it, takes the stored
    /// entries and runs it again. The caller holds the stripes.
    /// </summary>
    private T ChangeStored<T>(IReadOnlyCollection<ulong> numbers, Func<Locked, T> change)
    {
        foreach (var (digits, entry) in _store!.ReadNumbers(numbers))
        {
            new Locked(this, null).Put(digits, entry);
        }

        for (var attempt = 1; ; attempt++)
        {
            var writes = new List<NumberWrite>();
            var result = change(new Locked(this, writes));
            IReadOnlyList<KeyValuePair<ulong, NumberEntry?>> stored;
            try
            {
                if (writes.Count == 0 || _store!.TryWriteNumbers(Coalesce(writes), out stored))
                {
                    return result;
                }
            }
            catch (StoreBusyException)
            {
                Undo(writes);
                throw;
            }

            Undo(writes);

            foreach (var (digits, entry) in stored)
            {
                new Locked(this, null).Put(digits, entry);
            }

            if (attempt == MaxAttempts)
            {
                throw new InvalidOperationException($"The shared store kept changing numbers under this change ({MaxAttempts} attempts); try again.");
            }
        }
    }

    /// <summary>Puts back what a change's writes replaced, newest first (the caller holds the stripes).</summary>
    private void Undo(List<NumberWrite> writes)
    {
        var locked = new Locked(this, null);
        for (var i = writes.Count - 1; i >= 0; i--)
        {
            locked.Put(writes[i].Digits, writes[i].Expected);
        }
    }

    /// <summary>One write per number: what it was before the change's first write, what it is after its last.</summary>
    private static List<NumberWrite> Coalesce(List<NumberWrite> writes)
    {
        if (writes.Count < 2)
        {
            return writes;
        }

        var byNumber = new Dictionary<ulong, int>();
        var coalesced = new List<NumberWrite>(writes.Count);
        foreach (var write in writes)
        {
            if (byNumber.TryGetValue(write.Digits, out var at))
            {
                coalesced[at] = coalesced[at] with { Next = write.Next };
            }
            else
            {
                byNumber[write.Digits] = coalesced.Count;
                coalesced.Add(write);
            }
        }

        return coalesced;
    }

    /// <summary>Takes entries from the shared store (another process changed them): set, or removed when null.</summary>
    public void Apply(IEnumerable<KeyValuePair<ulong, NumberEntry?>> entries)
    {
        foreach (var (digits, entry) in entries)
        {
            var stripe = _stripes[StripeOf(digits)];
            lock (stripe)
            {
                new Locked(this, null).Put(digits, entry);
            }
        }
    }

    public void Clear()
    {
        for (var i = 0; i < StripeCount; i++)
        {
            lock (_stripes[i])
            {
                foreach (var (number, entry) in _stripes[i])
                {
                    if (entry.State == NumberState.Owned && _owned.TryGetValue(entry.Owner, out var theirs))
                    {
                        lock (theirs)
                        {
                            theirs.Remove(number);
                        }
                    }
                }

                _stripes[i].Clear();
            }
        }
    }

    /// <summary>The numbers whose entry says <paramref name="owner"/> owns them; costs what that owner holds, whatever others hold.</summary>
    public List<ulong> OwnedBy(int owner)
    {
        if (!_owned.TryGetValue(owner, out var mine))
        {
            return [];
        }

        lock (mine)
        {
            return mine.ToList();
        }
    }

    /// <summary>How many numbers <paramref name="owner"/> holds now.</summary>
    public int OwnedCount(int owner)
    {
        if (!_owned.TryGetValue(owner, out var mine))
        {
            return 0;
        }

        lock (mine)
        {
            return mine.Count;
        }
    }

    /// <summary>A consistent copy of every entry, for statistics and inspection.</summary>
    public List<KeyValuePair<ulong, OverlayEntry>> Snapshot()
    {
        var all = new List<KeyValuePair<ulong, OverlayEntry>>();
        foreach (var stripe in _stripes)
        {
            lock (stripe)
            {
                all.AddRange(stripe);
            }
        }

        return all;
    }

    private static int StripeOf(ulong number) => (int)(StableHash.Mix(number) & (StripeCount - 1));

    /// <summary>Access to entries whose stripes the caller holds.</summary>
    internal readonly struct Locked(InventoryOverlay overlay, List<NumberWrite>? writes)
    {
        public bool TryGet(ulong number, out OverlayEntry entry) =>
            overlay._stripes[StripeOf(number)].TryGetValue(number, out entry);

        public void Set(ulong number, OverlayEntry entry)
        {
            var stripe = StripeOf(number);
            if (writes is not null)
            {
                NumberEntry? expected = overlay._stripes[stripe].TryGetValue(number, out var old) ? old.ToStored(number) : null;
                writes.Add(new NumberWrite(expected, entry.ToStored(number)));
            }

            Unown(stripe, number);
            overlay._stripes[stripe][number] = entry;
            if (entry.State == NumberState.Owned)
            {
                var mine = overlay._owned.GetOrAdd(entry.Owner, static _ => new NumberSet());
                lock (mine)
                {
                    mine.Add(number);
                }
            }
        }

        /// <summary>Sets or removes an entry without writing it to the store.</summary>
        public void Put(ulong number, NumberEntry? entry)
        {
            if (entry is { } stored)
            {
                new Locked(overlay, null).Set(number, new OverlayEntry(stored.State, stored.Owner, stored.UntilTicks));
            }
            else
            {
                Remove(number);
            }
        }

        public void Remove(ulong number)
        {
            var stripe = StripeOf(number);
            Unown(stripe, number);
            overlay._stripes[stripe].Remove(number);
        }

        private void Unown(int stripe, ulong number)
        {
            if (overlay._stripes[stripe].TryGetValue(number, out var old) && old.State == NumberState.Owned
                && overlay._owned.TryGetValue(old.Owner, out var theirs))
            {
                lock (theirs)
                {
                    theirs.Remove(number);
                }
            }
        }
    }
}

/// <summary>One overlay entry: 16 bytes (state, owner, quarantine end in ticks).</summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal readonly record struct OverlayEntry(NumberState State, int Owner, long UntilTicks)
{
    public NumberEntry ToStored(ulong digits) => new(digits, State, Owner, UntilTicks);
}
