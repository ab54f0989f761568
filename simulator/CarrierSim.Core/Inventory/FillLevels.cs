using CarrierSim.Core.Randomness;

namespace CarrierSim.Core.Inventory;

/// <summary>
/// How full each thousands-block is in the base inventory: a pure function of (seed, block).
/// </summary>
/// <remarks>
/// Real exchanges are uneven: pooled blocks are often nearly exhausted while freshly opened
/// ones are almost empty. The distribution, per block:
/// <list type="bullet">
/// <item>12 %: nearly exhausted, 95–99.9 % of numbers in service;</item>
/// <item>13 %: freshly opened, 0–20 % in service;</item>
/// <item>75 %: typical, 30–90 % in service, uniformly.</item>
/// </list>
/// A number is available in the base when the hash of (seed, number) falls at or above its
/// block's fill level.
/// </remarks>
public static class FillLevels
{
    private static readonly ulong FillStream = StableHash.Stream("inventory.fill");
    private static readonly ulong ShapeStream = StableHash.Stream("inventory.fill.shape");
    private static readonly ulong AvailabilityStream = StableHash.Stream("inventory.availability");

    /// <summary>The share of a block's numbers in service with someone else, in [0, 1).</summary>
    public static double Of(long seed, ulong blockKey)
    {
        var kind = StableHash.ToUnit(StableHash.Of(seed, ShapeStream, blockKey));
        var position = StableHash.ToUnit(StableHash.Of(seed, FillStream, blockKey));
        return kind switch
        {
            < 0.12 => 0.95 + (0.049 * position),
            < 0.25 => 0.20 * position,
            _ => 0.30 + (0.60 * position),
        };
    }

    /// <summary>Whether a number is free in the base inventory, before any overlay change.</summary>
    public static bool IsBaseAvailable(long seed, ulong digits, double blockFill) =>
        StableHash.ToUnit(StableHash.Of(seed, AvailabilityStream, digits)) >= blockFill;
}
