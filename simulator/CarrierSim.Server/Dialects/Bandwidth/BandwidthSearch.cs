using System.Globalization;
using CarrierSim.Core;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;

namespace CarrierSim.Server.Dialects.Bandwidth;

/// <summary>The criteria of a search or a search-and-order, by Bandwidth's names, as sent.</summary>
internal sealed record SearchInput
{
    public string? AreaCode { get; init; }

    public string? NpaNxx { get; init; }

    public string? NpaNxxx { get; init; }

    public string? RateCenter { get; init; }

    public string? State { get; init; }

    public string? City { get; init; }

    public string? Zip { get; init; }

    public string? Lata { get; init; }

    public string? LocalVanity { get; init; }

    public string? EndsIn { get; init; }

    public string? TollFreeVanity { get; init; }

    public string? TollFreeWildCardPattern { get; init; }

    public string? Lca { get; init; }

    public string? OrderBy { get; init; }

    public string? Protected { get; init; }
}

/// <summary>Criteria the inventory can search; or, for a toll-free vanity, the exact numbers the word spells.</summary>
internal sealed record BandwidthQuery(SearchCriteria Criteria, bool OnlyProtected, IReadOnlyList<PhoneNumber>? Candidates = null);

/// <summary>
/// Bandwidth's search rules (numbers.yml <c>GetAvailableTns</c>: parameters and the table of allowed
/// combinations; errors 4000–4022 from site/docs/numbers/errors.mdx), shared by
/// <c>GET /availableNumbers</c> and the search-and-order types of <c>POST /orders</c>.
/// </summary>
internal static class BandwidthSearch
{
    /// <summary>The most numbers one search or search-and-order takes from the simulator's inventory.</summary>
    public const int MaxQuantity = SearchCriteria.MaxQuantity;

    private static readonly HashSet<string> OrderByValues = new(StringComparer.Ordinal) { "fullNumber", "npaNxxx", "npaNxx", "areaCode" };

