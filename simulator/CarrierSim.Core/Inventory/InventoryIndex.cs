using CarrierSim.Core.Numbering;

namespace CarrierSim.Core.Inventory;

/// <summary>
/// The catalog as ranges of numbers, with one index per search filter from key to the
/// ranges it selects. Built once per catalog; read-only afterwards.
/// </summary>
internal sealed class InventoryIndex
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<NumberingCatalog, Lazy<InventoryIndex>> Shared = new();

    private readonly Dictionary<int, int[]> _byNpa;
    private readonly IntLookup _byNpaNxx;
    private readonly Dictionary<int, int[]> _byRateCenter;
    private readonly Dictionary<int, int[]> _byLata;
    private readonly Dictionary<string, int[]> _byState;
    private readonly Dictionary<string, int[]> _byCity;
    private readonly Dictionary<string, int[]> _byCountryType;
    private readonly IntLookup _zipIndex;
    private readonly Dictionary<ulong, int> _internationalByPrefix;
    private readonly Dictionary<string, int> _rateCenterByKey;
    private readonly Dictionary<int, int> _magicByNpa;

    /// <summary>The index of a catalog, built once and shared by every inventory over it (it does not depend on the seed).</summary>
    public static InventoryIndex For(NumberingCatalog catalog) =>
        Shared.GetValue(catalog, c => new Lazy<InventoryIndex>(() => new InventoryIndex(c))).Value;

    public InventoryIndex(NumberingCatalog catalog)
    {
        Catalog = catalog;
        var ranges = new List<NumberRange>(catalog.Exchanges.Count + 8_000 + catalog.InternationalRanges.Count);
        for (var i = 0; i < catalog.Exchanges.Count; i++)
        {
            ranges.Add(new NumberRange(1_000_000UL + (ulong)catalog.Exchanges[i].NpaNxx.Value, 4, RangeKind.Exchange, i, "US", NumberType.Local));
        }

        foreach (var areaCode in catalog.AreaCodes.Where(a => a.Use == AreaCodeUse.TollFree))
        {
            for (var nxx = 200; nxx <= 999; nxx++)
            {
                if (NanpRules.IsOfferableExchange(nxx))
                {
                    ranges.Add(new NumberRange(1_000_000UL + (ulong)(areaCode.Npa.Value * 1000 + nxx), 4, RangeKind.TollFree, -1, "US", NumberType.TollFree));
                }
            }
        }

        var magic = new Dictionary<int, int>();
        for (var i = 0; i < catalog.AreaCodes.Count; i++)
        {
            var areaCode = catalog.AreaCodes[i];
            if (areaCode.Use == AreaCodeUse.Geographic)
            {
                magic[areaCode.Npa.Value] = ranges.Count;
                ranges.Add(new NumberRange(1_000_000UL + (ulong)(areaCode.Npa.Value * 1000 + 555), 4, RangeKind.Magic, i, "US", NumberType.Local));
            }
        }

        _magicByNpa = magic;
        var international = new Dictionary<ulong, int>();
        for (var i = 0; i < catalog.InternationalRanges.Count; i++)
        {
            var r = catalog.InternationalRanges[i];
            international.TryAdd(PrefixKey(r.Prefix, r.VariableDigits), ranges.Count);
            ranges.Add(new NumberRange(r.Prefix, (byte)r.VariableDigits, RangeKind.International, i, r.CountryIso.ToUpperInvariant(), r.Type,
                (byte)r.CountryCallingCode.ToString(System.Globalization.CultureInfo.InvariantCulture).Length));
        }

        Ranges = [.. ranges];
        _internationalByPrefix = international;

        var byNpa = new Dictionary<int, List<int>>();
        var byNpaNxxKeys = new List<int>(catalog.Exchanges.Count);
        var byNpaNxxRanges = new List<int>(catalog.Exchanges.Count);
        var byRateCenter = new Dictionary<int, List<int>>();
        var byLata = new Dictionary<int, List<int>>();
        var byState = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        var byCity = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        var byCountryType = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        static void Add<TKey>(Dictionary<TKey, List<int>> index, TKey key, int value)
            where TKey : notnull
        {
            if (!index.TryGetValue(key, out var list))
            {
                index[key] = list = [];
            }

            list.Add(value);
        }

        for (var i = 0; i < Ranges.Length; i++)
        {
            var range = Ranges[i];
            switch (range.Kind)
            {
                case RangeKind.Exchange:
                    var exchange = catalog.Exchanges[range.Source];
                    Add(byNpa, exchange.NpaNxx.Npa.Value, i);
                    byNpaNxxKeys.Add(exchange.NpaNxx.Value);
                    byNpaNxxRanges.Add(i);
                    Add(byState, exchange.State, i);
                    Add(byCity, CityKey(exchange.Locality, exchange.State), i);
                    if (exchange.RateCenterIndex >= 0)
                    {
                        Add(byRateCenter, exchange.RateCenterIndex, i);
                        Add(byLata, catalog.RateCenters[exchange.RateCenterIndex].Lata.Value, i);
                    }

                    Add(byCountryType, CountryTypeKey("US", NumberType.Local), i);
                    Add(byCountryType, CountryTypeKey("US", NumberType.Mobile), i);
                    break;
                case RangeKind.TollFree:
                    var npaNxx = (int)(range.Prefix % 1_000_000);
                    Add(byNpa, npaNxx / 1000, i);
                    byNpaNxxKeys.Add(npaNxx);
                    byNpaNxxRanges.Add(i);
                    Add(byCountryType, CountryTypeKey("US", NumberType.TollFree), i);
                    break;
                default:
                    Add(byCountryType, CountryTypeKey(range.Country, range.Type), i);
                    break;
            }
        }

        _byNpa = byNpa.ToDictionary(p => p.Key, p => p.Value.ToArray());
        _byNpaNxx = new IntLookup([.. byNpaNxxKeys], [.. byNpaNxxRanges]);
        _byRateCenter = byRateCenter.ToDictionary(p => p.Key, p => p.Value.ToArray());
        _byLata = byLata.ToDictionary(p => p.Key, p => p.Value.ToArray());
        _byState = byState.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.OrdinalIgnoreCase);
        _byCity = byCity.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.OrdinalIgnoreCase);
        _byCountryType = byCountryType.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.OrdinalIgnoreCase);

        var zipCodes = new int[catalog.Zips.Count];
        for (var i = 0; i < zipCodes.Length; i++)
        {
            zipCodes[i] = catalog.Zips[i].Zip.Value;
        }

        _zipIndex = IntLookup.Positions(zipCodes);

        var rateCenterByKey = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < catalog.RateCenters.Count; i++)
        {
            rateCenterByKey.TryAdd(CityKey(catalog.RateCenters[i].Name, catalog.RateCenters[i].State), i);
        }

        _rateCenterByKey = rateCenterByKey;
    }

    public NumberingCatalog Catalog { get; }

    public NumberRange[] Ranges { get; }

    public ReadOnlySpan<int> ByNpa(int npa) => _byNpa.TryGetValue(npa, out var r) ? r : [];

    public int RangeOfNpaNxx(int npaNxx) => _byNpaNxx.GetValueOrDefault(npaNxx, -1);

    public ReadOnlySpan<int> ByRateCenter(int rateCenterIndex) => _byRateCenter.TryGetValue(rateCenterIndex, out var r) ? r : [];

    public ReadOnlySpan<int> ByLata(int lata) => _byLata.TryGetValue(lata, out var r) ? r : [];

    public ReadOnlySpan<int> ByState(string state) => _byState.TryGetValue(state, out var r) ? r : [];

    public ReadOnlySpan<int> ByCity(string city, string state) => _byCity.TryGetValue(CityKey(city, state), out var r) ? r : [];

    public ReadOnlySpan<int> ByCountryType(string country, NumberType type) =>
        _byCountryType.TryGetValue(CountryTypeKey(country, type), out var r) ? r : [];

    public ZipArea? FindZip(ZipCode zip) => _zipIndex.TryGetValue(zip.Value, out var i) ? Catalog.Zips[i] : null;

    public int FindRateCenter(string name, string state) => _rateCenterByKey.GetValueOrDefault(CityKey(name, state), -1);

    /// <summary>The range a number falls in, or -1 when the catalog does not offer it.</summary>
    public int RangeOf(ulong digits)
    {
        if (digits is >= 1_200_200_0000UL and <= 1_999_999_9999UL)
        {
            var npaNxx = (int)(digits / 10_000 % 1_000_000);
            if (npaNxx % 1000 == 555)
            {
                return NanpRules.IsFictionalRange(555, (int)(digits % 10_000)) ? _magicByNpa.GetValueOrDefault(npaNxx / 1000, -1) : -1;
            }

            if (_byNpaNxx.TryGetValue(npaNxx, out var nanp))
            {
                return nanp;
            }

            // Not a US exchange: Canada's +1 ranges are among the international ones.
        }

        for (var variable = 3; variable <= 6; variable++)
        {
            var prefix = digits / PhoneNumber.Pow10(variable);
            if (prefix > 0 && _internationalByPrefix.TryGetValue(PrefixKey(prefix, variable), out var range))
            {
                return range;
            }
        }

        return -1;
    }

    private static ulong PrefixKey(ulong prefix, int variableDigits) => prefix * 16 + (ulong)variableDigits;

    private static string CityKey(string city, string state) => $"{city.Trim()}|{state.Trim()}";

    private static string CountryTypeKey(string country, NumberType type) => $"{country}|{type}";
}
