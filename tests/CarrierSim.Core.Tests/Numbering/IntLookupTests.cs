using CarrierSim.Core.Numbering;

namespace CarrierSim.Core.Tests.Numbering;

/// <summary>The sorted-array map behind the catalog's large indexes answers as the dictionary it replaced.</summary>
public sealed class IntLookupTests
{
    [Fact]
    public void AnswersAsADictionaryFilledWithTheIndexer_RepeatedKeysAndNegativeKeysIncluded()
    {
        var random = new Random(20261201);
        var pairs = new List<(int Key, int Value)>();
        for (var i = 0; i < 5_000; i++)
        {
            // Keys from a narrow range, so that many repeat; some negative, some at the extremes.
            pairs.Add((random.Next(-2_000, 2_000), random.Next()));
        }

        pairs.Add((int.MinValue, 1));
        pairs.Add((int.MaxValue, 2));
        pairs.Add((int.MaxValue, 3));
        var expected = new Dictionary<int, int>();
        foreach (var (key, value) in pairs)
        {
            expected[key] = value;
        }

        var lookup = new IntLookup([.. pairs.Select(p => p.Key)], [.. pairs.Select(p => p.Value)]);

        Assert.Equal(expected.Count, lookup.Count);
        for (var key = -2_100; key <= 2_100; key++)
        {
            Assert.Equal(expected.TryGetValue(key, out var want), lookup.TryGetValue(key, out var got));
            Assert.Equal(want, got);
            Assert.Equal(expected.GetValueOrDefault(key, -1), lookup.GetValueOrDefault(key, -1));
        }

        Assert.True(lookup.TryGetValue(int.MinValue, out var min) && min == 1);
        Assert.True(lookup.TryGetValue(int.MaxValue, out var max) && max == 3);
    }

    [Fact]
    public void Empty_FindsNothing()
    {
        var lookup = new IntLookup([], []);

        Assert.Equal(0, lookup.Count);
        Assert.False(lookup.TryGetValue(0, out _));
        Assert.Equal(-1, lookup.GetValueOrDefault(919, -1));
    }

    [Fact]
    public void IncreasingKeys_AreKeptAsGiven_AndPositionsMapEachKeyToItsIndex()
    {
        var lookup = IntLookup.Positions([200_211, 200_212, 919_460, 999_999]);

        Assert.Equal(4, lookup.Count);
        Assert.Equal(2, lookup.GetValueOrDefault(919_460, -1));
        Assert.Equal(-1, lookup.GetValueOrDefault(919_461, -1));
        Assert.Throws<ArgumentException>(() => new IntLookup([1, 2], [1]));

        // Keys out of order: positions are kept with them, and the last of a repeated key wins.
        var unordered = IntLookup.Positions([5, 3, 5]);
        Assert.Equal(2, unordered.Count);
        Assert.Equal(1, unordered.GetValueOrDefault(3, -1));
        Assert.Equal(2, unordered.GetValueOrDefault(5, -1));
    }

    [Fact]
    public void TheCatalogsIndexes_FindEveryExchangeAndZip()
    {
        var catalog = NumberingCatalog.Embedded;

        foreach (var exchange in catalog.Exchanges)
        {
            Assert.Same(exchange, catalog.FindExchange(exchange.NpaNxx));
        }

        Assert.Null(catalog.FindExchange(NpaNxx.Parse("555555").Value));

        var index = new CarrierSim.Core.Inventory.InventoryIndex(catalog);
        foreach (var zip in catalog.Zips)
        {
            Assert.Same(zip, index.FindZip(zip.Zip));
        }

        foreach (var exchange in catalog.Exchanges)
        {
            var range = index.Ranges[index.RangeOfNpaNxx(exchange.NpaNxx.Value)];
            Assert.Equal(exchange, catalog.Exchanges[range.Source]);
        }

        Assert.Equal(-1, index.RangeOfNpaNxx(555_555));
    }
}
