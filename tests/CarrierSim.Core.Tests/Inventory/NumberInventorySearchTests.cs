using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;

namespace CarrierSim.Core.Tests.Inventory;

public class NumberInventorySearchTests
{
    private readonly NumberInventory _inventory = TestCatalog.Inventory();

    private IReadOnlyList<NumberDetails> Search(SearchCriteria criteria) => _inventory.Search(criteria);

    [Fact]
    public void Search_ByAreaCode_ReturnsOnlyThatAreaCode()
    {
        var found = Search(new SearchCriteria { AreaCode = Npa.FromInt32(919), Quantity = 50 });

        Assert.Equal(50, found.Count);
        Assert.All(found, n => Assert.Equal(919, n.Number.Npa.Value));
        Assert.Contains(found, n => n.Number.NpaNxx.Value == 919460);
        Assert.Contains(found, n => n.Number.NpaNxx.Value == 919833);
    }

    [Fact]
    public void Search_RepeatedWithOtherQuantitiesAndAfterTheSeedChanges_AnswersAsAFreshInventoryWould()
    {
        // Searches keep a plan per filter set; a kept plan must never answer differently from a fresh one.
        var criteria = new SearchCriteria { AreaCode = Npa.FromInt32(919), Quantity = 10 };
        var first = Search(criteria with { Quantity = 5 });
        var again = Search(criteria);
        Assert.Equal(Numbers(TestCatalog.Inventory().Search(criteria)), Numbers(again));
        Assert.Equal(Numbers(TestCatalog.Inventory().Search(criteria with { Quantity = 5 })), Numbers(first));

        _inventory.Options.Seed = 4242;
        Assert.Equal(Numbers(TestCatalog.Inventory(4242).Search(criteria)), Numbers(Search(criteria)));
        Assert.NotEqual(Numbers(again), Numbers(Search(criteria)));

        static IEnumerable<ulong> Numbers(IEnumerable<NumberDetails> found) => found.Select(n => n.Number.Digits);
    }

    [Fact]
    public void Search_ByNpaNxx_ReturnsOnlyThatExchange()
    {
        var found = Search(new SearchCriteria { NpaNxx = NpaNxx.FromInt32(919833), Quantity = 20 });

        Assert.Equal(20, found.Count);
        Assert.All(found, n => Assert.Equal(919833, n.Number.NpaNxx.Value));
    }

    [Fact]
    public void Search_ByNpaNxxX_ReturnsOnlyThatThousandsBlock()
    {
        var found = Search(new SearchCriteria { NpaNxxX = 9198337, Quantity = 30 });

        Assert.NotEmpty(found);
        Assert.All(found, n => Assert.Equal(7, n.Number.Line / 1000));
        Assert.All(found, n => Assert.Equal(919833, n.Number.NpaNxx.Value));
    }

    [Fact]
    public void Search_ByZip_ReturnsNumbersOfTheZipsRateCenters()
    {
        var found = Search(new SearchCriteria { Zip = ZipCode.FromInt32(27601), Quantity = 40 });

        Assert.Equal(40, found.Count);
        Assert.All(found, n => Assert.Equal("RALEIGH", n.RateCenter!.Name));
    }

    [Fact]
    public void Search_ByZipWithTwoRateCenters_DrawsFromBoth()
    {
        var found = Search(new SearchCriteria { Zip = ZipCode.FromInt32(27511), Quantity = 100 });

        Assert.Equal(["CARY", "RALEIGH"], found.Select(n => n.RateCenter!.Name).Distinct().Order());
    }

    [Fact]
    public void Search_ByRateCenterAndState_ReturnsThatRateCenter()
    {
        var found = Search(new SearchCriteria { RateCenter = "cary", State = "NC", Quantity = 25 });

        Assert.Equal(25, found.Count);
        Assert.All(found, n => Assert.Equal(919460, n.Number.NpaNxx.Value));
    }

    [Fact]
    public void Search_ByLata_ReturnsThatLata()
    {
        var found = Search(new SearchCriteria { Lata = Lata.FromInt32(132), Quantity = 30 });

        Assert.Equal(30, found.Count);
        Assert.All(found, n => Assert.Equal(212, n.Number.Npa.Value));
    }

