using System.Globalization;
using CarrierSim.CatalogBuilder.Us;

namespace CarrierSim.CatalogBuilder.Sources;

/// <summary>A row of <c>us_rate_centers_somleng.csv</c> that has coordinates.</summary>
internal sealed record SourceRateCenter(
    string State,
    string LcgExchange,
    string Name,
    string FullName,
    int Lata,
    double Latitude,
    double Longitude,
    bool PrimaryGuess)
{
    /// <summary>
    /// The join's preference: primary_guess = Y first, then the lowest lcg_exchange; name and
    /// full name only make the order total.
    /// </summary>
    public static int ComparePreference(SourceRateCenter a, SourceRateCenter b)
    {
        var c = b.PrimaryGuess.CompareTo(a.PrimaryGuess);
        if (c == 0)
        {
            c = string.CompareOrdinal(a.LcgExchange, b.LcgExchange);
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(a.Name, b.Name);
        }

        return c != 0 ? c : string.CompareOrdinal(a.FullName, b.FullName);
    }
}

/// <summary>A row of <c>us_cities_nearby_rate_centers_somleng.csv</c>: a city point.</summary>
internal sealed record SourceCity(string State, string City, double Latitude, double Longitude);

/// <summary>The somleng rate-center and city tables.</summary>
internal sealed class RateCenterSource
{
    public const string RateCentersFileName = "us_rate_centers_somleng.csv";
    public const string CitiesFileName = "us_cities_nearby_rate_centers_somleng.csv";

    private RateCenterSource(IReadOnlyList<SourceRateCenter> rateCenters, IReadOnlyList<string> placedWithoutCoordinates, int dropped, IReadOnlyList<SourceCity> cities)
    {
        RateCenters = rateCenters;
        PlacedWithoutCoordinates = placedWithoutCoordinates;
        RowsDropped = dropped;
        Cities = cities;
    }

    /// <summary>The US rows, in file order.</summary>
    public IReadOnlyList<SourceRateCenter> RateCenters { get; }

    /// <summary>Rows that upstream gives no coordinates, with where theirs came from instead.</summary>
    public IReadOnlyList<string> PlacedWithoutCoordinates { get; }

    /// <summary>Rows left out: no coordinates upstream and none to be found.</summary>
    public int RowsDropped { get; }

    public IReadOnlyList<SourceCity> Cities { get; }

    /// <summary>
    /// Reads both tables. Upstream has no coordinates for 50 rate centers, among them all of
    /// Guam, American Samoa and the Northern Mariana Islands; those take the point of a city of
    /// the same name (city table, then ZIP data), else the centre of their state's ZIP codes,
    /// so that they can take part in the distance-based steps.
    /// </summary>
    public static RateCenterSource Load(string sourceDirectory, IReadOnlyList<SourceZip> zips)
    {
        var cities = new List<SourceCity>();
        foreach (var r in Csv.Read(Path.Combine(sourceDirectory, CitiesFileName)))
        {
            if (r["country"] == "US" && TryParseCoordinate(r["lat"], out var latitude) && TryParseCoordinate(r["lon"], out var longitude))
            {
                cities.Add(new SourceCity(r["state"], r["city"], latitude, longitude));
            }
        }

        var cityPoints = new Dictionary<(string State, string Name), (double, double)>();
        foreach (var city in cities)
        {
            cityPoints.TryAdd((city.State, PlaceName.Normalize(city.City)), (city.Latitude, city.Longitude));
        }

        var zipPoints = new Dictionary<(string State, string Name), (double, double)>();
        var zipSums = new SortedDictionary<string, (double Latitude, double Longitude, int Count)>(StringComparer.Ordinal);
        foreach (var zip in zips)
        {
            zipPoints.TryAdd((zip.State, PlaceName.Normalize(zip.City)), (zip.Latitude, zip.Longitude));
            var sum = zipSums.GetValueOrDefault(zip.State);
            zipSums[zip.State] = (sum.Latitude + zip.Latitude, sum.Longitude + zip.Longitude, sum.Count + 1);
        }

        var rateCenters = new List<SourceRateCenter>();
        var placed = new List<string>();
        var dropped = 0;
        foreach (var r in Csv.Read(Path.Combine(sourceDirectory, RateCentersFileName)))
        {
            if (r["country"] != "US")
            {
                continue;
            }

            var state = r["state"];
            var fullName = r["full_name"];
            double latitude, longitude;
            if (!TryParseCoordinate(r["lat"], out latitude) || !TryParseCoordinate(r["lon"], out longitude))
            {
                var key = (state, PlaceName.Normalize(fullName));
                string origin;
                if (cityPoints.TryGetValue(key, out var point))
                {
                    origin = "city table";
                }
                else if (zipPoints.TryGetValue(key, out point))
                {
                    origin = "ZIP city";
                }
                else if (zipSums.TryGetValue(state, out var sum))
                {
                    point = (sum.Latitude / sum.Count, sum.Longitude / sum.Count);
                    origin = "state ZIP centre";
                }
                else
                {
                    dropped++;
                    continue;
                }

                (latitude, longitude) = point;
                placed.Add($"{r["rate_center"]}, {state} ({origin})");
            }

            rateCenters.Add(new SourceRateCenter(
                state,
                r["lcg_exchange"],
                r["rate_center"],
                fullName,
                int.Parse(r["lata"], NumberStyles.None, CultureInfo.InvariantCulture),
                latitude,
                longitude,
                r["primary_guess"] == "Y"));
        }

        return new RateCenterSource(rateCenters, placed, dropped, cities);
    }

    private static bool TryParseCoordinate(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
