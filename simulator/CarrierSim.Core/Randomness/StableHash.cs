namespace CarrierSim.Core.Randomness;

/// <summary>
/// Randomness as a pure function: every decision draws from a hash of (seed, stream, key),
/// so the same seed and the same inputs give the same answer whatever the threads do.
/// </summary>
public static class StableHash
{
    /// <summary>A 64-bit hash of (seed, stream, key).</summary>
    public static ulong Of(long seed, ulong stream, ulong key) =>
        Mix((ulong)seed ^ Mix(stream ^ Mix(key + 0x9E3779B97F4A7C15UL)));

    /// <summary>A 64-bit hash of (seed, stream, key, counter).</summary>
    public static ulong Of(long seed, ulong stream, ulong key, ulong counter) =>
        Mix(Of(seed, stream, key) ^ Mix(counter + 0xD1B54A32D192ED03UL));

    /// <summary>A uniform value in [0, 1) from a hash.</summary>
    public static double ToUnit(ulong hash) => (hash >> 11) * (1.0 / (1UL << 53));

    /// <summary>A stable stream identifier from a name (FNV-1a; never string.GetHashCode, which is randomised per process).</summary>
    public static ulong Stream(string name)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var c in name)
        {
            hash = (hash ^ c) * 0x100000001B3UL;
        }

        return Mix(hash);
    }

    /// <summary>The SplitMix64 finaliser: a bijective avalanche mix.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
