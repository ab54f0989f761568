using System.Collections.Concurrent;
using CarrierSim.Core.Inventory;

namespace CarrierSim.Server.Dialects;

/// <summary>
/// A dialect's records by id and by owner: a tenant's list or lookup reads only that tenant's
/// records, so its cost does not depend on how many records other tenants hold.
/// </summary>
/// <remarks>
/// A record enters its owner's index before it becomes visible by id and leaves it after it is
/// gone by id; stores change records under the order's lock, as the order book asks.
/// </remarks>
internal sealed class OwnedRecords<TKey, TRecord>(Func<TRecord, TKey> keyOf, Func<TRecord, OwnerId> ownerOf, IEqualityComparer<TKey>? comparer = null)
    where TKey : notnull
    where TRecord : class
{
    private readonly ConcurrentDictionary<TKey, TRecord> _byKey = new(comparer);
    private readonly ConcurrentDictionary<OwnerId, Owned> _byOwner = new();

    /// <summary>One owner's records, and the last sorted copy of them (a list reads it until they change).</summary>
    private sealed class Owned(IEqualityComparer<TKey>? comparer)
    {
        public ConcurrentDictionary<TKey, TRecord> Records { get; } = new(comparer);

        /// <summary>Bumped after every change to <see cref="Records"/>.</summary>
        public int Version;

        public Snapshot? Sorted;

        public void Changed() => Interlocked.Increment(ref Version);
    }

    private sealed record Snapshot(int Version, IComparer<TRecord> Order, TRecord[] Records);

    /// <summary>Adds the record, replacing the one with the same key (which leaves its owner's index).</summary>
    public void Set(TRecord record)
    {
        var key = keyOf(record);
        var owner = ownerOf(record);
        var mine = _byOwner.GetOrAdd(owner, _ => new Owned(comparer));
        mine.Records[key] = record;
        mine.Changed();
        _byKey.AddOrUpdate(key, record, (_, replaced) =>
        {
            if (ownerOf(replaced) != owner && _byOwner.TryGetValue(ownerOf(replaced), out var theirs)
                && theirs.Records.TryRemove(new KeyValuePair<TKey, TRecord>(key, replaced)))
            {
                theirs.Changed();
            }

            return record;
        });
    }

    /// <summary>Any owner's record by key.</summary>
    public TRecord? Get(TKey key) => _byKey.GetValueOrDefault(key);

    /// <summary>The owner's record by key; null for unknown keys and other owners' records.</summary>
    public TRecord? Find(OwnerId owner, TKey key) =>
        _byOwner.TryGetValue(owner, out var mine) && mine.Records.TryGetValue(key, out var record) ? record : null;

    /// <summary>The owner's records, in no particular order.</summary>
    public ICollection<TRecord> Of(OwnerId owner) =>
        _byOwner.TryGetValue(owner, out var mine) ? mine.Records.Values : [];

    /// <summary>
    /// The owner's records sorted by <paramref name="order"/>, which must compare only what never changes in a record
    /// (its id, its creation time). The sorted copy is kept and reused until the owner's records change, so paging
    /// through a long list does not sort it again for every page. Callers must not change the array.
    /// </summary>
    public IReadOnlyList<TRecord> Sorted(OwnerId owner, IComparer<TRecord> order)
    {
        if (!_byOwner.TryGetValue(owner, out var mine))
        {
            return [];
        }

        // The version is read before the records: a change after this point leaves the copy stale, never wrong for long.
        var version = Volatile.Read(ref mine.Version);
        if (Volatile.Read(ref mine.Sorted) is { } kept && kept.Version == version && ReferenceEquals(kept.Order, order))
        {
            return kept.Records;
        }

        var records = mine.Records.Values.ToArray();
        Array.Sort(records, order);
        Volatile.Write(ref mine.Sorted, new Snapshot(version, order, records));
        return records;
    }

    /// <summary>Takes this very record out; false when it is not there (removed or replaced already).</summary>
    public bool TryRemove(TRecord record)
    {
        var key = keyOf(record);
        if (!_byKey.TryRemove(new KeyValuePair<TKey, TRecord>(key, record)))
        {
            return false;
        }

        if (_byOwner.TryGetValue(ownerOf(record), out var mine) && mine.Records.TryRemove(new KeyValuePair<TKey, TRecord>(key, record)))
        {
            mine.Changed();
        }

        return true;
    }

    /// <summary>Drops every record of the owner (its tenant is deleted); returns them.</summary>
    public ICollection<TRecord> Forget(OwnerId owner)
    {
        if (!_byOwner.TryRemove(owner, out var mine))
        {
            return [];
        }

        foreach (var (key, record) in mine.Records)
        {
            _byKey.TryRemove(new KeyValuePair<TKey, TRecord>(key, record));
        }

        mine.Changed();
        return mine.Records.Values;
    }

    public void Clear()
    {
        _byKey.Clear();
        _byOwner.Clear();
    }
}
