using CarrierSim.CatalogBuilder.Sources;
using CarrierSim.Core.Numbering;

namespace CarrierSim.CatalogBuilder.Us;

/// <summary>
/// Maps ZIP codes to rate centers. In reality the relation is many-to-many and not
/// published; the catalog approximates it by distance: each ZIP gets the nearest rate
/// center of its state, plus up to two more that are at most
/// <see cref="ExtraRateCenterSlackKm"/> farther than the nearest. Upstream gives
/// sub-localities their parent's point (Mint Hill sits on Charlotte), so among rate centers
/// at the same distance one named like the ZIP's city comes first.
/// </summary>
internal static class ZipMapper
{
    public const int MaxRateCentersPerZip = 3;

    public const double ExtraRateCenterSlackKm = 15;

    /// <summary>The 50 states, DC, and the territories the rate-center data covers.</summary>
    private static readonly HashSet<string> States = new(StringComparer.Ordinal)
    {
        "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
        "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC",
        "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY",
        "AS", "GU", "MP", "PR", "VI",
    };

    /// <returns>The ZIP areas, ascending, and how many rate centers had to be added to their nearest ZIP.</returns>
    public static (List<ZipArea> Zips, int AddedForCoverage) Map(IReadOnlyList<RateCenter> rateCenters, IReadOnlyList<SourceZip> zips)
    {
        var centersByState = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < rateCenters.Count; i++)
        {
            if (!centersByState.TryGetValue(rateCenters[i].State, out var list))
            {
                centersByState[rateCenters[i].State] = list = [];
            }

            list.Add(i);
        }

        var names = rateCenters.Select(r => PlaceName.Normalize(r.FullName)).ToArray();
        var areas = new List<(SourceZip Zip, List<(double Distance, int Named, ulong Tie, int Index)> Centers)>();
        foreach (var zip in zips)
        {
            if (!States.Contains(zip.State) || !centersByState.TryGetValue(zip.State, out var candidates))
            {
                continue;
            }

            var zipName = PlaceName.Normalize(zip.City);

            // The three nearest, by insertion into a short sorted list.
            var ranked = new List<(double Distance, int Named, ulong Tie, int Index)>(MaxRateCentersPerZip + 1);
            foreach (var i in candidates)
            {
                var entry = (Distance(zip, rateCenters[i]), Named(zipName, names[i]), Tie(zip.Zip, i), i);
                if (ranked.Count == MaxRateCentersPerZip && CompareRanked(entry, ranked[^1]) >= 0)
                {
                    continue;
                }

                var at = ranked.Count;
                while (at > 0 && CompareRanked(entry, ranked[at - 1]) < 0)
                {
                    at--;
                }

                ranked.Insert(at, entry);
                if (ranked.Count > MaxRateCentersPerZip)
                {
                    ranked.RemoveAt(ranked.Count - 1);
                }
            }

            var nearest = ranked[0].Distance;
            var chosen = ranked.Where((r, n) => n == 0 || r.Distance <= nearest + ExtraRateCenterSlackKm).ToList();
            areas.Add((zip, chosen));
        }

        // Every rate center the catalog references gets at least one ZIP, so a ZIP search can
        // reach all of them: an unreached one joins the ZIP nearest to it in its state.
        var reached = areas.SelectMany(a => a.Centers.Select(c => c.Index)).ToHashSet();
        var added = 0;
        for (var i = 0; i < rateCenters.Count; i++)
        {
            if (reached.Contains(i))
            {
                continue;
            }

            var center = rateCenters[i];
            var best = -1;
            var bestDistance = double.MaxValue;
            for (var a = 0; a < areas.Count; a++)
            {
                if (areas[a].Zip.State != center.State)
                {
                    continue;
                }

                var distance = Distance(areas[a].Zip, center);
                if (distance < bestDistance)
                {
                    best = a;
                    bestDistance = distance;
                }
            }

            if (best >= 0)
            {
                areas[best].Centers.Add((bestDistance, Named(PlaceName.Normalize(areas[best].Zip.City), names[i]), Tie(areas[best].Zip.Zip, i), i));
                areas[best].Centers.Sort(CompareRanked);
                added++;
            }
        }

        var result = areas
            .Select(a => new ZipArea(
                ZipCode.FromInt32(a.Zip.Zip),
                a.Zip.City,
                a.Zip.State,
                Geo.RoundCoordinate(a.Zip.Latitude),
                Geo.RoundCoordinate(a.Zip.Longitude),
                a.Centers.Select(c => c.Index).ToArray()))
            .ToList();
        return (result, added);
    }

    /// <summary>0 when the rate center is named like the city ("New York City Zone 05" for New York), else 1.</summary>
    private static int Named(string name, string rateCenterName) => rateCenterName == name || rateCenterName.StartsWith(name + " ", StringComparison.Ordinal) ? 0 : 1;

    private static double Distance(SourceZip zip, RateCenter center) =>
        Geo.DistanceKm(zip.Latitude, zip.Longitude, center.Latitude, center.Longitude);

    // Rate centers at the very same point (New York's zones share one) are taken in an order
    // that differs per ZIP, so the ZIPs around them spread over all of them.
    private static ulong Tie(int zip, int index) => SplitMix.Combine((ulong)zip, (ulong)index);

    private static int CompareRanked((double Distance, int Named, ulong Tie, int Index) a, (double Distance, int Named, ulong Tie, int Index) b)
    {
        var c = a.Distance.CompareTo(b.Distance);
        if (c != 0)
        {
            return c;
        }

        c = a.Named.CompareTo(b.Named);
        if (c != 0)
        {
            return c;
        }

        c = a.Tie.CompareTo(b.Tie);
        return c != 0 ? c : a.Index.CompareTo(b.Index);
    }
}
