using System.Globalization;
using System.Text.RegularExpressions;
using CarrierSim.CatalogBuilder.Sources;
using CarrierSim.Core.Numbering;

namespace CarrierSim.CatalogBuilder.Us;

/// <summary>Where an exchange's locality and rate center came from.</summary>
internal enum ExchangeOrigin
{
    /// <summary>The geocoder names its city; joined to a rate center by <see cref="RateCenterMatcher"/>.</summary>
    Geocoded,

    /// <summary>Synthesized for an NPA with (almost) no cities: placed in an overlay partner's locality and rate center.</summary>
    OverlayPartner,

    /// <summary>Synthesized for an NPA with (almost) no cities and no partner with any: placed at one of its state's rate centers.</summary>
    StateRateCenter,
}

/// <summary>An exchange before rate centers get their catalog indexes.</summary>
/// <param name="Join">How a geocoded locality was joined; null for synthesized exchanges.</param>
internal sealed record DraftExchange(int NpaNxx, SourceRateCenter? RateCenter, string Locality, string State, ExchangeOrigin Origin, JoinMethod? Join);

/// <summary>The US part of the catalog: area codes and exchanges, with figures for the build summary.</summary>
internal sealed record UsNumbering(
    IReadOnlyList<AreaCode> AreaCodes,
    IReadOnlyList<DraftExchange> Exchanges,
    IReadOnlyList<int> NpasUnknownToLibphonenumber,
    int ValidExchangeCount,
    int DroppedOverlayMembers);

/// <summary>
/// Builds the NANP US area codes and exchanges: city-level exchanges from the geocoder joined
/// to rate centers, plus a capped set of synthesized exchanges for NPAs the geocoder names no
/// or hardly any city in (new overlays, territories), so that every in-service NPA has
/// inventory.
/// </summary>
internal sealed partial class UsExchangeBuilder(RateCenterMatcher matcher, IReadOnlyList<SourceRateCenter> rateCenters)
{
    /// <summary>At most this many synthesized exchanges per NPA (2 million numbers).</summary>
    public const int MaxSynthesizedExchangesPerNpa = 200;

    /// <summary>
    /// NPAs with fewer city-level exchanges than this (none, for new overlays; one for 774 or
    /// Guam's 671) get synthesized exchanges too, so an area-code search is not left with a
    /// handful of blocks.
    /// </summary>
    public const int MinCityExchangesPerNpa = 10;

    /// <summary>A state's synthesized exchanges use its primary_guess = Y rate centers when it has at least this many, else all.</summary>
    private const int MinPrimaryRateCenters = 3;

    public UsNumbering Build(NpaReport report, TextWriter log)
    {
        var geographic = report.Rows.Where(r => r.IsInServiceUsGeographic).ToList();
        var inService = geographic.Select(r => r.Npa).ToHashSet();
        var droppedMembers = 0;
        var overlays = new Dictionary<int, IReadOnlyList<int>>();
        foreach (var row in geographic)
        {
            overlays[row.Npa] = OverlayMembers(row, inService, ref droppedMembers);
        }

        var areaCodes = new List<AreaCode>();
        foreach (var row in geographic)
        {
            var members = overlays[row.Npa];
            var complex = members.Count > 1 ? string.Join('/', members.Select(m => m.ToString("D3", CultureInfo.InvariantCulture))) : "";
            areaCodes.Add(new AreaCode(Npa.FromInt32(row.Npa), AreaCodeUse.Geographic, "US", row.State, complex, TimeZoneCode(row.TimeZone)));
        }

        foreach (var npa in NanpRules.TollFreeNpas)
        {
            // Toll-free numbers have no geography: no region, overlay or time zone.
            areaCodes.Add(new AreaCode(Npa.FromInt32(npa), AreaCodeUse.TollFree, "US", "", "", ""));
        }

        areaCodes.Sort((a, b) => a.Npa.CompareTo(b.Npa));

        var scanner = new ExchangeScanner();
        var scans = geographic.Select(scanner.Scan).ToList();
        log.WriteLine($"  libphonenumber: {scans.Sum(s => s.ValidNxx.Count):N0} valid offerable NPA-NXX, {scans.Sum(s => s.Cities.Count):N0} with a city");

        var exchanges = new List<DraftExchange>();
        var byNpa = new Dictionary<int, List<DraftExchange>>();
        foreach (var scan in scans)
        {
            var list = Geocoded(scan);
            byNpa[scan.Npa.Npa] = list;
            exchanges.AddRange(list);
        }

        var unknown = new List<int>();
        foreach (var scan in scans.Where(s => s.Cities.Count < MinCityExchangesPerNpa))
        {
            if (scan.ValidNxx.Count == 0)
            {
                unknown.Add(scan.Npa.Npa);
            }

            var partners = overlays[scan.Npa.Npa]
                .Where(m => m != scan.Npa.Npa)
                .SelectMany(m => byNpa[m])
                .Where(e => e.Origin == ExchangeOrigin.Geocoded && e.RateCenter is not null)
                .OrderBy(e => e.NpaNxx)
                .ToList();
            exchanges.AddRange(Synthesize(scan, partners));
        }

        exchanges.Sort((a, b) => a.NpaNxx.CompareTo(b.NpaNxx));
        return new UsNumbering(areaCodes, exchanges, unknown, scans.Sum(s => s.ValidNxx.Count), droppedMembers);
    }

