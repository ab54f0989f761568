namespace CarrierSim.Core.Randomness;

/// <summary>
/// Resource ids that look like a vendor's (a prefix and random-looking characters) but come
/// from (seed, prefix, counter), so a replayed request sequence gets the same ids.
/// </summary>
/// <remarks>
/// Processes that share one state (a shared store) take their counters from it in blocks, so no two
/// of them ever give the same id; ids then depend on which process served which request.
/// </remarks>
public sealed class IdGenerator(long seed)
{
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";
    private const int BlockSize = 1000;
    private readonly Lock _blockGate = new();
    private long _counter;
    private Func<int, long>? _blocks;
    private long _blockNext;
    private long _blockEnd;

    /// <summary>From now on, counters come from <paramref name="reserve"/> (first of n unused values), a block at a time.</summary>
    public void UseBlocks(Func<int, long> reserve)
    {
        lock (_blockGate)
        {
            _blocks = reserve;
            _blockNext = _blockEnd = 0;
        }
    }

    private ulong NextCounter()
    {
        if (_blocks is null)
        {
            return (ulong)Interlocked.Increment(ref _counter);
        }

        lock (_blockGate)
        {
            if (_blockNext == _blockEnd)
            {
                _blockNext = _blocks(BlockSize);
                _blockEnd = _blockNext + BlockSize;
            }

            return (ulong)_blockNext++;
        }
    }

    public string Next(string prefix, int length = 20)
    {
        var counter = NextCounter();
        var stream = StableHash.Stream(prefix);
        Span<char> chars = stackalloc char[length];
        var hash = StableHash.Of(seed, stream, counter);
        for (var i = 0; i < length; i++)
        {
            if (i % 12 == 11)
            {
                hash = StableHash.Of(seed, stream, counter, (ulong)i);
            }

            chars[i] = Alphabet[(int)(hash & 31)];
            hash >>= 5;
        }

        return prefix + new string(chars);
    }

    /// <summary>A UUID-shaped id (version 4 layout) from the same deterministic source.</summary>
    public Guid NextGuid(string purpose)
    {
        var counter = NextCounter();
        var stream = StableHash.Stream(purpose);
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, StableHash.Of(seed, stream, counter, 1));
        BitConverter.TryWriteBytes(bytes[8..], StableHash.Of(seed, stream, counter, 2));
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    public void Reset()
    {
        Interlocked.Exchange(ref _counter, 0);
        lock (_blockGate)
        {
            _blockNext = _blockEnd = 0;
        }
    }
}
