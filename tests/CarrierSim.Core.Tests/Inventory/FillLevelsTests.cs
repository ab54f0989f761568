using CarrierSim.Core.Inventory;

namespace CarrierSim.Core.Tests.Inventory;

public class FillLevelsTests
{
    [Fact]
    public void Blocks_HaveRealisticSpreadOfFillLevels()
    {
        const long seed = 42;
        const int blocks = 4_000;
        var fills = new double[blocks];
        for (var b = 0; b < blocks; b++)
        {
            var blockKey = 1_919_460_0UL + (ulong)b * 7919;
            var fill = FillLevels.Of(seed, blockKey);
            var inService = 0;
            for (var line = 0UL; line < 1000; line++)
            {
                inService += FillLevels.IsBaseAvailable(seed, blockKey * 1000 + line, fill) ? 0 : 1;
            }

            fills[b] = inService / 1000.0;
        }

        Assert.True(fills.Count(f => f >= 0.95) >= blocks * 0.05, $"{fills.Count(f => f >= 0.95)} blocks at least 95 % full");
        Assert.True(fills.Count(f => f <= 0.20) >= blocks * 0.05, $"{fills.Count(f => f <= 0.20)} blocks at most 20 % full");
        Assert.InRange(fills.Average(), 0.4, 0.7);
    }

    [Fact]
    public void Of_IsAPureFunctionOfSeedAndBlock()
    {
        Assert.Equal(FillLevels.Of(1, 19194601), FillLevels.Of(1, 19194601));
        Assert.NotEqual(FillLevels.Of(1, 19194601), FillLevels.Of(2, 19194601));
    }
}
