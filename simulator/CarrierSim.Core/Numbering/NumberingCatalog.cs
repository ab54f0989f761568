using System.IO.Compression;
using System.Text;

namespace CarrierSim.Core.Numbering;

/// <summary>
/// The numbering facts the simulator offers inventory from: area codes, rate centers,
/// exchanges, ZIP codes and international ranges. Derived from real data by the catalog
/// builder (<c>tools/CarrierSim.CatalogBuilder</c>) and embedded as a compact binary file.
/// </summary>
public sealed class NumberingCatalog
{
    private const string Magic = "CSCAT";
    private const byte FormatVersion = 1;
    private const double CoordinateScale = 100_000;
    private const string ResourceName = "CarrierSim.Core.Numbering.catalog.bin.gz";

    private static readonly Lazy<NumberingCatalog> EmbeddedCatalog = new(LoadEmbeddedCore);

    private readonly Dictionary<int, AreaCode> _areaCodesByNpa;
    private readonly Lazy<Dictionary<int, string>> _countriesByCallingCode;
    private readonly IntLookup _exchangeIndexByNpaNxx;
    private readonly Lazy<Dictionary<string, int[]>> _rateCentersByName;
    private readonly Lazy<Dictionary<string, int[]>> _rateCentersByFullName;
    private readonly Lazy<Dictionary<string, string[]>> _statesByLocality;

