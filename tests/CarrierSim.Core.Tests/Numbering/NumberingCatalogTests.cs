using System.Globalization;
using CarrierSim.CatalogBuilder.Sources;
using CarrierSim.Core.Numbering;
using Builder = CarrierSim.CatalogBuilder.CatalogBuilder;

namespace CarrierSim.Core.Tests.Numbering;

/// <summary>Facts the embedded catalog must hold, from the design (§2) and the source data.</summary>
public sealed class NumberingCatalogTests
{
    private const long MaxCatalogBytes = 5L * 1024 * 1024;

    private static NumberingCatalog Catalog => NumberingCatalog.Embedded;

    [Fact]
    public void Raleigh_IsLata426InNorthCarolina()
    {
        var raleigh = Catalog.FindRateCenter("RALEIGH", "NC");

        Assert.NotNull(raleigh);
        Assert.Equal(Lata.FromInt32(426), raleigh.Lata);
        Assert.Equal("NC", raleigh.State);
        Assert.Equal("Raleigh", raleigh.FullName);
    }

    [Fact]
    public void Charlotte_IsLata422()
    {
        var charlotte = Catalog.FindRateCenter("CHARLOTTE", "NC");

        Assert.NotNull(charlotte);
        Assert.Equal(Lata.FromInt32(422), charlotte.Lata);
    }

    [Fact]
    public void Cary_919_460_RingsInCary()
    {
        var exchange = Catalog.FindExchange(NpaNxx.FromInt32(919460));

        Assert.NotNull(exchange);
        Assert.Equal("Cary", exchange.Locality);
        Assert.Equal("CARY", Catalog.RateCenters[exchange.RateCenterIndex].Name);
        Assert.Equal(426, Catalog.RateCenters[exchange.RateCenterIndex].Lata.Value);
    }

    [Fact]
    public void Npa919And984_OverlayEachOther()
    {
        var npa919 = Catalog.FindAreaCode(Npa.FromInt32(919));
        var npa984 = Catalog.FindAreaCode(Npa.FromInt32(984));

        Assert.NotNull(npa919);
        Assert.NotNull(npa984);
        Assert.Contains(Npa.FromInt32(984), npa919.OverlayMembers);
        Assert.Contains(Npa.FromInt32(919), npa984.OverlayMembers);
        Assert.Equal("919/984", npa919.OverlayComplex);
    }

    [Fact]
    public void Npa984_NewOverlay_HasExchangesInTheTriangle()
    {
        var exchanges = Catalog.Exchanges.Where(e => e.NpaNxx.Npa.Value == 984).ToList();

        Assert.InRange(exchanges.Count, 1, 200);
        Assert.All(exchanges, e => Assert.Equal("NC", Catalog.RateCenters[e.RateCenterIndex].State));
        Assert.Contains(exchanges, e => Catalog.RateCenters[e.RateCenterIndex].Name == "RALEIGH");
    }

    [Fact]
    public void Manhattan212_MapsToNewYorkCityZones()
    {
        var manhattan = Catalog.Exchanges.Where(e => e.NpaNxx.Npa.Value == 212 && e.Locality == "New York").ToList();
        var zones = manhattan.Select(e => Catalog.RateCenters[e.RateCenterIndex].Name).Distinct().ToList();

        Assert.True(manhattan.Count > 100, $"only {manhattan.Count} Manhattan exchanges");
        Assert.All(zones, z => Assert.StartsWith("NWYRCYZN", z, StringComparison.Ordinal));
        Assert.True(zones.Count > 5, $"212 spreads over {zones.Count} zones only");
        Assert.All(manhattan, e => Assert.Equal(132, Catalog.RateCenters[e.RateCenterIndex].Lata.Value));
    }

    [Theory]
    [InlineData(800)]
    [InlineData(833)]
    [InlineData(844)]
    [InlineData(855)]
    [InlineData(866)]
    [InlineData(877)]
    [InlineData(888)]
    public void TollFreeNpa_IsATollFreeAreaCode(int npa)
    {
        var areaCode = Catalog.FindAreaCode(Npa.FromInt32(npa));

        Assert.NotNull(areaCode);
        Assert.Equal(AreaCodeUse.TollFree, areaCode.Use);
        Assert.Equal("US", areaCode.Country);
        Assert.Equal("", areaCode.Region);
        Assert.DoesNotContain(Catalog.Exchanges, e => e.NpaNxx.Npa.Value == npa);
    }

