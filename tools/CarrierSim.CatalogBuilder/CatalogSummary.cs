using System.Globalization;
using CarrierSim.Core.Numbering;

namespace CarrierSim.CatalogBuilder;

/// <summary>Prints a catalog's figures: the summary of <c>build</c> and the output of <c>coverage</c>.</summary>
internal static class CatalogSummary
{
    public static void Print(NumberingCatalog catalog, long sizeBytes, TextWriter output)
    {
        var inv = CultureInfo.InvariantCulture;
        var geographic = catalog.AreaCodes.Count(a => a.Use == AreaCodeUse.Geographic);
        var tollFree = catalog.AreaCodes.Count(a => a.Use == AreaCodeUse.TollFree);
        output.WriteLine(string.Create(inv, $"Area codes:     {catalog.AreaCodes.Count} ({geographic} US geographic in service, {tollFree} toll-free)"));
        output.WriteLine(string.Create(inv, $"Exchanges:      {catalog.Exchanges.Count:N0} NPA-NXX ({catalog.Exchanges.Count * 10_000L:N0} numbers) in {catalog.Exchanges.Select(e => e.NpaNxx.Npa).Distinct().Count()} NPAs"));
        output.WriteLine(string.Create(inv, $"Rate centers:   {catalog.RateCenters.Count:N0} in {catalog.RateCenters.Select(r => r.State).Distinct().Count()} states/territories, {catalog.RateCenters.Select(r => r.Lata).Distinct().Count()} LATAs"));
        output.WriteLine(string.Create(inv, $"ZIP codes:      {catalog.Zips.Count:N0} ({catalog.Zips.Count(z => z.RateCenterIndexes.Count > 1):N0} with more than one rate center)"));
        output.WriteLine(string.Create(inv, $"International:  {catalog.InternationalRanges.Count} ranges"));
        foreach (var group in catalog.InternationalRanges.GroupBy(r => (r.CountryIso, r.Type)))
        {
            var numbers = group.Sum(r => (long)Math.Pow(10, r.VariableDigits));
            var regions = group.Count(r => r.Region.Length > 0);
            output.WriteLine(string.Create(inv, $"  {group.Key.CountryIso} {group.Key.Type.ToWireName(),-9} {group.Count(),3} ranges, {numbers,7:N0} numbers{(regions > 0 ? $", {regions} with a region" : "")}"));
        }

        var coverage = CatalogCoverage.Measure(catalog);
        output.WriteLine(string.Create(inv, $"Coverage:       {coverage.Share:P2} of exchanges have a rate center, a LATA and a ZIP ({coverage.Complete:N0} of {coverage.Exchanges:N0}; rate center {coverage.WithRateCenter:N0}, LATA {coverage.WithLata:N0}, ZIP {coverage.WithZip:N0})"));
        output.WriteLine(string.Create(inv, $"Size:           {sizeBytes:N0} bytes ({sizeBytes / 1024.0 / 1024.0:F2} MiB)"));
        output.WriteLine($"Attribution:    {catalog.Attribution}");
    }

    public static void PrintBuildReport(CatalogBuildReport report, TextWriter output)
    {
        var inv = CultureInfo.InvariantCulture;
        var geocoded = report.GeocodedJoins.Values.Sum();
        output.WriteLine(string.Create(inv, $"libphonenumber: {report.ValidExchanges:N0} valid offerable NPA-NXX, {geocoded:N0} with a city"));
        output.WriteLine("Locality joins: " + string.Join(", ", report.GeocodedJoins.Select(j =>
            string.Create(inv, $"{j.Key} {j.Value:N0} ({(geocoded == 0 ? 0 : (double)j.Value / geocoded):P1})"))));
        output.WriteLine("Exchanges by origin: " + string.Join(", ", report.ExchangeOrigins.Select(o => string.Create(inv, $"{o.Key} {o.Value:N0}"))));
        output.WriteLine(string.Create(inv, $"NPAs with synthesized exchanges ({report.SynthesizedExchangesByNpa.Count}): ") +
            string.Join(' ', report.SynthesizedExchangesByNpa.Select(p => string.Create(inv, $"{p.Key}:{p.Value}"))));
        output.WriteLine("NPAs libphonenumber does not know yet (all offerable NXXs used): " +
            (report.NpasUnknownToLibphonenumber.Count == 0 ? "none" : string.Join(' ', report.NpasUnknownToLibphonenumber)));
        output.WriteLine(string.Create(inv, $"Overlay members left out as not in service: {report.DroppedOverlayMembers}; rate-center rows placed without upstream coordinates: {report.RateCentersPlacedWithoutCoordinates.Count}; rate centers added to their nearest ZIP: {report.RateCentersAddedToNearestZip}"));
        output.WriteLine(string.Create(inv, $"Unmatched localities ({report.UnmatchedLocalities.Count}): {string.Join("; ", report.UnmatchedLocalities.Take(30))}{(report.UnmatchedLocalities.Count > 30 ? "; …" : "")}"));
        foreach (var search in report.InternationalSearches.Where(s => s.CandidatesTried > 0))
        {
            output.WriteLine(string.Create(inv, $"  {search.CountryIso} {search.Type.ToWireName(),-9} {search.Ranges.Count,3} ranges from {search.CandidatesTried,5} candidate prefixes"));
        }
    }
}
