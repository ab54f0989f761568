namespace CarrierSim.Core.Randomness;

/// <summary>
/// Resource ids that look like a vendor's (a prefix and random-looking characters) but come
/// from (seed, prefix, counter), so a replayed request sequence gets the same ids.
/// </summary>
public sealed class IdGenerator(long seed)
{
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";
    private long _counter;

    public string Next(string prefix, int length = 20)
    {
        var counter = (ulong)Interlocked.Increment(ref _counter);
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
        var counter = (ulong)Interlocked.Increment(ref _counter);
        var stream = StableHash.Stream(purpose);
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, StableHash.Of(seed, stream, counter, 1));
        BitConverter.TryWriteBytes(bytes[8..], StableHash.Of(seed, stream, counter, 2));
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    public void Reset() => Interlocked.Exchange(ref _counter, 0);
}
