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
    private readonly ConcurrentDictionary<OwnerId, ConcurrentDictionary<TKey, TRecord>> _byOwner = new();

    /// <summary>Adds the record, replacing the one with the same key (which leaves its owner's index).</summary>
    public void Set(TRecord record)
    {
        var key = keyOf(record);
        var owner = ownerOf(record);
        _byOwner.GetOrAdd(owner, _ => new ConcurrentDictionary<TKey, TRecord>(comparer))[key] = record;
        _byKey.AddOrUpdate(key, record, (_, replaced) =>
        {
            if (ownerOf(replaced) != owner && _byOwner.TryGetValue(ownerOf(replaced), out var theirs))
            {
                theirs.TryRemove(new KeyValuePair<TKey, TRecord>(key, replaced));
            }

            return record;
        });
    }

    /// <summary>Any owner's record by key.</summary>
    public TRecord? Get(TKey key) => _byKey.GetValueOrDefault(key);

    /// <summary>The owner's record by key; null for unknown keys and other owners' records.</summary>
    public TRecord? Find(OwnerId owner, TKey key) =>
        _byOwner.TryGetValue(owner, out var mine) && mine.TryGetValue(key, out var record) ? record : null;

    /// <summary>The owner's records, in no particular order.</summary>
    public ICollection<TRecord> Of(OwnerId owner) =>
        _byOwner.TryGetValue(owner, out var mine) ? mine.Values : [];

    /// <summary>Takes this very record out; false when it is not there (removed or replaced already).</summary>
    public bool TryRemove(TRecord record)
    {
        var key = keyOf(record);
        if (!_byKey.TryRemove(new KeyValuePair<TKey, TRecord>(key, record)))
        {
            return false;
        }

        if (_byOwner.TryGetValue(ownerOf(record), out var mine))
        {
            mine.TryRemove(new KeyValuePair<TKey, TRecord>(key, record));
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

        foreach (var (key, record) in mine)
        {
            _byKey.TryRemove(new KeyValuePair<TKey, TRecord>(key, record));
        }

        return mine.Values;
    }

    public void Clear()
    {
        _byKey.Clear();
        _byOwner.Clear();
    }
}
