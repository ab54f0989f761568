using CarrierSim.Core.Randomness;

namespace CarrierSim.Core.Chaos;

/// <summary>The source of chaos's randomness: a uniform value in [0, 1) for (stream, key).</summary>
public interface IChaosRandomizer
{
    double NextUnit(ulong stream, ulong key);
}

/// <summary>Draws from a hash of (seed, stream, key): the same seed and requests give the same injections.</summary>
public sealed class SeededChaosRandomizer(long seed) : IChaosRandomizer
{
    public double NextUnit(ulong stream, ulong key) => StableHash.ToUnit(StableHash.Of(seed, stream, key));
}