    [Fact]
    public void EveryInServiceUsGeographicNpaOfTheNanpaReport_HasExchanges()
    {
        NumberingTestPaths.SkipWithoutSources();
        var inService = NpaReport.Load(NumberingTestPaths.SourceDirectory).Rows.Where(r => r.IsInServiceUsGeographic).ToList();
        var exchangesByNpa = Catalog.Exchanges.GroupBy(e => e.NpaNxx.Npa.Value).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(375, inService.Count);
        Assert.All(inService, row =>
        {
            var areaCode = Catalog.FindAreaCode(Npa.FromInt32(row.Npa));
            Assert.NotNull(areaCode);
            Assert.Equal(AreaCodeUse.Geographic, areaCode.Use);
            Assert.Equal(row.State, areaCode.Region);
            Assert.True(exchangesByNpa.GetValueOrDefault(row.Npa) > 0, $"NPA {row.Npa} has no exchange");
        });
    }

    [Fact]
    public void GeographicAreaCodes_AllHaveExchanges()
    {
        var withExchanges = Catalog.Exchanges.Select(e => e.NpaNxx.Npa).ToHashSet();
        var geographic = Catalog.AreaCodes.Where(a => a.Use == AreaCodeUse.Geographic).ToList();

        Assert.True(geographic.Count >= 375, $"{geographic.Count} geographic area codes");
        Assert.All(geographic, a => Assert.Contains(a.Npa, withExchanges));
        Assert.All(withExchanges, npa => Assert.NotNull(Catalog.FindAreaCode(npa)));
    }

    [Fact]
    public void AreaCodes_OverlayMembersAreAllInTheCatalog()
    {
        Assert.All(
            Catalog.AreaCodes.Where(a => a.OverlayComplex.Length > 0),
            a =>
            {
                var members = a.OverlayMembers.ToList();
                Assert.Contains(a.Npa, members);
                Assert.True(members.Count >= 2, $"{a.Npa}: '{a.OverlayComplex}'");
                Assert.All(members, m => Assert.NotNull(Catalog.FindAreaCode(m)));
            });
    }

    [Fact]
    public void Exchanges_AreAllOfferable()
    {
        Assert.All(Catalog.Exchanges, e => Assert.True(NanpRules.IsOfferableExchange(e.NpaNxx.Nxx), $"{e.NpaNxx} is not offerable"));
    }

    [Fact]
    public void Exchanges_AreSortedAndReferToRateCentersInRange()
    {
        for (var i = 1; i < Catalog.Exchanges.Count; i++)
        {
            Assert.True(Catalog.Exchanges[i - 1].NpaNxx.Value < Catalog.Exchanges[i].NpaNxx.Value);
        }

        Assert.All(Catalog.Exchanges, e => Assert.InRange(e.RateCenterIndex, -1, Catalog.RateCenters.Count - 1));
    }

    [Fact]
    public void RateCenters_AreUniqueByStateAndNameAndAllReferenced()
    {
        var referenced = Catalog.Exchanges.Where(e => e.RateCenterIndex >= 0).Select(e => e.RateCenterIndex).ToHashSet();

        Assert.Equal(Catalog.RateCenters.Count, Catalog.RateCenters.Select(r => (r.State, r.Name)).Distinct().Count());
        Assert.Equal(Catalog.RateCenters.Count, referenced.Count);
    }

    [Fact]
    public void Zips_AreSortedUniqueAndMapToRateCentersOfTheirState()
    {
        for (var i = 1; i < Catalog.Zips.Count; i++)
        {
            Assert.True(Catalog.Zips[i - 1].Zip.Value < Catalog.Zips[i].Zip.Value);
        }

        Assert.True(Catalog.Zips.Count > 40_000, $"{Catalog.Zips.Count} ZIPs");
        Assert.All(Catalog.Zips, z =>
        {
            Assert.NotEmpty(z.RateCenterIndexes);
            Assert.All(z.RateCenterIndexes, i => Assert.Equal(z.State, Catalog.RateCenters[i].State));
        });
    }

    [Fact]
    public void Zip27601_Raleigh_MapsToRaleighFirst()
    {
        var zip = Catalog.Zips.Single(z => z.Zip == ZipCode.FromInt32(27601));

        Assert.Equal("Raleigh", zip.City);
        Assert.Equal("RALEIGH", Catalog.RateCenters[zip.RateCenterIndexes[0]].Name);
    }

