using System.Collections.Frozen;
using System.Text.RegularExpressions;
using CarrierSim.Core;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Core.Randomness;

namespace CarrierSim.Server.Dialects.IdentityCall;

/// <summary>
/// The phone-number provider behind IdentityCall's search, whose answers the vendor passes
/// through (seed 004: "The shape of each entry is passed through from our phone-number
/// provider"): which countries and number types it offers, and the costs, features and region
/// metadata of each candidate. The offer is what the simulator's catalog holds: the US
/// geographic pool (local and mobile alike) and toll-free codes, plus the international ranges.
/// </summary>
internal sealed partial class IdentityCallProvider(Simulation simulation)
{
    private static readonly ulong FeatureStream = StableHash.Stream("identitycall.features");

    // The geocoder names whole provinces (Canada) and states (Australia) for some ranges; the
    // simulator shows them as state codes, as the US ones are. "British Colombia" is the
    // geocoder's own spelling.
    private static readonly FrozenDictionary<string, string> States = new Dictionary<string, string>
    {
        ["CA|Alberta"] = "AB", ["CA|British Columbia"] = "BC", ["CA|British Colombia"] = "BC", ["CA|Manitoba"] = "MB",
        ["CA|New Brunswick"] = "NB", ["CA|Newfoundland and Labrador"] = "NL", ["CA|Nova Scotia"] = "NS", ["CA|Ontario"] = "ON",
        ["CA|Prince Edward Island"] = "PE", ["CA|Quebec"] = "QC", ["CA|Saskatchewan"] = "SK", ["CA|Northwest Territories"] = "NT",
        ["CA|Nunavut"] = "NU", ["CA|Yukon"] = "YT",
        ["AU|New South Wales"] = "NSW", ["AU|Victoria"] = "VIC", ["AU|Queensland"] = "QLD", ["AU|South Australia"] = "SA",
        ["AU|Western Australia"] = "WA", ["AU|Tasmania"] = "TAS", ["AU|Northern Territory"] = "NT", ["AU|Australian Capital Territory"] = "ACT",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private readonly Lazy<FrozenDictionary<string, NumberType[]>> _offer = new(() => Offer(simulation.Inventory.Catalog));

    /// <summary>The offered countries, US first, then in catalog order.</summary>
    public IReadOnlyList<string> Countries => [.. _offer.Value.Keys.OrderBy(c => c == "US" ? 0 : 1).ThenBy(IndexInCatalog)];

    public bool Offers(string country) => _offer.Value.ContainsKey(country);

    public IReadOnlyList<NumberType> TypesOf(string country) => _offer.Value.GetValueOrDefault(country, []);

    /// <summary>
    /// Costs per (country, type) as decimal strings. Inferred: the seed shows 1.00/1.00 for US
    /// local numbers; the rest follow the usual shape of provider price lists (toll-free and
    /// non-NANP mobile numbers cost more per month).
    /// </summary>
    public static (string Upfront, string Monthly) Costs(string country, NumberType type) => (IsNanp(country), type) switch
    {
        (true, NumberType.TollFree) => ("1.00", "2.00"),
        (true, _) => ("1.00", "1.00"),
        (false, NumberType.Local) => ("1.00", "1.50"),
        (false, NumberType.Mobile) => ("1.00", "3.00"),
        (false, NumberType.TollFree) => ("2.00", "10.00"),
        _ => ("1.00", "3.00"),
    };

    /// <summary>
    /// Capabilities, inferred: NANP geographic numbers carry sms, voice and mms, though about
    /// one in eight is voice-only (as the seed's second example is), decided by a hash of the
    /// number so that the same number always shows the same features; NANP toll-free numbers
    /// carry sms and voice; elsewhere mobiles carry sms and voice and the other types voice only.
    /// </summary>
    public IReadOnlyList<string> Features(NumberDetails number, NumberType type) => (IsNanp(number.Country), type) switch
    {
        (true, NumberType.Local or NumberType.Mobile) when StableHash.Of(simulation.Options.Seed, FeatureStream, number.Number.Digits) % 8 == 0 => ["voice"],
        (true, NumberType.Local or NumberType.Mobile) => ["sms", "voice", "mms"],
        (true, _) => ["sms", "voice"],
        (false, NumberType.Mobile) => ["sms", "voice"],
        _ => ["voice"],
    };

    /// <summary>
    /// Region metadata from the catalog: the state for US geographic numbers (as the seed
    /// shows); for other numbers the locality the geocoder gives, as state codes when it names
    /// Canadian provinces or Australian states, as city and state when
    /// it reads "City, State" (India), else as a city; and the country when there is no locality
    /// (toll-free, mobile and national ranges). The "city" and "country" region types are
    /// inferred; the seed shows only "state".
    /// </summary>
    public static IReadOnlyList<RegionWire> Regions(NumberDetails number)
    {
        if (number.Region.Length > 0)
        {
            return [new RegionWire("state", number.Region)];
        }

        if (number.Locality.Length == 0)
        {
            return [new RegionWire("country", number.Country)];
        }

        // "Nova Scotia/Prince Edward Island": a range shared by provinces lists each of them.
        var parts = number.Locality.Split('/');
        if (parts.All(p => States.ContainsKey($"{number.Country}|{p}")))
        {
            return [.. parts.Select(p => new RegionWire("state", States[$"{number.Country}|{p}"]))];
        }

        var cityAndState = CityAndState().Match(number.Locality);
        return cityAndState.Success
            ? [new RegionWire("city", cityAndState.Groups[1].Value), new RegionWire("state", cityAndState.Groups[2].Value)]
            : [new RegionWire("city", number.Locality)];
    }

    /// <summary>Whether a number bought as <paramref name="type"/> in <paramref name="country"/> may be <paramref name="number"/>.</summary>
    public static bool Matches(NumberDetails number, string country, NumberType type)
    {
        // NANP toll-free codes are shared by the US and Canada; in both, local and mobile share the geographic pool.
        var countryMatches = string.Equals(number.Country, country, StringComparison.OrdinalIgnoreCase)
            || (number.Number.IsTollFree && IsNanp(country));
        var typeMatches = number.Type == type
            || (IsNanp(number.Country) && number.Type is NumberType.Local or NumberType.Mobile && type is NumberType.Local or NumberType.Mobile);
        return countryMatches && typeMatches;
    }

    private static bool IsNanp(string country) => country is "US" or "CA";

    private int IndexInCatalog(string country)
    {
        var ranges = simulation.Inventory.Catalog.InternationalRanges;
        for (var i = 0; i < ranges.Count; i++)
        {
            if (string.Equals(ranges[i].CountryIso, country, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    private static FrozenDictionary<string, NumberType[]> Offer(NumberingCatalog catalog)
    {
        var offer = new Dictionary<string, SortedSet<NumberType>>(StringComparer.OrdinalIgnoreCase);
        void Add(string country, NumberType type)
        {
            if (!offer.TryGetValue(country, out var types))
            {
                offer[country] = types = [];
            }

            types.Add(type);
        }

        if (catalog.Exchanges.Count > 0)
        {
            Add("US", NumberType.Local);
            Add("US", NumberType.Mobile);
        }

        if (catalog.AreaCodes.Any(a => a.Use == AreaCodeUse.TollFree))
        {
            Add("US", NumberType.TollFree);
        }

        foreach (var range in catalog.InternationalRanges)
        {
            Add(range.CountryIso.ToUpperInvariant(), range.Type);
        }

        return offer.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.OrdinalIgnoreCase);
    }

    [GeneratedRegex("^([^,]+), ([^,]+)$")]
    private static partial Regex CityAndState();
}
