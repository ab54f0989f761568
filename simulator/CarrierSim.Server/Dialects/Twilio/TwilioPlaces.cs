using CarrierSim.Core.Numbering;

namespace CarrierSim.Server.Dialects.Twilio;

/// <summary>
/// What Twilio's place filters need from the catalog, indexed once: the postal code of each rate center (the
/// nearest ZIP that lists it), the states a locality is in, rate centers by name, and distances between points.
/// </summary>
internal sealed class TwilioPlaces(NumberingCatalog catalog)
{
    private const double EarthRadiusMiles = 3958.8;

    private readonly Lazy<Dictionary<(string Name, string State), string>> _postalCodes = new(() => PostalCodes(catalog));
    private readonly Lazy<Dictionary<string, string[]>> _localityStates = new(() => catalog.Exchanges
        .Where(e => e.Locality.Length > 0)
        .GroupBy(e => e.Locality, StringComparer.OrdinalIgnoreCase)
        .ToDictionary(g => g.Key, g => g.Select(e => e.State).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToArray(), StringComparer.OrdinalIgnoreCase));

    private readonly Lazy<IReadOnlyList<string>> _countries = new(() =>
        ["US", .. catalog.InternationalRanges.Select(r => r.CountryIso.ToUpperInvariant()).Where(c => c != "US").Distinct()]);

    public NumberingCatalog Catalog => catalog;

    /// <summary>Every country the catalog offers numbers in: the US (the NANP pool) first, then in catalog order.</summary>
    public IReadOnlyList<string> Countries => _countries.Value;

    /// <summary>The number types the catalog has in a country.</summary>
    public bool Offers(string country, NumberType type) => country == "US"
        ? type is NumberType.Local or NumberType.Mobile or NumberType.TollFree
        : catalog.InternationalRanges.Any(r => string.Equals(r.CountryIso, country, StringComparison.OrdinalIgnoreCase) && r.Type == type);

    public string? PostalCodeOf(RateCenter? rateCenter) =>
        rateCenter is not null && _postalCodes.Value.TryGetValue((rateCenter.Name, rateCenter.State), out var zip) ? zip : null;

    public IReadOnlyList<string> StatesOfLocality(string locality) =>
        _localityStates.Value.TryGetValue(locality.Trim(), out var states) ? states : [];

    public IReadOnlyList<RateCenter> RateCentersNamed(string name) => catalog.RateCentersNamed(name.Trim());

    /// <summary>Rate centers within <paramref name="miles"/> of a point, nearest first.</summary>
    public IReadOnlyList<RateCenter> Near(double latitude, double longitude, double miles) =>
        [.. catalog.RateCenters
            .Select(r => (RateCenter: r, Miles: Miles(latitude, longitude, r.Latitude, r.Longitude)))
            .Where(p => p.Miles <= miles)
            .OrderBy(p => p.Miles)
            .Select(p => p.RateCenter)];

    /// <summary>Great-circle distance in miles (haversine).</summary>
    public static double Miles(double lat1, double lon1, double lat2, double lon2)
    {
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var dLat = Radians(lat2 - lat1);
        var dLon = Radians(lon2 - lon1);
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) + (Math.Cos(Radians(lat1)) * Math.Cos(Radians(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusMiles * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    private static Dictionary<(string, string), string> PostalCodes(NumberingCatalog catalog)
    {
        var best = new Dictionary<(string, string), (string Zip, double Miles)>();
        foreach (var zip in catalog.Zips)
        {
            foreach (var index in zip.RateCenterIndexes)
            {
                var rateCenter = catalog.RateCenters[index];
                var miles = Miles(zip.Latitude, zip.Longitude, rateCenter.Latitude, rateCenter.Longitude);
                var key = (rateCenter.Name, rateCenter.State);
                if (!best.TryGetValue(key, out var current) || miles < current.Miles)
                {
                    best[key] = (zip.Zip.ToString(), miles);
                }
            }
        }

        return best.ToDictionary(p => p.Key, p => p.Value.Zip);
    }
}