    [Fact]
    public void RateCenters_EachHaveAZip()
    {
        var zipped = Catalog.Zips.SelectMany(z => z.RateCenterIndexes).ToHashSet();

        Assert.All(Enumerable.Range(0, Catalog.RateCenters.Count), i => Assert.Contains(i, zipped));
    }

    [Fact]
    public void Catalog_IsUnderFiveMebibytes()
    {
        using var resource = typeof(NumberingCatalog).Assembly.GetManifestResourceStream("CarrierSim.Core.Numbering.catalog.bin.gz");

        Assert.NotNull(resource);
        Assert.InRange(resource.Length, 1, MaxCatalogBytes - 1);
    }

    [Fact]
    public void Coverage_AtLeast98PercentOfExchangesHaveRateCenterLataAndZip()
    {
        var zipped = Catalog.Zips.SelectMany(z => z.RateCenterIndexes).ToHashSet();
        var covered = Catalog.Exchanges.Count(e =>
            e.RateCenterIndex >= 0
            && Catalog.RateCenters[e.RateCenterIndex].Lata.Value > 0
            && zipped.Contains(e.RateCenterIndex));
        var share = (double)covered / Catalog.Exchanges.Count;

        Assert.True(share >= 0.98, string.Create(CultureInfo.InvariantCulture, $"coverage {share:P2} ({covered} of {Catalog.Exchanges.Count})"));
    }

    [Fact]
    public void Attribution_NamesEverySource()
    {
        Assert.StartsWith(Builder.SourceAttribution, Catalog.Attribution, StringComparison.Ordinal);
        Assert.Contains("zipcodes 8.0.0", Catalog.Attribution, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteThenRead_PreservesEverything()
    {
        using var buffer = new MemoryStream();
        Catalog.Write(buffer);
        buffer.Position = 0;
        var copy = NumberingCatalog.Read(buffer);

        Assert.Equal(Catalog.Attribution, copy.Attribution);
        Assert.Equal(Catalog.AreaCodes, copy.AreaCodes);
        Assert.Equal(Catalog.RateCenters, copy.RateCenters);
        Assert.Equal(Catalog.Exchanges, copy.Exchanges);
        Assert.Equal(Catalog.InternationalRanges, copy.InternationalRanges);
        Assert.Equal(Catalog.Zips.Count, copy.Zips.Count);
        for (var i = 0; i < Catalog.Zips.Count; i++)
        {
            var (expected, actual) = (Catalog.Zips[i], copy.Zips[i]);
            Assert.Equal(
                (expected.Zip, expected.City, expected.State, expected.Latitude, expected.Longitude),
                (actual.Zip, actual.City, actual.State, actual.Latitude, actual.Longitude));
            Assert.Equal(expected.RateCenterIndexes, actual.RateCenterIndexes);
        }

        using var again = new MemoryStream();
        copy.Write(again);
        Assert.Equal(buffer.ToArray(), again.ToArray());
    }

    [Theory]
    [InlineData(1, "US")]
    [InlineData(44, "GB")]
    [InlineData(91, "IN")]
    [InlineData(49, "DE")]
    [InlineData(33, "FR")]
    [InlineData(61, "AU")]
    [InlineData(999, null)]
    public void CountryOfCallingCode_FromTheCatalogsRanges(int callingCode, string? country) =>
        Assert.Equal(country, NumberingCatalog.Embedded.CountryOfCallingCode(callingCode));

    [Fact]
    public void ZipsWithTheSameNearestRateCenters_ShareOneList()
    {
        var zips = NumberingCatalog.Embedded.Zips;
        var byContent = zips.GroupBy(z => string.Join(",", z.RateCenterIndexes)).ToList();

        // Every group of equal lists is one instance, and there are far fewer lists than ZIPs.
        Assert.All(byContent, group => Assert.Single(group.Select(z => z.RateCenterIndexes).Distinct(ReferenceEqualityComparer.Instance)));
        Assert.True(byContent.Count < zips.Count * 3 / 4, $"{byContent.Count} distinct lists for {zips.Count} ZIPs");
        Assert.All(zips, z => Assert.NotEmpty(z.RateCenterIndexes));
    }
}
