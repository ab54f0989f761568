namespace CarrierSim.CatalogBuilder;

/// <summary>
/// SplitMix64: a fixed, documented mixing function, so every "pseudo-random" choice of the
/// builder is reproducible on any runtime (unlike <see cref="string.GetHashCode()"/> or
/// <see cref="Random"/>, whose algorithms are not a contract).
/// </summary>
internal static class SplitMix
{
    public static ulong Mix(ulong value)
    {
        var z = value + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public static ulong Combine(ulong a, ulong b) => Mix(Mix(a) ^ b);
}