    [Fact]
    public void Search_ByState_ReturnsThatState()
    {
        var found = Search(new SearchCriteria { State = "ny", Quantity = 30 });

        Assert.All(found, n => Assert.Equal("NY", n.Region));
        Assert.Equal(30, found.Count);
    }

    [Fact]
    public void Search_ByCityAndState_ReturnsThatLocality()
    {
        var found = Search(new SearchCriteria { City = "Raleigh", State = "NC", Quantity = 60 });

        Assert.Equal(60, found.Count);
        Assert.All(found, n => Assert.Equal("Raleigh", n.Locality));
        Assert.Equal([919833, 919834, 984200], found.Select(n => n.Number.NpaNxx.Value).Distinct().Order());
    }

    [Fact]
    public void Search_ByCountryAndType_ReturnsThatPool()
    {
        var mobiles = Search(new SearchCriteria { Country = "GB", Type = NumberType.Mobile, Quantity = 100 });
        var tollFree = Search(new SearchCriteria { Type = NumberType.TollFree, Quantity = 10 });

        Assert.Equal(100, mobiles.Count);
        Assert.All(mobiles, n => Assert.StartsWith("+4477009", n.Number.ToString()));
        Assert.All(mobiles, n => Assert.Equal(NumberType.Mobile, n.Type));
        Assert.All(tollFree, n => Assert.True(n.Number.IsTollFree));
        Assert.Equal(10, tollFree.Count);
    }

    [Fact]
    public void Search_WithoutTypeInUs_ReturnsGeographicNumbers()
    {
        var found = Search(new SearchCriteria { Quantity = 100 });

        Assert.Equal(100, found.Count);
        Assert.All(found, n => Assert.False(n.Number.IsTollFree));
    }

    [Fact]
    public void Search_StartsWith_MatchesNationalNumberPrefix()
    {
        var found = Search(new SearchCriteria { StartsWith = "91983", Quantity = 30 });

        Assert.Equal(30, found.Count);
        Assert.All(found, n => Assert.StartsWith("+191983", n.Number.ToString()));
    }

    [Fact]
    public void Search_Contains_MatchesAnywhere()
    {
        var found = Search(new SearchCriteria { AreaCode = Npa.FromInt32(919), Contains = "777", Quantity = 10 });

        Assert.Equal(10, found.Count);
        Assert.All(found, n => Assert.Contains("777", n.Number.ToString()[2..]));
    }

    [Fact]
    public void Search_EndsWith_MatchesLastDigits()
    {
        var found = Search(new SearchCriteria { State = "NC", EndsWith = "42", Quantity = 20 });

        Assert.Equal(20, found.Count);
        Assert.All(found, n => Assert.EndsWith("42", n.Number.ToString()));
    }

    [Fact]
    public void Search_InternationalPattern_AppliesToNationalNumber()
    {
        var found = Search(new SearchCriteria { Country = "GB", StartsWith = "770090", Quantity = 10 });
        var none = Search(new SearchCriteria { Country = "GB", StartsWith = "7700902", Quantity = 10 });

        Assert.Equal(10, found.Count);
        Assert.All(found, n => Assert.StartsWith("+44770090", n.Number.ToString()));
        Assert.Empty(none);
    }

    [Fact]
    public void Search_CombinedFilters_Narrow()
    {
        var all = Search(new SearchCriteria { State = "NC", Quantity = 100 });
        var carys = Search(new SearchCriteria { State = "NC", City = "Cary", Quantity = 100 });
        var caryEnding = Search(new SearchCriteria { State = "NC", City = "Cary", EndsWith = "5", Quantity = 100 });
        var zipAndLata = Search(new SearchCriteria { Zip = ZipCode.FromInt32(27511), AreaCode = Npa.FromInt32(984), Quantity = 100 });

        Assert.Contains(all, n => n.Locality != "Cary");
        Assert.All(carys, n => Assert.Equal("Cary", n.Locality));
        Assert.All(caryEnding, n => Assert.True(n.Locality == "Cary" && n.Number.Line % 10 == 5));
        Assert.All(zipAndLata, n => Assert.Equal(984200, n.Number.NpaNxx.Value));
        Assert.NotEmpty(zipAndLata);
    }

    [Fact]
    public void Search_ContradictoryFilters_ReturnsNothing()
    {
        Assert.Empty(Search(new SearchCriteria { AreaCode = Npa.FromInt32(212), State = "NC" }));
        Assert.Empty(Search(new SearchCriteria { Zip = ZipCode.FromInt32(10013), Lata = Lata.FromInt32(426) }));
        Assert.Empty(Search(new SearchCriteria { Country = "GB", AreaCode = Npa.FromInt32(919) }));
    }