    /// <summary>
    /// NANPA's time-zone column: letters for the zones an NPA spans (E, C, M, P, A for
    /// Atlantic, AK, and pairs such as EC), except for a few free-text entries. Those are made
    /// to look like the rest: parentheses dropped ("(UTC+10)" → "UTC+10") and Nevada's
    /// "PT/MT only for W Wendover" written as the pair "PM".
    /// </summary>
    private static string TimeZoneCode(string published) => published switch
    {
        "PT/MT only for W Wendover" => "PM",
        _ => published.Trim('(', ')', ' '),
    };

    /// <summary>
    /// The NPAs overlaying this one, itself included, ascending. Some rows name two complexes
    /// ("212/332/646/917, 347/465/718/917/929" for 917, which overlays both); their union is
    /// taken. Members not in service are left out: they have no numbers to offer.
    /// </summary>
    private static List<int> OverlayMembers(NpaReportRow row, HashSet<int> inService, ref int dropped)
    {
        var members = new SortedSet<int> { row.Npa };
        foreach (var token in row.OverlayComplex.Split([',', '/'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var npa))
            {
                if (inService.Contains(npa))
                {
                    members.Add(npa);
                }
                else
                {
                    dropped++;
                }
            }
        }

        return [.. members];
    }

    /// <summary>
    /// Joins each city-level exchange to a rate center. When the join yields several candidate
    /// rate centers (New York's zones NWYRCYZN01…), the NPA's exchanges of that locality take
    /// them in turn, in NXX order.
    /// </summary>
    private List<DraftExchange> Geocoded(NpaScan scan)
    {
        var turn = new Dictionary<(string State, string Locality), int>();
        var result = new List<DraftExchange>(scan.Cities.Count);
        foreach (var city in scan.Cities)
        {
            var match = matcher.Match(city.Locality, city.State);
            SourceRateCenter? rateCenter = null;
            if (match.Candidates.Count > 0)
            {
                var key = (city.State, city.Locality);
                var index = turn.GetValueOrDefault(key);
                turn[key] = index + 1;
                rateCenter = match.Candidates[index % match.Candidates.Count];
            }

            result.Add(new DraftExchange(scan.Npa.Npa * 1000 + city.Nxx, rateCenter, city.Locality, city.State, ExchangeOrigin.Geocoded, match.Method));
        }

        return result;
    }

    /// <summary>
    /// Inventory for an NPA the geocoder names no (or hardly any) city in. Up to
    /// <see cref="MaxSynthesizedExchangesPerNpa"/> of its valid NXXs (all offerable NXXs when
    /// libphonenumber does not know the NPA yet) are chosen by a fixed hash, then, in NXX
    /// order, mapped proportionally onto the overlay partners' city-level exchanges (so busy
    /// partner localities get more), or, without such partners, onto the state's rate centers.
    /// </summary>
    private List<DraftExchange> Synthesize(NpaScan scan, List<DraftExchange> partners)
    {
        var npa = scan.Npa.Npa;
        var taken = scan.Cities.Select(c => c.Nxx).ToHashSet();
        IEnumerable<int> pool = scan.ValidNxx.Count > 0
            ? scan.ValidNxx
            : Enumerable.Range(200, 800).Where(NanpRules.IsOfferableExchange);
        var chosen = pool
            .Where(nxx => !taken.Contains(nxx))
            .OrderBy(nxx => SplitMix.Combine((ulong)npa, (ulong)nxx))
            .ThenBy(nxx => nxx)
            .Take(MaxSynthesizedExchangesPerNpa)
            .Order()
            .ToList();

        var result = new List<DraftExchange>(chosen.Count);
        if (partners.Count > 0)
        {
            for (var i = 0; i < chosen.Count; i++)
            {
                var partner = partners[(int)((long)i * partners.Count / chosen.Count)];
                result.Add(partner with { NpaNxx = npa * 1000 + chosen[i], Origin = ExchangeOrigin.OverlayPartner, Join = null });
            }

            return result;
        }

        var stateCenters = rateCenters.Where(r => r.State == scan.Npa.State).ToList();
        if (stateCenters.Count(r => r.PrimaryGuess) >= MinPrimaryRateCenters)
        {
            stateCenters = stateCenters.Where(r => r.PrimaryGuess).ToList();
        }

        stateCenters.Sort((a, b) => string.CompareOrdinal(a.LcgExchange, b.LcgExchange) is var c and not 0 ? c : string.CompareOrdinal(a.Name, b.Name));
        for (var i = 0; i < chosen.Count; i++)
        {
            if (stateCenters.Count == 0)
            {
                result.Add(new DraftExchange(npa * 1000 + chosen[i], null, "", scan.Npa.State, ExchangeOrigin.StateRateCenter, null));
                continue;
            }

            var center = stateCenters[(int)((long)i * stateCenters.Count / chosen.Count)];
            result.Add(new DraftExchange(npa * 1000 + chosen[i], center, LocalityOf(center), center.State, ExchangeOrigin.StateRateCenter, null));
        }

        return result;
    }

    /// <summary>A rate center's name as a locality: "Washington Zone 1" → "Washington".</summary>
    private static string LocalityOf(SourceRateCenter center) =>
        ZoneSuffix().Replace(center.FullName, "");

    [GeneratedRegex(@"\s+Zone\s+\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex ZoneSuffix();
}