    public NumberingCatalog(
        string attribution,
        IReadOnlyList<AreaCode> areaCodes,
        IReadOnlyList<RateCenter> rateCenters,
        IReadOnlyList<Exchange> exchanges,
        IReadOnlyList<ZipArea> zips,
        IReadOnlyList<InternationalRange> internationalRanges)
    {
        Attribution = attribution;
        AreaCodes = areaCodes;
        RateCenters = rateCenters;
        Exchanges = exchanges;
        Zips = zips;
        InternationalRanges = internationalRanges;
        _areaCodesByNpa = areaCodes.ToDictionary(a => a.Npa.Value);
        _countriesByCallingCode = new(() => InternationalRanges.Where(r => r.CountryCallingCode != 1)
            .GroupBy(r => r.CountryCallingCode).ToDictionary(g => g.Key, g => g.First().CountryIso));
        _rateCentersByName = new(() => IndexesBy(rateCenters, r => r.Name));
        _rateCentersByFullName = new(() => IndexesBy(rateCenters, r => r.FullName));
        _statesByLocality = new(() => exchanges
            .Where(e => e.Locality.Length > 0)
            .GroupBy(e => e.Locality, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Select(e => e.State.ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.OrdinalIgnoreCase));
        var npaNxxs = new int[exchanges.Count];
        for (var i = 0; i < npaNxxs.Length; i++)
        {
            npaNxxs[i] = exchanges[i].NpaNxx.Value;
        }

        _exchangeIndexByNpaNxx = IntLookup.Positions(npaNxxs);
    }

    public string Attribution { get; }

    public IReadOnlyList<AreaCode> AreaCodes { get; }

    public IReadOnlyList<RateCenter> RateCenters { get; }

    public IReadOnlyList<Exchange> Exchanges { get; }

    public IReadOnlyList<ZipArea> Zips { get; }

    public IReadOnlyList<InternationalRange> InternationalRanges { get; }

    /// <summary>The catalog embedded in this assembly, loaded once on first use.</summary>
    public static NumberingCatalog Embedded => EmbeddedCatalog.Value;

    /// <summary>
    /// The country of a calling code, from the catalog's own ranges (+1 is the United States: NANP
    /// numbers outside the catalog are treated as US); null for a code the catalog has no range for.
    /// </summary>
    public string? CountryOfCallingCode(int callingCode) =>
        callingCode == 1 ? "US" : _countriesByCallingCode.Value.GetValueOrDefault(callingCode);

    public AreaCode? FindAreaCode(Npa npa) => _areaCodesByNpa.GetValueOrDefault(npa.Value);

    /// <summary>
    /// The rate centers of any state whose name (or, with <paramref name="orFullName"/>, whose full name) is
    /// <paramref name="name"/>, ignoring case, in catalog order. An index, built on first use: a place search
    /// must not scan every rate center.
    /// </summary>
    public IReadOnlyList<RateCenter> RateCentersNamed(string name, bool orFullName = false)
    {
        ArgumentNullException.ThrowIfNull(name);
        var byName = _rateCentersByName.Value.GetValueOrDefault(name) ?? [];
        if (!orFullName)
        {
            return [.. byName.Select(i => RateCenters[i])];
        }

        var byFullName = _rateCentersByFullName.Value.GetValueOrDefault(name) ?? [];
        return [.. byName.Union(byFullName).Order().Select(i => RateCenters[i])];
    }

    /// <summary>The states (upper case) with an exchange in a locality of that name, ignoring case, in catalog order.</summary>
    public IReadOnlyList<string> StatesOfLocality(string locality)
    {
        ArgumentNullException.ThrowIfNull(locality);
        return _statesByLocality.Value.GetValueOrDefault(locality) ?? [];
    }

    private static Dictionary<string, int[]> IndexesBy(IReadOnlyList<RateCenter> rateCenters, Func<RateCenter, string> key) =>
        Enumerable.Range(0, rateCenters.Count)
            .Where(i => key(rateCenters[i]).Length > 0)
            .GroupBy(i => key(rateCenters[i]), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.OrdinalIgnoreCase);

    public Exchange? FindExchange(NpaNxx npaNxx) =>
        _exchangeIndexByNpaNxx.TryGetValue(npaNxx.Value, out var index) ? Exchanges[index] : null;

    public RateCenter? FindRateCenter(string name, string state) =>
        RateCenters.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase)
            && string.Equals(r.State, state, StringComparison.OrdinalIgnoreCase));

    public static NumberingCatalog Read(Stream compressed)
    {
        using var gzip = new GZipStream(compressed, CompressionMode.Decompress, leaveOpen: true);
        using var buffered = new BufferedStream(gzip, 1 << 16);
        using var reader = new BinaryReader(buffered, Encoding.UTF8);
        if (reader.ReadString() != Magic || reader.ReadByte() != FormatVersion)
        {
            throw new InvalidDataException("Not a CarrierSim numbering catalog of format version 1.");
        }

        var attribution = reader.ReadString();
        var strings = new string[reader.Read7BitEncodedInt()];
        for (var i = 0; i < strings.Length; i++)
        {
            strings[i] = reader.ReadString();
        }

        string Text() => strings[reader.Read7BitEncodedInt()];
        double Coordinate() => reader.ReadInt32() / CoordinateScale;

        var areaCodes = new AreaCode[reader.Read7BitEncodedInt()];
        for (var i = 0; i < areaCodes.Length; i++)
        {
            areaCodes[i] = new AreaCode(Npa.FromInt32(reader.ReadUInt16()), (AreaCodeUse)reader.ReadByte(), Text(), Text(), Text(), Text());
        }

        var rateCenters = new RateCenter[reader.Read7BitEncodedInt()];
        for (var i = 0; i < rateCenters.Length; i++)
        {
            rateCenters[i] = new RateCenter(Text(), Text(), Text(), Lata.FromInt32(reader.ReadUInt16()), Coordinate(), Coordinate());
        }

        var exchanges = new Exchange[reader.Read7BitEncodedInt()];
        var npaNxx = 0;
        for (var i = 0; i < exchanges.Length; i++)
        {
            npaNxx += reader.Read7BitEncodedInt();
            exchanges[i] = new Exchange(NpaNxx.FromInt32(npaNxx), reader.Read7BitEncodedInt() - 1, Text(), Text());
        }

        var zips = new ZipArea[reader.Read7BitEncodedInt()];
        var zip = 0;

        // Neighbouring ZIPs often share their nearest rate centers: one array for each distinct list
        // (27,000 for the 42,000 ZIPs), half a megabyte less for as long as the simulator runs.
        var lists = new Dictionary<int[], int[]>(IndexListComparer.Instance);
        for (var i = 0; i < zips.Length; i++)
        {
            zip += reader.Read7BitEncodedInt();
            var city = Text();
            var state = Text();
            var latitude = Coordinate();
            var longitude = Coordinate();
            var indexes = new int[reader.ReadByte()];
            for (var j = 0; j < indexes.Length; j++)
            {
                indexes[j] = reader.Read7BitEncodedInt();
            }

            if (!lists.TryAdd(indexes, indexes))
            {
                indexes = lists[indexes];
            }

            zips[i] = new ZipArea(ZipCode.FromInt32(zip), city, state, latitude, longitude, indexes);
        }

        var ranges = new InternationalRange[reader.Read7BitEncodedInt()];
        for (var i = 0; i < ranges.Length; i++)
        {
            ranges[i] = new InternationalRange(Text(), (NumberType)reader.ReadByte(), reader.ReadUInt16(), reader.ReadUInt64(), reader.ReadByte(), Text());
        }

        return new NumberingCatalog(attribution, areaCodes, rateCenters, exchanges, zips, ranges);
    }

    /// <summary>
    /// Writes the catalog in its compact form. The output depends only on the catalog's
    /// contents, so rebuilding from the same sources reproduces it byte for byte.
    /// </summary>
    public void Write(Stream destination)
    {
        using var gzip = new GZipStream(destination, CompressionLevel.SmallestSize, leaveOpen: true);
        using var writer = new BinaryWriter(gzip, Encoding.UTF8);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(Attribution);

        var table = new Dictionary<string, int>(StringComparer.Ordinal);
        var ordered = new List<string>();
        void Intern(string s)
        {
            if (table.TryAdd(s, ordered.Count))
            {
                ordered.Add(s);
            }
        }

        foreach (var a in AreaCodes)
        {
            Intern(a.Country); Intern(a.Region); Intern(a.OverlayComplex); Intern(a.TimeZone);
        }

        foreach (var r in RateCenters)
        {
            Intern(r.Name); Intern(r.State); Intern(r.FullName);
        }

        foreach (var e in Exchanges)
        {
            Intern(e.Locality); Intern(e.State);
        }

        foreach (var z in Zips)
        {
            Intern(z.City); Intern(z.State);
        }

        foreach (var r in InternationalRanges)
        {
            Intern(r.CountryIso); Intern(r.Region);
        }

        writer.Write7BitEncodedInt(ordered.Count);
        foreach (var s in ordered)
        {
            writer.Write(s);
        }

        void Text(string s) => writer.Write7BitEncodedInt(table[s]);
        void Coordinate(double value) => writer.Write((int)Math.Round(value * CoordinateScale));

        writer.Write7BitEncodedInt(AreaCodes.Count);
        foreach (var a in AreaCodes)
        {
            writer.Write((ushort)a.Npa.Value);
            writer.Write((byte)a.Use);
            Text(a.Country); Text(a.Region); Text(a.OverlayComplex); Text(a.TimeZone);
        }

        writer.Write7BitEncodedInt(RateCenters.Count);
        foreach (var r in RateCenters)
        {
            Text(r.Name); Text(r.State); Text(r.FullName);
            writer.Write((ushort)r.Lata.Value);
            Coordinate(r.Latitude);
            Coordinate(r.Longitude);
        }

        writer.Write7BitEncodedInt(Exchanges.Count);
        var previous = 0;
        foreach (var e in Exchanges)
        {
            if (e.NpaNxx.Value <= previous)
            {
                throw new InvalidOperationException("Exchanges must be sorted by NPA-NXX without duplicates.");
            }

            writer.Write7BitEncodedInt(e.NpaNxx.Value - previous);
            previous = e.NpaNxx.Value;
            writer.Write7BitEncodedInt(e.RateCenterIndex + 1);
            Text(e.Locality); Text(e.State);
        }

        writer.Write7BitEncodedInt(Zips.Count);
        previous = -1;
        foreach (var z in Zips)
        {
            if (z.Zip.Value <= previous)
            {
                throw new InvalidOperationException("ZIP codes must be sorted without duplicates.");
            }

            writer.Write7BitEncodedInt(z.Zip.Value - Math.Max(previous, 0));
            previous = z.Zip.Value;
            Text(z.City); Text(z.State);
            Coordinate(z.Latitude);
            Coordinate(z.Longitude);
            writer.Write(checked((byte)z.RateCenterIndexes.Count));
            foreach (var index in z.RateCenterIndexes)
            {
                writer.Write7BitEncodedInt(index);
            }
        }

        writer.Write7BitEncodedInt(InternationalRanges.Count);
        foreach (var r in InternationalRanges)
        {
            Text(r.CountryIso);
            writer.Write((byte)r.Type);
            writer.Write((ushort)r.CountryCallingCode);
            writer.Write(r.Prefix);
            writer.Write((byte)r.VariableDigits);
            Text(r.Region);
        }
    }

    private static NumberingCatalog LoadEmbeddedCore()
    {
        using var stream = typeof(NumberingCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded numbering catalog '{ResourceName}' is missing; rebuild CarrierSim.Core.");
        return Read(stream);
    }

    /// <summary>Index lists equal when their elements are, in order.</summary>
    private sealed class IndexListComparer : IEqualityComparer<int[]>
    {
        public static readonly IndexListComparer Instance = new();

        public bool Equals(int[]? x, int[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(int[] obj)
        {
            var hash = obj.Length;
            foreach (var value in obj)
            {
                hash = (hash * 31) + value;
            }

            return hash;
        }
    }
}
