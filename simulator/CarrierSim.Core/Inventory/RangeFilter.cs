using CarrierSim.Core.Numbering;

namespace CarrierSim.Core.Inventory;

/// <summary>
/// Search criteria resolved against the catalog: which ranges to start from (the most
/// selective index), and the checks every range, block and number must pass.
/// </summary>
internal sealed class RangeFilter
{
    private readonly SearchCriteria _criteria;
    private int _rateCenter = -1;
    private int[]? _zipRateCenters;

    private RangeFilter(SearchCriteria criteria) => _criteria = criteria;

    /// <summary>The filter, or null when a named place does not exist (the search finds nothing).</summary>
    public static RangeFilter? Resolve(SearchCriteria criteria, InventoryIndex index)
    {
        var filter = new RangeFilter(criteria);
        if (criteria.RateCenter is { } rateCenter)
        {
            filter._rateCenter = index.FindRateCenter(rateCenter, criteria.State!);
            if (filter._rateCenter < 0)
            {
                return null;
            }
        }

        if (criteria.Zip is { } zip)
        {
            var area = index.FindZip(zip);
            if (area is null)
            {
                return null;
            }

            filter._zipRateCenters = [.. area.RateCenterIndexes.Distinct().Order()];
        }

        return filter;
    }

    public IEnumerable<int> PrimaryCandidates(InventoryIndex index)
    {
        var c = _criteria;
        if (c.NpaNxxX is { } block)
        {
            return Single(index.RangeOfNpaNxx(block / 10));
        }

        if (c.NpaNxx is { } npaNxx)
        {
            return Single(index.RangeOfNpaNxx(npaNxx.Value));
        }

        if (_zipRateCenters is { } zipRateCenters)
        {
            return zipRateCenters.SelectMany(r => index.ByRateCenter(r).ToArray());
        }

        if (_rateCenter >= 0)
        {
            return index.ByRateCenter(_rateCenter).ToArray();
        }

        if (c.City is { } city)
        {
            return index.ByCity(city, c.State!).ToArray();
        }

        if (c.AreaCode is { } npa)
        {
            return index.ByNpa(npa.Value).ToArray();
        }

        if (IsNanpCountry && c.StartsWith is { Length: >= 3 } prefix && int.TryParse(prefix.AsSpan(0, 3), out var prefixNpa))
        {
            return index.ByNpa(prefixNpa).ToArray();
        }

        if (c.Lata is { } lata)
        {
            return index.ByLata(lata.Value).ToArray();
        }

        if (c.State is { } state)
        {
            return index.ByState(state).ToArray();
        }

        if (c.Type is { } type)
        {
            return index.ByCountryType(c.Country, type).ToArray();
        }

        // No type and no place: a US search means geographic numbers; elsewhere, every type.
        return IsNanpCountry
            ? index.ByCountryType(c.Country, NumberType.Local).ToArray()
            : Enum.GetValues<NumberType>().SelectMany(t => index.ByCountryType(c.Country, t).ToArray());
    }

    public bool Matches(InventoryIndex index, int rangeIndex)
    {
        var c = _criteria;
        var range = index.Ranges[rangeIndex];
        if (!string.Equals(range.Country, c.Country, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (c.Type is { } type && !IsOfType(range, type))
        {
            return false;
        }

        var nanp = range.Kind != RangeKind.International;
        var npaNxx = nanp ? (int)(range.Prefix % 1_000_000) : -1;
        if ((c.AreaCode is { } npa && npaNxx / 1000 != npa.Value)
            || (c.NpaNxx is { } exact && npaNxx != exact.Value)
            || (c.NpaNxxX is { } block && npaNxx != block / 10))
        {
            return false;
        }

        var needsExchange = c.Zip is not null || c.RateCenter is not null || c.Lata is not null || c.State is not null || c.City is not null;
        if (needsExchange)
        {
            if (range.Kind != RangeKind.Exchange)
            {
                return false;
            }

            var exchange = index.Catalog.Exchanges[range.Source];
            var rateCenter = exchange.RateCenterIndex;
            if ((_zipRateCenters is { } zipRateCenters && Array.IndexOf(zipRateCenters, rateCenter) < 0)
                || (_rateCenter >= 0 && rateCenter != _rateCenter)
                || (c.Lata is { } lata && (rateCenter < 0 || index.Catalog.RateCenters[rateCenter].Lata != lata))
                || (c.State is { } state && !string.Equals(exchange.State, state, StringComparison.OrdinalIgnoreCase))
                || (c.City is { } city && !string.Equals(exchange.Locality, city.Trim(), StringComparison.OrdinalIgnoreCase)))
            {
                return false;
            }
        }

        if (c.StartsWith is { } prefix)
        {
            var known = NationalPrefix(range);
            return known.Length >= prefix.Length ? known.StartsWith(prefix, StringComparison.Ordinal) : prefix.StartsWith(known, StringComparison.Ordinal);
        }

        return true;
    }

    public int BlockCount(NumberRange range) => _criteria.NpaNxxX is not null ? 1 : range.BlockCount;

    /// <summary>The block to visit in a round of the walk, or -1 when the range has no more.</summary>
    public int BlockAt(NumberRange range, int round, ulong hash)
    {
        if (_criteria.NpaNxxX is { } block)
        {
            return round == 0 ? block % 10 : -1;
        }

        var count = range.BlockCount;
        if (round >= count)
        {
            return -1;
        }

        // Steps coprime with 10^k visit every block once.
        ReadOnlySpan<int> steps = [1, 3, 7, 9];
        var step = count == 1 ? 1 : steps[(int)(hash >> 40) % 4];
        return (int)((hash % (ulong)count + ((ulong)round * (ulong)step)) % (ulong)count);
    }

    public bool MatchesNumber(NumberRange range, ulong digits)
    {
        var c = _criteria;
        if (c.StartsWith is null && c.Contains is null && c.EndsWith is null)
        {
            return true;
        }

        Span<char> buffer = stackalloc char[20];
        digits.TryFormat(buffer, out var written, provider: System.Globalization.CultureInfo.InvariantCulture);
        ReadOnlySpan<char> national = buffer[range.CountryCodeDigits..written];
        return (c.StartsWith is null || national.StartsWith(c.StartsWith, StringComparison.Ordinal))
            && (c.Contains is null || national.Contains(c.Contains, StringComparison.Ordinal))
            && (c.EndsWith is null || national.EndsWith(c.EndsWith, StringComparison.Ordinal));
    }

    private bool IsNanpCountry => string.Equals(_criteria.Country, "US", StringComparison.OrdinalIgnoreCase);

    private static bool IsOfType(NumberRange range, NumberType type) => range.Kind switch
    {
        RangeKind.Exchange => type is NumberType.Local or NumberType.Mobile,
        RangeKind.TollFree => type == NumberType.TollFree,
        _ => range.Type == type,
    };

    private static string NationalPrefix(NumberRange range)
    {
        var prefix = range.Prefix.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return prefix[range.CountryCodeDigits..];
    }

    private static IEnumerable<int> Single(int range) => range < 0 ? [] : [range];
}
