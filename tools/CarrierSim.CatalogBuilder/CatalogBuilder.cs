using System.Diagnostics;
using System.Globalization;
using CarrierSim.CatalogBuilder.International;
using CarrierSim.CatalogBuilder.Sources;
using CarrierSim.CatalogBuilder.Us;
using CarrierSim.Core.Numbering;
using PhoneNumbers;

namespace CarrierSim.CatalogBuilder;

/// <summary>Where the builder reads from.</summary>
/// <param name="SourceDirectory">The numbering source data (<c>shared/data/numbering</c>).</param>
/// <param name="NpmDirectory">The folder whose package-lock.json pins the zipcodes package.</param>
internal sealed record CatalogBuilderOptions(string SourceDirectory, string NpmDirectory);

/// <summary>The built catalog and the figures of how it was built.</summary>
internal sealed record CatalogBuildResult(NumberingCatalog Catalog, CatalogBuildReport Report);

/// <summary>Figures for the build summary and docs/catalog.md.</summary>
internal sealed record CatalogBuildReport(
    int ValidExchanges,
    IReadOnlyDictionary<JoinMethod, int> GeocodedJoins,
    IReadOnlyDictionary<ExchangeOrigin, int> ExchangeOrigins,
    IReadOnlyDictionary<int, int> SynthesizedExchangesByNpa,
    IReadOnlyList<int> NpasUnknownToLibphonenumber,
    IReadOnlyList<string> UnmatchedLocalities,
    int DroppedOverlayMembers,
    IReadOnlyList<string> RateCentersPlacedWithoutCoordinates,
    int RateCentersAddedToNearestZip,
    IReadOnlyList<RangeSearchResult> InternationalSearches,
    string ZipcodesVersion);

/// <summary>
/// Derives the numbering catalog from the NANPA NPA report, the somleng rate-center tables,
/// libphonenumber's metadata and offline geocoder, and the zipcodes npm package. The result
/// depends only on those inputs: no hash-ordered enumeration, no parallelism, invariant
/// culture throughout, so the serialized catalog is reproducible byte for byte.
/// </summary>
internal sealed class CatalogBuilder(CatalogBuilderOptions options)
{
    /// <summary>The attribution required by the source data's README, word for word.</summary>
    public const string SourceAttribution =
        "Numbering catalog derived from: NANPA NPA report (public), somleng/rate_center (MIT, data from Local Calling Guide and SimpleMaps), libphonenumber (Apache-2.0), zipcodes npm package (BSD).";

    public CatalogBuildResult Build(TextWriter? log = null)
    {
        log ??= TextWriter.Null;
        var clock = Stopwatch.StartNew();
        void Step(string message) => log.WriteLine($"[{clock.Elapsed.TotalSeconds,5:F1}s] {message}");

        Step($"Reading sources from {options.SourceDirectory}");
        var report = NpaReport.Load(options.SourceDirectory);
        var zipSource = ZipCodeSource.Load(options.NpmDirectory, log);
        var rateCenterSource = RateCenterSource.Load(options.SourceDirectory, zipSource.Zips);
        var canonical = RateCenterMatcher.Canonicalize(rateCenterSource.RateCenters);
        Step($"  NPA report of {report.FileDate}: {report.Rows.Count} NPAs; {rateCenterSource.RateCenters.Count:N0} rate-center rows ({canonical.Count:N0} distinct by state and name; {rateCenterSource.PlacedWithoutCoordinates.Count} placed without upstream coordinates, {rateCenterSource.RowsDropped} left out); {rateCenterSource.Cities.Count:N0} city points; zipcodes {zipSource.Version}: {zipSource.Zips.Count:N0} US ZIPs");

        Step("Scanning NPA-NXX with libphonenumber's geocoder and joining localities to rate centers");
        var matcher = new RateCenterMatcher(canonical, rateCenterSource.Cities, zipSource.Zips);
        var us = new UsExchangeBuilder(matcher, canonical).Build(report, log);

        var referenced = us.Exchanges
            .Where(e => e.RateCenter is not null)
            .Select(e => e.RateCenter!)
            .Distinct()
            .OrderBy(r => r.State, StringComparer.Ordinal)
            .ThenBy(r => r.Name, StringComparer.Ordinal)
            .ToList();
        var indexOf = new Dictionary<SourceRateCenter, int>();
        for (var i = 0; i < referenced.Count; i++)
        {
            indexOf[referenced[i]] = i;
        }

        var rateCenters = referenced
            .Select(r => new RateCenter(r.Name, r.State, r.FullName, Lata.FromInt32(r.Lata), Geo.RoundCoordinate(r.Latitude), Geo.RoundCoordinate(r.Longitude)))
            .ToList();
        var exchanges = us.Exchanges
            .Select(e => new Exchange(NpaNxx.FromInt32(e.NpaNxx), e.RateCenter is null ? -1 : indexOf[e.RateCenter], e.Locality, e.State))
            .ToList();
        Step($"  {us.AreaCodes.Count} area codes, {exchanges.Count:N0} exchanges, {rateCenters.Count:N0} rate centers referenced");

        Step("Mapping ZIP codes to their nearest rate centers");
        var (zips, added) = ZipMapper.Map(rateCenters, zipSource.Zips);
        Step($"  {zips.Count:N0} ZIP codes; {added} rate centers added to their nearest ZIP");

        Step("Finding international ranges in libphonenumber's metadata");
        var searches = new InternationalRangeFinder().FindAll();
        var ranges = searches
            .SelectMany(s => s.Ranges)
            .OrderBy(r => r.CountryIso, StringComparer.Ordinal)
            .ThenBy(r => r.Type)
            .ThenBy(r => r.Prefix)
            .ToList();
        Step($"  {ranges.Count} ranges in {searches.Count} (country, type) pairs");

        var attribution = string.Create(
            CultureInfo.InvariantCulture,
            $"{SourceAttribution} Versions: NANPA NPA report file date {report.FileDate}, libphonenumber-csharp {LibphonenumberVersion()}, zipcodes {zipSource.Version}.");
        var catalog = new NumberingCatalog(attribution, us.AreaCodes, rateCenters, exchanges, zips, ranges);

        var geocoded = us.Exchanges.Where(e => e.Origin == ExchangeOrigin.Geocoded).ToList();
        var buildReport = new CatalogBuildReport(
            us.ValidExchangeCount,
            Enum.GetValues<JoinMethod>().ToDictionary(m => m, m => geocoded.Count(e => e.Join == m)),
            Enum.GetValues<ExchangeOrigin>().ToDictionary(o => o, o => us.Exchanges.Count(e => e.Origin == o)),
            new SortedDictionary<int, int>(us.Exchanges
                .Where(e => e.Origin != ExchangeOrigin.Geocoded)
                .GroupBy(e => e.NpaNxx / 1000)
                .ToDictionary(g => g.Key, g => g.Count())),
            us.NpasUnknownToLibphonenumber,
            geocoded.Where(e => e.RateCenter is null).Select(e => $"{e.Locality}, {e.State}").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
            us.DroppedOverlayMembers,
            rateCenterSource.PlacedWithoutCoordinates,
            added,
            searches,
            zipSource.Version);
        Step("Catalog built");
        return new CatalogBuildResult(catalog, buildReport);
    }

    /// <summary>The libphonenumber-csharp package version, e.g. 9.0.43.</summary>
    public static string LibphonenumberVersion()
    {
        var version = typeof(PhoneNumberUtil).Assembly.GetName().Version ?? new Version(0, 0);
        return version.ToString(3);
    }
}
