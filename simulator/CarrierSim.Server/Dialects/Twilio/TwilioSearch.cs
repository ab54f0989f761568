using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CarrierSim.Core;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Server.Http;

namespace CarrierSim.Server.Dialects.Twilio;

/// <summary>
/// AvailablePhoneNumbers searches: Twilio's filters (spec: ListAvailablePhoneNumberLocal and siblings, one
/// parameter set for every type) turned into inventory searches. Place filters that the inventory takes one at
/// a time (a rate center, a locality without a region, a radius) become several searches, nearest or first
/// place first; the Contains pattern, capabilities, address requirements and Beta filter what they return.
/// </summary>
internal static partial class TwilioSearch
{
    /// <summary>The most numbers one answer holds: the inventory's largest search (inferred; Twilio returns one page of a sample).</summary>
    public const int MaxResults = SearchCriteria.MaxQuantity;

    private const int MaxPlaces = 200;

    /// <summary>The documented query parameters, for the API document.</summary>
    public static RouteHandlerBuilder SearchParameters(this RouteHandlerBuilder builder) => builder
        .Query("AreaCode", "3-digit area code, e.g. 919; US and Canada only", "integer")
        .Query("Contains", "2 to 16 of 0-9, A-Z (keypad digits), * (one digit), % (any digits), + (anchor at start), $ (anchor at end)")
        .Query("SmsEnabled", "true or false", "boolean")
        .Query("MmsEnabled", "true or false", "boolean")
        .Query("VoiceEnabled", "true or false", "boolean")
        .Query("FaxEnabled", "true or false", "boolean")
        .Query("ExcludeAllAddressRequired", "true to leave out numbers that need an address", "boolean")
        .Query("ExcludeLocalAddressRequired", "true to leave out numbers that need a local address", "boolean")
        .Query("ExcludeForeignAddressRequired", "true to leave out numbers that need a foreign address", "boolean")
        .Query("Beta", "false to leave out numbers new to the platform (default true)", "boolean")
        .Query("NearNumber", "E.164 number: numbers within Distance miles of it")
        .Query("NearLatLong", "\"lat,long\": numbers within Distance miles of the point")
        .Query("Distance", "radius in miles for NearNumber/NearLatLong, 0 to 500 (default 25)", "integer")
        .Query("InPostalCode", "postal code, or a number meaning the same postal code as it")
        .Query("InRegion", "2-letter state or province, or a number meaning the same region as it")
        .Query("InRateCenter", "rate center, or a number meaning the same rate center as it; requires InLata")
        .Query("InLata", "LATA, or a number meaning the same LATA as it")
        .Query("InLocality", "locality (city), or a number meaning the same locality as it")
        .Query("PageSize", "1 to 1000 (default 50)", "integer")
        .Query("Page", "the page index, for client state", "integer")
        .Query("PageToken", "the token from next_page_uri");

    public static IResult Run(HttpContext context, Simulation simulation, TwilioPlaces places, string country, NumberType type, bool offered)
    {
        var query = context.Request.Query;
        var filters = Parse(query, country, simulation, places, out var error);
        if (filters is null)
        {
            return TwilioErrors.Invalid(error!);
        }

        List<AvailableNumberWire> found = [];
        if (offered && !context.Chaos().Drought && places.Offers(country, type))
        {
            found = Find(filters, country, type, simulation, places);
        }

        var path = TwilioDialect.TwilioPath(context);
        var start = filters.Page * filters.PageSize;
        var uri = PageUri(path, query, null, null, null);
        return WireJson.Result(new AvailableNumbersPageWire(
            found,
            uri,
            PageUri(path, query, 0, filters.PageSize, null),
            null,
            null,
            filters.Page,
            filters.PageSize,
            start,
            found.Count == 0 ? start : start + found.Count - 1), TwilioDialect.JsonOptions);
    }

