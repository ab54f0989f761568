using CarrierSim.CatalogBuilder.Sources;

namespace CarrierSim.CatalogBuilder.Us;

/// <summary>How an exchange's locality was joined to a rate center.</summary>
internal enum JoinMethod
{
    /// <summary>Same state, full_name equal to the locality.</summary>
    ExactName,

    /// <summary>Same state, full_name starting with the locality as whole words (NYC zones).</summary>
    NamePrefix,

    /// <summary>The locality is a rate center's abbreviation ("Chtamstths" is CHTAMSTTHS, Charlotte Amalie).</summary>
    Abbreviation,

    /// <summary>Nearest rate center to the locality's point in the somleng city table.</summary>
    CityTable,

    /// <summary>Nearest rate center to the locality's ZIP code point (zipcodes package).</summary>
    ZipCity,

    /// <summary>No rate center found.</summary>
    Unmatched,
}

/// <summary>The rate centers a locality may ring in, most preferred first.</summary>
internal sealed record RateCenterMatch(IReadOnlyList<SourceRateCenter> Candidates, JoinMethod Method);

/// <summary>
/// Joins a geocoder locality (e.g. "Cary", NC) to rate centers, following the recipe of the
/// source data's README: same state and equal name, else a name that starts with it (keeping
/// primary_guess = Y rows when there are any, otherwise the lowest lcg_exchange); failing
/// that, a rate center whose abbreviation the locality is, then the nearest rate center in the
/// state to the locality's coordinates. A locality that still has no match is tried once more
/// without a municipal suffix ("Flint Township" → "Flint").
/// </summary>
internal sealed class RateCenterMatcher
{
    private readonly Dictionary<string, List<(string Name, SourceRateCenter Row)>> _byState = new(StringComparer.Ordinal);
    private readonly Dictionary<(string State, string Abbreviation), SourceRateCenter> _byAbbreviation = [];
    private readonly Dictionary<(string State, string Name), (double Latitude, double Longitude)> _cityPoints = [];
    private readonly Dictionary<(string State, string Name), (double Latitude, double Longitude)> _zipPoints = [];
    private readonly Dictionary<(string State, string Locality), RateCenterMatch> _cache = [];

    /// <param name="rateCenters">One row per (state, rate center), see <see cref="Canonicalize"/>.</param>
    public RateCenterMatcher(IReadOnlyList<SourceRateCenter> rateCenters, IReadOnlyList<SourceCity> cities, IReadOnlyList<SourceZip> zips)
    {
        foreach (var row in rateCenters)
        {
            if (!_byState.TryGetValue(row.State, out var list))
            {
                _byState[row.State] = list = [];
            }

            list.Add((PlaceName.Normalize(row.FullName), row));
            _byAbbreviation.TryAdd((row.State, PlaceName.Compact(row.Name)), row);
        }

        foreach (var list in _byState.Values)
        {
            list.Sort((a, b) => SourceRateCenter.ComparePreference(a.Row, b.Row));
        }

        // First occurrence wins: the city table is in file order, the ZIPs ascending.
        foreach (var city in cities)
        {
            _cityPoints.TryAdd((city.State, PlaceName.Normalize(city.City)), (city.Latitude, city.Longitude));
        }

        foreach (var zip in zips)
        {
            _zipPoints.TryAdd((zip.State, PlaceName.Normalize(zip.City)), (zip.Latitude, zip.Longitude));
        }
    }

    /// <summary>
    /// Upstream repeats some rate-center abbreviations within a state (349 pairs, e.g. two
    /// <c>BRENTWOOD</c>s in California). The catalog identifies a rate center by state and
    /// abbreviation, so each pair keeps its preferred row: primary_guess = Y, then the lowest
    /// lcg_exchange.
    /// </summary>
    public static List<SourceRateCenter> Canonicalize(IEnumerable<SourceRateCenter> rows)
    {
        var best = new Dictionary<(string State, string Name), SourceRateCenter>();
        var order = new List<(string State, string Name)>();
        foreach (var row in rows)
        {
            var key = (row.State, row.Name);
            if (!best.TryGetValue(key, out var current))
            {
                best[key] = row;
                order.Add(key);
            }
            else if (SourceRateCenter.ComparePreference(row, current) < 0)
            {
                best[key] = row;
            }
        }

        return order.Select(k => best[k]).ToList();
    }

    public RateCenterMatch Match(string locality, string state)
    {
        if (_cache.TryGetValue((state, locality), out var cached))
        {
            return cached;
        }

        var name = PlaceName.Normalize(locality);
        var match = MatchCore(name, locality, state);
        if (match.Method == JoinMethod.Unmatched && PlaceName.WithoutMunicipalSuffix(name) is { } shorter)
        {
            match = MatchCore(shorter, shorter, state);
        }

        _cache[(state, locality)] = match;
        return match;
    }

    private RateCenterMatch MatchCore(string name, string locality, string state)
    {
        if (!_byState.TryGetValue(state, out var rows) || name.Length == 0)
        {
            return new RateCenterMatch([], JoinMethod.Unmatched);
        }

        var exact = rows.Where(r => r.Name == name).Select(r => r.Row).ToList();
        if (exact.Count > 0)
        {
            return new RateCenterMatch(Prefer(exact), JoinMethod.ExactName);
        }

        var prefix = rows.Where(r => r.Name.StartsWith(name + " ", StringComparison.Ordinal)).Select(r => r.Row).ToList();
        if (prefix.Count > 0)
        {
            return new RateCenterMatch(Prefer(prefix), JoinMethod.NamePrefix);
        }

        if (_byAbbreviation.TryGetValue((state, PlaceName.Compact(locality)), out var abbreviated))
        {
            return new RateCenterMatch([abbreviated], JoinMethod.Abbreviation);
        }

        if (_cityPoints.TryGetValue((state, name), out var cityPoint))
        {
            return new RateCenterMatch([Nearest(rows, cityPoint)], JoinMethod.CityTable);
        }

        if (_zipPoints.TryGetValue((state, name), out var zipPoint))
        {
            return new RateCenterMatch([Nearest(rows, zipPoint)], JoinMethod.ZipCity);
        }

        return new RateCenterMatch([], JoinMethod.Unmatched);
    }

    /// <summary>
    /// The primary_guess = Y rows when there are any (all of them, in lcg_exchange order, so a
    /// city with several zones gets several), otherwise the row with the lowest lcg_exchange.
    /// <paramref name="rows"/> is already in preference order.
    /// </summary>
    private static List<SourceRateCenter> Prefer(List<SourceRateCenter> rows)
    {
        var primary = rows.Where(r => r.PrimaryGuess).ToList();
        return primary.Count > 0 ? primary : [rows[0]];
    }

    private static SourceRateCenter Nearest(List<(string Name, SourceRateCenter Row)> rows, (double Latitude, double Longitude) point)
    {
        SourceRateCenter? best = null;
        var bestDistance = double.MaxValue;
        foreach (var (_, row) in rows)
        {
            // Rows are in preference order and only a strictly nearer row replaces the best,
            // so sub-localities that share their parent's coordinates lose the tie.
            var distance = Geo.DistanceKm(point.Latitude, point.Longitude, row.Latitude, row.Longitude);
            if (distance < bestDistance)
            {
                best = row;
                bestDistance = distance;
            }
        }

        return best!;
    }
}
