using CarrierSim.Core.Numbering;

namespace CarrierSim.Core.Tests.Numbering;

/// <summary>
/// The catalog's place lookups are indexes over the real catalog; each must answer exactly what a scan of the
/// catalog answers (the dialects' searches scanned it before), for names in one state, in several, by full name,
/// in another case, and for names that do not exist.
/// </summary>
public sealed class PlaceLookupTests
{
    private static readonly NumberingCatalog Catalog = NumberingCatalog.Embedded;

    public static TheoryData<string> RateCenterNames()
    {
        var data = new TheoryData<string> { "RALEIGH", "raleigh", "NO SUCH PLACE", "", InSeveralStates };
        data.Add(Catalog.RateCenters.First(r => r.FullName.Length > 0 && !string.Equals(r.FullName, r.Name, StringComparison.OrdinalIgnoreCase)).FullName);
        return data;
    }

    private static string InSeveralStates => Catalog.RateCenters.GroupBy(r => r.Name, StringComparer.OrdinalIgnoreCase).First(g => g.Select(r => r.State).Distinct().Count() > 1).Key;

    public static TheoryData<string> Localities()
    {
        var data = new TheoryData<string> { "Raleigh", "RALEIGH", "No Such Town", "" };
        data.Add(Catalog.Exchanges.GroupBy(e => e.Locality, StringComparer.OrdinalIgnoreCase).First(g => g.Key.Length > 0 && g.Select(e => e.State).Distinct().Count() > 1).Key);
        return data;
    }

    [Theory]
    [MemberData(nameof(RateCenterNames))]
    public void RateCentersNamed_AnswersWhatAScanAnswers(string name)
    {
        Assert.Equal(
            Catalog.RateCenters.Where(r => name.Length > 0 && string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase)),
            Catalog.RateCentersNamed(name));
        Assert.Equal(
            Catalog.RateCenters.Where(r => name.Length > 0 && (string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase) || string.Equals(r.FullName, name, StringComparison.OrdinalIgnoreCase))),
            Catalog.RateCentersNamed(name, orFullName: true));
    }

    [Theory]
    [MemberData(nameof(Localities))]
    public void StatesOfLocality_AnswersWhatAScanAnswers(string locality)
    {
        var scanned = Catalog.Exchanges
            .Where(e => locality.Length > 0 && string.Equals(e.Locality, locality, StringComparison.OrdinalIgnoreCase))
            .Select(e => e.State.ToUpperInvariant()).Distinct();

        Assert.Equal(scanned, Catalog.StatesOfLocality(locality));
    }

    [Fact]
    public void ANameInSeveralStates_FindsEachOfThem()
    {
        Assert.True(Catalog.RateCentersNamed(InSeveralStates).Select(r => r.State).Distinct().Count() > 1);
    }
}