    /// <summary>Reads and checks the criteria: the query to run, or Bandwidth's error.</summary>
    public static (BandwidthQuery? Query, SearchProblem? Problem) Read(SearchInput input, int quantity, NumberingCatalog catalog)
    {
        var tollFree = input.TollFreeVanity is not null || input.TollFreeWildCardPattern is not null;
        var local = new[] { input.AreaCode, input.NpaNxx, input.NpaNxxx, input.RateCenter, input.State, input.City, input.Zip, input.Lata, input.LocalVanity };
        if (!tollFree && local.All(v => v is null))
        {
            return Fail(4010, "One of more required search parameters are null or empty, please refer to the api documentation. Pass one of areaCode, npaNxx, npaNxxx, rateCenter + state, state, city + state, zip, lata, localVanity, tollFreeVanity or tollFreeWildCardPattern.");
        }

        if (input.TollFreeVanity is not null && input.TollFreeWildCardPattern is not null)
        {
            return Fail(4010, "Provided search criteria are unsupported or are not valid: tollFreeVanity and tollFreeWildCardPattern are separate searches; send one of them.");
        }

        if (tollFree && local.Any(v => v is not null))
        {
            return Fail(4010, "Provided search criteria are unsupported or are not valid: a toll-free search takes no local criteria (areaCode, state, zip…); send tollFreeVanity or tollFreeWildCardPattern alone.");
        }

        var prefixes = new[] { input.AreaCode, input.NpaNxx, input.NpaNxxx }.Count(v => v is not null);
        if (prefixes > 1)
        {
            return Fail(4010, "Provided search criteria are unsupported or are not valid: areaCode, npaNxx and npaNxxx are mutually exclusive; send one of them.");
        }

        if (input.LocalVanity is not null && new[] { input.NpaNxx, input.NpaNxxx, input.RateCenter, input.City, input.Zip, input.Lata }.Any(v => v is not null))
        {
            return Fail(4010, "Provided search criteria are unsupported or are not valid: localVanity combines only with state and areaCode.");
        }

        List<PhoneNumber>? candidates = null;
        var criteria = new SearchCriteria { Quantity = Math.Min(quantity, MaxQuantity), Type = tollFree ? NumberType.TollFree : NumberType.Local };
        if (input.TollFreeVanity is { } vanity)
        {
            if (vanity.Length < 7 || !vanity.All(char.IsAsciiLetterOrDigit))
            {
                return Fail(4003, $"Please verify that your Toll Free Vanity search input parameters are correct: tollFreeVanity '{vanity}' must be 7 or more letters or digits, e.g. NEWCARS.");
            }

            // Inferred: the vanity word's first seven characters spell the last seven digits of the number, in any toll-free area code.
            var digits = Keypad(vanity)[..7];
            candidates = [.. Enumerable.Range(800, 100).Where(NanpRules.IsTollFreeNpa)
                .Select(npa => PhoneNumber.Parse($"+1{npa}{digits}")).Where(p => p.Success).Select(p => p.Value)];
        }

        if (input.TollFreeWildCardPattern is { } pattern)
        {
            if (pattern.Length != 3 || pattern[0] != '8' || !pattern.All(c => char.IsAsciiDigit(c) || c == '*') || pattern.TrimEnd('*').Contains('*', StringComparison.Ordinal))
            {
                return Fail(4004, $"Please verify that your Toll Free Wild Card search input parameters are correct: tollFreeWildCardPattern '{pattern}' must be 3 characters starting with 8, digits then '*', e.g. 8**, 80* or 833.");
            }

            criteria = criteria with { StartsWith = pattern.TrimEnd('*') };
        }

        if (input.AreaCode is { } areaText)
        {
            if (areaText.Length != 3 || !Npa.Parse(areaText).Success)
            {
                return Fail(4000, $"Please verify that your Area Code search input parameters are correct: areaCode '{areaText}' must be 3 digits, the first 2-9, e.g. 919.");
            }

            criteria = criteria with { AreaCode = Npa.Parse(areaText).Value };
        }

        if (input.NpaNxx is { } npaNxxText)
        {
            if (npaNxxText.Length != 6 || !NpaNxx.Parse(npaNxxText).Success || npaNxxText[3] is '0' or '1')
            {
                return Fail(4002, $"Please verify that your NPA, NPA-NXX, or NPA-NXX-X search input parameters are correct: npaNxx '{npaNxxText}' must be 6 digits, area code and exchange each starting 2-9, e.g. 919439.");
            }

            criteria = criteria with { NpaNxx = NpaNxx.Parse(npaNxxText).Value };
        }

        if (input.NpaNxxx is { } blockText)
        {
            if (blockText.Length != 7 || !blockText.All(char.IsAsciiDigit) || blockText[0] is '0' or '1' || blockText[3] is '0' or '1')
            {
                return Fail(4002, $"Please verify that your NPA, NPA-NXX, or NPA-NXX-X search input parameters are correct: npaNxxx '{blockText}' must be 7 digits (area code, exchange, first line digit), e.g. 9194391.");
            }

            criteria = criteria with { NpaNxxX = int.Parse(blockText, CultureInfo.InvariantCulture) };
        }

        if (input.State is { } state && (state.Length != 2 || !state.All(char.IsAsciiLetter)))
        {
            return Fail(4006, $"Please verify that your State search input parameters are correct: state '{state}' must be a 2-letter abbreviation, e.g. NC.");
        }

        if (input.RateCenter is { } rateCenter)
        {
            if (input.State is null)
            {
                return Fail(4001, $"Please verify that your Rate Center search input parameters are correct: rateCenter '{rateCenter}' needs state too, e.g. rateCenter=RALEIGH&state=NC.");
            }

            if (rateCenter.Length > 50)
            {
                return Fail(4001, "Please verify that your Rate Center search input parameters are correct: rateCenter is an abbreviation of at most 50 characters, e.g. RALEIGH.");
            }

            criteria = criteria with { RateCenter = rateCenter.ToUpperInvariant() };
        }

        if (input.City is { } city)
        {
            if (input.State is null)
            {
                return Fail(4005, $"Please verify that your City search input parameters are correct: city '{city}' needs state too, e.g. city=RALEIGH&state=NC.");
            }

            if (city.Length > 100)
            {
                return Fail(4005, "Please verify that your City search input parameters are correct: city is a name of at most 100 characters, e.g. RALEIGH.");
            }

            criteria = criteria with { City = city };
        }

        if (input.State is { } stateCode)
        {
            criteria = criteria with { State = stateCode.ToUpperInvariant() };
        }

        if (input.Zip is { } zipText)
        {
            var five = zipText.Length == 10 && zipText[5] == '-' ? zipText[..5] : zipText;
            var plusFour = zipText.Length == 10 ? zipText[6..] : "0000";
            if (five.Length != 5 || !five.All(char.IsAsciiDigit) || plusFour.Length != 4 || !plusFour.All(char.IsAsciiDigit))
            {
                return Fail(4007, $"Please verify that your Zip Code search input parameters are correct: zip '{zipText}' must be 5 digits or ZIP+4 (XXXXX-XXXX), e.g. 27606.");
            }

            criteria = criteria with { Zip = ZipCode.Parse(five).Value };
        }

        if (input.Lata is { } lataText)
        {
            if (lataText.Length is 0 or > 5 || !lataText.All(char.IsAsciiDigit) || !Lata.Parse(lataText).Success)
            {
                return Fail(4008, $"Please verify that your LATA search input parameters are correct: lata '{lataText}' must be at most five digits, e.g. 426.");
            }

            criteria = criteria with { Lata = Lata.Parse(lataText).Value };
        }

        var endsIn = false;
        if (input.EndsIn is { } endsInText && !TryBool(endsInText, out endsIn))
        {
            return Fail(4010, $"Provided search criteria are unsupported or are not valid: endsIn '{endsInText}' must be true or false.");
        }

        if (input.LocalVanity is { } localVanity)
        {
            if (localVanity.Length is < 4 or > 7 || !localVanity.All(char.IsAsciiLetterOrDigit))
            {
                return Fail(4010, $"Provided search criteria are unsupported or are not valid: localVanity '{localVanity}' must be 4 to 7 letters or digits, e.g. NEWCARS.");
            }

            var digits = Keypad(localVanity);
            criteria = endsIn ? criteria with { EndsWith = digits } : criteria with { Contains = digits };
        }
        else if (input.EndsIn is not null)
        {
            return Fail(4010, "Provided search criteria are unsupported or are not valid: endsIn applies to localVanity searches only; add localVanity or drop endsIn.");
        }

        if (input.Lca is { } lcaText)
        {
            if (!TryBool(lcaText, out var lca))
            {
                return Fail(4010, $"Provided search criteria are unsupported or are not valid: LCA '{lcaText}' must be true or false.");
            }

            if (lca && (input.NpaNxx is not null || input.NpaNxxx is not null))
            {
                // "NPA-NXX with Local Calling Area": no other criteria. Inferred: the local calling area is the exchange's rate center.
                if (new[] { input.RateCenter, input.City, input.State, input.Zip, input.Lata }.Any(v => v is not null) && input.NpaNxxx is null)
                {
                    return Fail(4010, "Provided search criteria are unsupported or are not valid: an npaNxx search with LCA=true takes no other criteria; drop them or pass LCA=false.");
                }

                var exchange = catalog.FindExchange(criteria.NpaNxx ?? NpaNxx.FromInt32(criteria.NpaNxxX!.Value / 10));
                if (exchange is not null && exchange.RateCenterIndex >= 0 && exchange.RateCenterIndex < catalog.RateCenters.Count)
                {
                    var center = catalog.RateCenters[exchange.RateCenterIndex];
                    criteria = criteria with { NpaNxx = null, NpaNxxX = null, RateCenter = center.Name, State = center.State };
                }
            }
        }

        if (input.OrderBy is { } orderBy)
        {
            if (!OrderByValues.Contains(orderBy))
            {
                return Fail(4020, $"Please verify that your orderBy search query parameter is correct. Valid values are: fullNumber,npaNxxx,npaNxx,areaCode (got '{orderBy}').");
            }

            // The combinations table allows orderBy with NPA-NXX(-X), rate center, city, ZIP and toll-free searches only.
            var sortable = tollFree || (input.LocalVanity is null && new[] { input.NpaNxx, input.NpaNxxx, input.RateCenter, input.City, input.Zip }.Any(v => v is not null));
            if (!sortable)
            {
                return Fail(4021, "The orderBy parameter is not supported for specified search criteria: use it with npaNxx, npaNxxx, rateCenter, city, zip or a toll-free search.");
            }
        }

        var onlyProtected = false;
        if (input.Protected is { } protectedText)
        {
            if (protectedText is not ("NONE" or "ONLY" or "MIXED"))
            {
                return Fail(4022, $"Please verify that your protected search query parameter is correct. Valid values are: NONE, ONLY, MIXED (got '{protectedText}').");
            }

            onlyProtected = protectedText == "ONLY";
        }

        return (new BandwidthQuery(criteria, onlyProtected, candidates), null);
    }