    /// <summary>A page URI: the Twilio-relative path with the request's other parameters, and the paging ones given.</summary>
    public static string PageUri(string path, IQueryCollection query, int? page, int? pageSize, string? pageToken)
    {
        var parts = new List<string>();
        foreach (var (name, values) in query)
        {
            if (page is not null && (name.Equals("Page", StringComparison.OrdinalIgnoreCase) || name.Equals("PageSize", StringComparison.OrdinalIgnoreCase) || name.Equals("PageToken", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            parts.AddRange(values.Select(v => $"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(v ?? "")}"));
        }

        if (page is { } p)
        {
            parts.Add($"PageSize={pageSize}");
            parts.Add($"Page={p}");
            if (pageToken is not null)
            {
                parts.Add($"PageToken={Uri.EscapeDataString(pageToken)}");
            }
        }

        return parts.Count == 0 ? path : path + "?" + string.Join("&", parts);
    }

    private sealed record Filters
    {
        public Npa? AreaCode { get; init; }

        public ContainsPattern? Contains { get; init; }

        public bool? Sms { get; init; }

        public bool? Mms { get; init; }

        public bool? Voice { get; init; }

        public bool? Fax { get; init; }

        public bool ExcludeAll { get; init; }

        public bool ExcludeLocal { get; init; }

        public bool ExcludeForeign { get; init; }

        public bool Beta { get; init; } = true;

        public (double Latitude, double Longitude)? Near { get; init; }

        public int Distance { get; init; } = 25;

        public ZipCode? PostalCode { get; init; }

        public string? Region { get; init; }

        public string? RateCenter { get; init; }

        public Lata? Lata { get; init; }

        public string? Locality { get; init; }

        public int PageSize { get; init; } = 50;

        public int Page { get; init; }
    }

    private static Filters? Parse(IQueryCollection query, string country, Simulation simulation, TwilioPlaces places, out string? error)
    {
        error = null;
        var nanp = country is "US" or "CA";
        var filters = new Filters();
        string? Param(string name) => query.Param(name);

        bool? Flag(string name, ref string? problem)
        {
            if (Param(name) is not { } text)
            {
                return null;
            }

            if (bool.TryParse(text, out var value))
            {
                return value;
            }

            problem ??= $"{name} must be true or false; got '{text}'.";
            return null;
        }

        // A place filter given as a phone number means "the same as that number's".
        NumberDetails? Same(string name, string text, ref string? problem)
        {
            if (!text.StartsWith('+'))
            {
                return null;
            }

            var parsed = PhoneNumber.Parse(text);
            if (!parsed.Success)
            {
                problem ??= $"{name} '{text}' is neither a place nor a valid E.164 phone number: {parsed.Error}";
                return null;
            }

            var details = simulation.Inventory.Describe(parsed.Value);
            if (details?.RateCenter is null)
            {
                problem ??= $"{name} {text} is not a US or Canadian number CarrierSim can place: give the place itself, or a number from a search result.";
                return null;
            }

            return details;
        }

        if (Param("AreaCode") is { } areaText)
        {
            var parsed = Npa.Parse(areaText);
            if (!nanp)
            {
                error = $"AreaCode applies only to US and Canadian numbers; remove it when searching {country}.";
            }
            else if (!parsed.Success || areaText.Length != 3)
            {
                error = $"AreaCode '{areaText}' is not a valid area code: send 3 digits, e.g. AreaCode=919.";
            }
            else
            {
                filters = filters with { AreaCode = parsed.Value };
            }
        }

        if (Param("Contains") is { } containsText)
        {
            if (ContainsPattern.TryParse(containsText, country == "US" ? "1" : null, out var pattern, out var problem))
            {
                filters = filters with { Contains = pattern };
            }
            else
            {
                error ??= problem;
            }
        }

        filters = filters with
        {
            Sms = Flag("SmsEnabled", ref error),
            Mms = Flag("MmsEnabled", ref error),
            Voice = Flag("VoiceEnabled", ref error),
            Fax = Flag("FaxEnabled", ref error),
            ExcludeAll = Flag("ExcludeAllAddressRequired", ref error) ?? false,
            ExcludeLocal = Flag("ExcludeLocalAddressRequired", ref error) ?? false,
            ExcludeForeign = Flag("ExcludeForeignAddressRequired", ref error) ?? false,
            Beta = Flag("Beta", ref error) ?? true,
        };

        var errors = new Dictionary<string, string>();
        filters = filters with
        {
            Distance = query.Int("Distance", 0, 500, 25, errors) ?? 25,
            PageSize = query.Int("PageSize", 1, 1000, 50, errors) ?? 50,
            Page = query.Int("Page", 0, 100_000, 0, errors) ?? 0,
        };
        foreach (var (name, reason) in errors)
        {
            error ??= $"{name} {reason}.";
        }

        if (Param("NearNumber") is { } nearNumber)
        {
            var parsed = PhoneNumber.Parse(nearNumber);
            var rateCenter = parsed.Success ? simulation.Inventory.Describe(parsed.Value)?.RateCenter : null;
            if (!parsed.Success)
            {
                error ??= $"NearNumber '{nearNumber}' is not a valid E.164 phone number: {parsed.Error}";
            }
            else if (rateCenter is null)
            {
                error ??= $"NearNumber {nearNumber} is not a US or Canadian number CarrierSim can place: use NearLatLong=lat,long instead.";
            }
            else
            {
                filters = filters with { Near = (rateCenter.Latitude, rateCenter.Longitude) };
            }
        }

        if (Param("NearLatLong") is { } latLong)
        {
            var parts = latLong.Split(',', StringSplitOptions.TrimEntries);
            if (parts.Length == 2
                && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var latitude) && latitude is >= -90 and <= 90
                && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var longitude) && longitude is >= -180 and <= 180)
            {
                filters = filters with { Near = (latitude, longitude) };
            }
            else
            {
                error ??= $"NearLatLong '{latLong}' must be \"latitude,longitude\" in degrees, e.g. NearLatLong=35.7796,-78.6382.";
            }
        }

        if (Param("InPostalCode") is { } postal)
        {
            var same = Same("InPostalCode", postal, ref error);
            var zipText = same is null ? postal : places.PostalCodeOf(same.RateCenter);
            var parsed = ZipCode.Parse(zipText);
            if (same is not null && zipText is null)
            {
                error ??= $"InPostalCode {postal} has no postal code in CarrierSim's catalog: give a 5-digit ZIP code instead.";
            }
            else if (!postal.StartsWith('+') && !parsed.Success)
            {
                error ??= $"InPostalCode '{postal}' is not a postal code CarrierSim knows: send a 5-digit US ZIP code (e.g. 27601) or a phone number.";
            }
            else if (parsed.Success)
            {
                filters = filters with { PostalCode = parsed.Value };
            }
        }

        if (Param("InRegion") is { } region)
        {
            var same = Same("InRegion", region, ref error);
            filters = filters with { Region = (same?.Region ?? region).ToUpperInvariant() };
        }

        if (Param("InLata") is { } lataText)
        {
            var same = Same("InLata", lataText, ref error);
            var parsed = Lata.Parse(lataText);
            if (same?.Lata is { } sameLata)
            {
                filters = filters with { Lata = sameLata };
            }
            else if (!lataText.StartsWith('+') && !parsed.Success)
            {
                error ??= $"InLata '{lataText}' is not a LATA: send its 3-digit code (e.g. 426) or a phone number.";
            }
            else if (parsed.Success)
            {
                filters = filters with { Lata = parsed.Value };
            }
        }

        if (Param("InRateCenter") is { } rateCenterText)
        {
            var same = Same("InRateCenter", rateCenterText, ref error);
            if (Param("InLata") is null)
            {
                error ??= "InRateCenter requires InLata: add the rate center's LATA, e.g. InRateCenter=RALEIGH&InLata=426.";
            }

            filters = filters with { RateCenter = same?.RateCenter?.Name ?? rateCenterText };
        }

        if (Param("InLocality") is { } locality)
        {
            var same = Same("InLocality", locality, ref error);
            filters = filters with { Locality = same?.Locality ?? locality };
        }

        var placeFilters = filters.AreaCode is not null || filters.Near is not null || filters.PostalCode is not null || filters.Region is not null
            || filters.Lata is not null || filters.RateCenter is not null || filters.Locality is not null;
        if (!nanp && placeFilters && error is null)
        {
            error = $"NearNumber, NearLatLong, InPostalCode, InRegion, InRateCenter, InLata and InLocality apply only to US and Canadian numbers; remove them when searching {country}.";
        }

        return error is null ? filters : null;
    }

    /// <summary>One inventory search per place, then Twilio's own filters; at most <see cref="MaxResults"/> numbers.</summary>
    private static List<AvailableNumberWire> Find(Filters filters, string country, NumberType type, Simulation simulation, TwilioPlaces places)
    {
        // Capabilities, address requirements and beta follow from country and type alone: when they rule the
        // type out, no search can find anything.
        if (!KeepsTraits(filters, NumberTraits.Of(country, type)))
        {
            return [];
        }

        var wanted = Math.Min(filters.PageSize, MaxResults);
        var results = new List<AvailableNumberWire>(wanted);
        var seen = new HashSet<PhoneNumber>();
        foreach (var criteria in Plan(filters, country, type, places).Take(MaxPlaces))
        {
            // Without a Contains pattern every number a search finds is kept unless an earlier place found it
            // too, so ask for no more than can be used: a search's cost grows with the quantity asked.
            var useful = filters.Contains is null ? Math.Min(MaxResults, wanted - results.Count + seen.Count) : MaxResults;
            foreach (var number in simulation.Inventory.Search(criteria with { Quantity = useful }))
            {
                if (!seen.Add(number.Number) || !Keeps(filters, number))
                {
                    continue;
                }

                results.Add(number.ToWire(places, filters.PostalCode?.ToString()));
                if (results.Count == wanted)
                {
                    return results;
                }
            }
        }

        return results;
    }

    private static IEnumerable<SearchCriteria> Plan(Filters filters, string country, NumberType type, TwilioPlaces places)
    {
        var basis = new SearchCriteria
        {
            Country = country,
            Type = type,
            AreaCode = filters.AreaCode,
            Zip = filters.PostalCode,
            Lata = filters.Lata,
            State = filters.Region,
            StartsWith = filters.Contains?.StartsWith,
            Contains = filters.Contains?.Contains,
            EndsWith = filters.Contains?.EndsWith,
            Quantity = MaxResults,
        };

        // Places as (state, rate center, locality); each filter narrows or expands the list.
        IEnumerable<(string? State, string? RateCenter, string? Locality)> placesToSearch = [(filters.Region, null, null)];
        if (filters.RateCenter is { } rateCenterName)
        {
            var named = places.RateCentersNamed(rateCenterName).Where(r => filters.Lata is not { } lata || r.Lata == lata).ToList();
            placesToSearch = placesToSearch.SelectMany(p => named
                .Where(r => p.State is null || string.Equals(p.State, r.State, StringComparison.OrdinalIgnoreCase))
                .Select(r => ((string?)r.State, (string?)r.Name, p.Locality)));
        }

        if (filters.Locality is { } locality)
        {
            var states = places.StatesOfLocality(locality);
            placesToSearch = placesToSearch.SelectMany(p => states
                .Where(s => p.State is null || string.Equals(p.State, s, StringComparison.OrdinalIgnoreCase))
                .Select(s => ((string?)s, p.RateCenter, (string?)locality)));
        }

        if (filters.Near is { } near)
        {
            var nearby = places.Near(near.Latitude, near.Longitude, filters.Distance);
            var list = placesToSearch.ToList();
            placesToSearch = nearby.SelectMany(r => list
                .Where(p => (p.State is null || string.Equals(p.State, r.State, StringComparison.OrdinalIgnoreCase))
                    && (p.RateCenter is null || string.Equals(p.RateCenter, r.Name, StringComparison.OrdinalIgnoreCase))
                    && (filters.Lata is not { } lata || r.Lata == lata))
                .Select(p => ((string?)r.State, (string?)r.Name, p.Locality)));
        }

        return placesToSearch.Select(p => basis with { State = p.State, RateCenter = p.RateCenter, City = p.Locality });
    }

    private static bool Keeps(Filters filters, NumberDetails number)
    {
        if (filters.Contains is { } pattern && !pattern.Matches(number.Number))
        {
            return false;
        }

        return KeepsTraits(filters, NumberTraits.Of(number.Country, number.Type));
    }

    private static bool KeepsTraits(Filters filters, NumberTraits traits)
    {
        var capabilities = traits.Capabilities;
        return (filters.Sms is not { } sms || capabilities.Sms == sms)
            && (filters.Mms is not { } mms || capabilities.Mms == mms)
            && (filters.Voice is not { } voice || capabilities.Voice == voice)
            && (filters.Fax is not { } fax || capabilities.Fax == fax)
            && !(filters.ExcludeAll && traits.AddressRequirements != "none")
            && !(filters.ExcludeLocal && traits.AddressRequirements == "local")
            && !(filters.ExcludeForeign && traits.AddressRequirements == "foreign")
            && (filters.Beta || !traits.Beta);
    }

    /// <summary>
    /// Twilio's Contains pattern: digits and letters (keypad digits), <c>*</c> one digit, <c>%</c> any digits,
    /// a leading <c>+</c> anchoring at the start of the number (its country code optional), a trailing <c>$</c>
    /// anchoring at the end; otherwise the pattern may match anywhere in the national number.
    /// </summary>
    internal sealed partial record ContainsPattern(Regex Regex, string? StartsWith, string? Contains, string? EndsWith)
    {
        public bool Matches(PhoneNumber number)
        {
            var national = number.IsNanp ? (number.Digits % 10_000_000_000UL).ToString(CultureInfo.InvariantCulture) : number.NationalNumber.ToString(CultureInfo.InvariantCulture);
            return Regex.IsMatch(national);
        }

        public static bool TryParse(string text, string? countryCode, out ContainsPattern? pattern, out string? error)
        {
            pattern = null;
            error = null;
            if (text.Length is < 2 or > 16)
            {
                error = $"Contains '{text}' must be 2 to 16 characters: digits, letters, * (one digit), % (any digits), a leading + or a trailing $.";
                return false;
            }

            var anchoredStart = text[0] == '+';
            var anchoredEnd = text[^1] == '$';
            var core = text[(anchoredStart ? 1 : 0)..(anchoredEnd ? ^1 : ^0)];
            var digits = new StringBuilder(core.Length);
            foreach (var c in core)
            {
                if (char.IsAsciiDigit(c) || c is '*' or '%')
                {
                    digits.Append(c);
                }
                else if (char.IsAsciiLetter(c))
                {
                    digits.Append(Keypad(c));
                }
                else
                {
                    error = $"Contains '{text}' has '{c}' where only 0-9, A-Z, * and % are allowed (+ only first, $ only last).";
                    return false;
                }
            }

            var body = digits.ToString();
            if (body.Count(char.IsAsciiDigit) < 2)
            {
                error = $"Contains '{text}' needs at least two digits or letters besides its wildcards, e.g. Contains=919***1234.";
                return false;
            }

            if (body.Contains("%%", StringComparison.Ordinal) || body.Contains("*%", StringComparison.Ordinal) || body.Contains("%*", StringComparison.Ordinal))
            {
                error = $"Contains '{text}' has % next to another wildcard; use one % for any run of digits.";
                return false;
            }

            // "+1919…" names the country code; the national number is matched without it.
            if (anchoredStart && countryCode is not null && body.StartsWith(countryCode, StringComparison.Ordinal) && body.Length > countryCode.Length + 1)
            {
                body = body[countryCode.Length..];
            }

            var regex = new StringBuilder(anchoredStart ? "^" : "");
            foreach (var c in body)
            {
                regex.Append(c switch { '*' => @"\d", '%' => @"\d*", _ => c.ToString() });
            }

            regex.Append(anchoredEnd ? "$" : "");
            var runs = LiteralRuns().Matches(body).Select(m => m.Value).ToList();
            var longest = runs.OrderByDescending(r => r.Length).FirstOrDefault();
            var leading = anchoredStart && runs.Count > 0 && body.StartsWith(runs[0], StringComparison.Ordinal) ? runs[0] : null;
            var trailing = anchoredEnd && runs.Count > 0 && body.EndsWith(runs[^1], StringComparison.Ordinal) ? runs[^1] : null;
            pattern = new ContainsPattern(new Regex(regex.ToString(), RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100)), Clip(leading), Clip(longest), Clip(trailing));
            return true;
        }

        private static string? Clip(string? run) => run is { Length: > 0 and <= 15 } ? run : null;

        /// <summary>The digit a letter is on a phone keypad (ITU E.161).</summary>
        private static char Keypad(char letter) => char.ToUpperInvariant(letter) switch
        {
            >= 'A' and <= 'C' => '2',
            >= 'D' and <= 'F' => '3',
            >= 'G' and <= 'I' => '4',
            >= 'J' and <= 'L' => '5',
            >= 'M' and <= 'O' => '6',
            >= 'P' and <= 'S' => '7',
            >= 'T' and <= 'V' => '8',
            _ => '9',
        };

        [GeneratedRegex("[0-9]+")]
        private static partial Regex LiteralRuns();
    }
}