    [Fact]
    public void Search_UnknownPlaces_ReturnNothing()
    {
        Assert.Empty(Search(new SearchCriteria { Zip = ZipCode.FromInt32(99999) }));
        Assert.Empty(Search(new SearchCriteria { RateCenter = "NOWHERE", State = "NC" }));
        Assert.Empty(Search(new SearchCriteria { City = "Atlantis", State = "NC" }));
        Assert.Empty(Search(new SearchCriteria { Country = "ZZ" }));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    public void Search_Quantity_ReturnsExactlyThatMany(int quantity)
    {
        var found = Search(new SearchCriteria { AreaCode = Npa.FromInt32(212), Quantity = quantity });

        Assert.Equal(quantity, found.Count);
        Assert.Equal(quantity, found.Select(n => n.Number).Distinct().Count());
    }

    [Fact]
    public void Search_InvalidCriteria_ThrowsWithFixes()
    {
        var quantity = Assert.Throws<InvalidSearchException>(() => Search(new SearchCriteria { Quantity = 101 }));
        var city = Assert.Throws<InvalidSearchException>(() => Search(new SearchCriteria { City = "Cary" }));
        var pattern = Assert.Throws<InvalidSearchException>(() => Search(new SearchCriteria { Contains = "12a" }));

        Assert.Contains("between 1 and 100", quantity.Message);
        Assert.Contains("city requires state", city.Message);
        Assert.Contains("contains must be 1 to 15 digits", pattern.Message);
    }

    [Fact]
    public void Search_OnlyReturnsAvailableNumbers_AndNeverReserves()
    {
        var criteria = new SearchCriteria { AreaCode = Npa.FromInt32(919), Quantity = 100 };

        var first = Search(criteria);
        var second = Search(criteria);

        Assert.Equal(first.Select(n => n.Number), second.Select(n => n.Number));
        Assert.All(first, n => Assert.Equal(NumberState.Available, _inventory.GetStatus(n.Number).State));
        Assert.Equal(0, _inventory.GetStats().OverlayEntries);
    }

    [Fact]
    public void Search_SameSeedAndState_GivesSameAnswerAcrossInstances()
    {
        var criteria = new SearchCriteria { State = "NC", Quantity = 100 };

        var a = TestCatalog.Inventory(seed: 11).Search(criteria).Select(n => n.Number.ToString());
        var b = TestCatalog.Inventory(seed: 11).Search(criteria).Select(n => n.Number.ToString());
        var other = TestCatalog.Inventory(seed: 12).Search(criteria).Select(n => n.Number.ToString());

        Assert.Equal(a, b);
        Assert.NotEqual(a, other);
    }

    [Fact]
    public void Search_SkipsNumbersThatChangedState()
    {
        var criteria = new SearchCriteria { NpaNxx = NpaNxx.FromInt32(919460), Quantity = 5 };
        var before = Search(criteria);

        _inventory.Acquire([before[0].Number], new OwnerId(1), AcquireMode.All);
        _inventory.TakeByCompetitor([before[1].Number]);
        var after = Search(criteria);

        Assert.DoesNotContain(after, n => n.Number == before[0].Number || n.Number == before[1].Number);
        Assert.Subset(after.Select(n => n.Number).ToHashSet(), before.Skip(2).Select(n => n.Number).ToHashSet());
        Assert.Equal(5, after.Count);
    }

    [Fact]
    public void Search_SpreadsResultsOverBlocks()
    {
        var found = Search(new SearchCriteria { AreaCode = Npa.FromInt32(919), Quantity = 20 });

        Assert.True(found.Select(n => n.Number.Digits / 1000).Distinct().Count() >= 8);
    }

    [Fact]
    public void Describe_GivesCatalogFacts()
    {
        var raleigh = _inventory.Describe(TestCatalog.Number("+19198331234"))!;

        Assert.Equal("Raleigh", raleigh.Locality);
        Assert.Equal("NC", raleigh.Region);
        Assert.Equal(426, raleigh.Lata!.Value.Value);
        Assert.Null(_inventory.Describe(TestCatalog.Number("+19195551212")));
    }
}