    /// <summary>
    /// Runs a query: the inventory's numbers minus those reserved by other accounts, in number
    /// order (Bandwidth's orderBy values all sort by the digits). No number is protected here.
    /// </summary>
    public static IReadOnlyList<NumberDetails> Run(Simulation simulation, BandwidthStore store, BandwidthQuery query, OwnerId owner)
    {
        if (query.OnlyProtected)
        {
            return [];
        }

        // The account's own reservations (the inventory's holds for it) stay in its searches.
        var found = query.Candidates is { } candidates
            ? candidates.Where(n => store.OnOfferTo(n, owner)).Select(simulation.Inventory.Describe).OfType<NumberDetails>().Take(query.Criteria.Quantity)
            : simulation.Inventory.Search(query.Criteria with { IncludeHeldFor = owner });
        return [.. found.Where(n => !store.ReservedAgainst(n.Number, owner)).OrderBy(n => n.Number)];
    }

    public static bool TryBool(string text, out bool value)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "true":
                value = true;
                return true;
            case "false":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    /// <summary>A vanity word as telephone keypad digits (NEWCARS → 6392277).</summary>
    public static string Keypad(string word) => string.Concat(word.ToUpperInvariant().Select(c => c switch
    {
        >= '0' and <= '9' => c,
        'A' or 'B' or 'C' => '2',
        'D' or 'E' or 'F' => '3',
        'G' or 'H' or 'I' => '4',
        'J' or 'K' or 'L' => '5',
        'M' or 'N' or 'O' => '6',
        'P' or 'Q' or 'R' or 'S' => '7',
        'T' or 'U' or 'V' => '8',
        _ => '9',
    }));

    private static (BandwidthQuery?, SearchProblem?) Fail(int code, string description) => (null, new SearchProblem(code, description));
}
