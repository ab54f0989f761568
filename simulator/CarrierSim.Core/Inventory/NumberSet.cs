using CarrierSim.Core.Randomness;

namespace CarrierSim.Core.Inventory;

/// <summary>
/// A set of phone-number digits in one open-addressed array (linear probing, tombstones): 8 bytes
/// a slot at a load of 3/8 to 3/4, about half of what a <see cref="HashSet{T}"/> of <see cref="ulong"/>
/// costs (a 16-byte entry plus a 4-byte bucket). Each owner's numbers live in one, so the
/// per-owner index keeps the inventory overlay within its 64 bytes per owned number.
/// Not thread-safe: callers lock the set.
/// </summary>
internal sealed class NumberSet
{
    // Digits of a phone number are never 0 or ulong.MaxValue, so those mark empty and removed slots.
    private const ulong Empty = 0;
    private const ulong Removed = ulong.MaxValue;

    private ulong[] _slots = new ulong[8];
    private int _used; // live + removed slots

    public int Count { get; private set; }

    public bool Add(ulong number)
    {
        if ((_used + 1) * 4 > _slots.Length * 3)
        {
            Resize(Count * 2 >= _slots.Length / 2 ? _slots.Length * 2 : _slots.Length);
        }

        var mask = _slots.Length - 1;
        var reuse = -1;
        for (var i = (int)(StableHash.Mix(number) & (ulong)mask); ; i = (i + 1) & mask)
        {
            var slot = _slots[i];
            if (slot == number)
            {
                return false;
            }

            if (slot == Removed && reuse < 0)
            {
                reuse = i;
            }
            else if (slot == Empty)
            {
                if (reuse < 0)
                {
                    _used++;
                    reuse = i;
                }

                _slots[reuse] = number;
                Count++;
                return true;
            }
        }
    }

    public bool Remove(ulong number)
    {
        var mask = _slots.Length - 1;
        for (var i = (int)(StableHash.Mix(number) & (ulong)mask); ; i = (i + 1) & mask)
        {
            var slot = _slots[i];
            if (slot == Empty)
            {
                return false;
            }

            if (slot == number)
            {
                _slots[i] = Removed;
                Count--;
                return true;
            }
        }
    }

    public bool Contains(ulong number)
    {
        var mask = _slots.Length - 1;
        for (var i = (int)(StableHash.Mix(number) & (ulong)mask); ; i = (i + 1) & mask)
        {
            var slot = _slots[i];
            if (slot == Empty)
            {
                return false;
            }

            if (slot == number)
            {
                return true;
            }
        }
    }

    public List<ulong> ToList()
    {
        var list = new List<ulong>(Count);
        foreach (var slot in _slots)
        {
            if (slot is not Empty and not Removed)
            {
                list.Add(slot);
            }
        }

        return list;
    }

    private void Resize(int capacity)
    {
        var old = _slots;
        _slots = new ulong[capacity];
        _used = 0;
        Count = 0;
        foreach (var slot in old)
        {
            if (slot is not Empty and not Removed)
            {
                Add(slot);
            }
        }
    }
}
