using System.Globalization;
using System.Text.Json;
using CarrierSim.Core;
using CarrierSim.Core.Chaos;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Core.Orders;
using CarrierSim.Server.Dialects.Shared;
using CarrierSim.Server.Http;

namespace CarrierSim.Server.Dialects.Plivo;

/// <summary>Plivo's routes. Operation ids (<c>plivo.buyPhoneNumber</c>…) key chaos targeting and the journal.</summary>
internal static class PlivoEndpoints
{
    private const string Account = "/v1/Account/{auth_id}";
    private const int MaxLimit = 20;
    private static readonly string[] Services = ["voice", "sms", "mms"];

    public static void Map(RouteGroupBuilder group, PlivoDialect dialect)
    {
        var simulation = dialect.Simulation;
        var store = dialect.Store;
        group.MapGet($"{Account}/PhoneNumber/", (HttpContext context) => Search(context, dialect, simulation))
            .Operation("plivo.searchPhoneNumbers", OperationKind.Search)
            .Query("country_iso", "ISO 3166 alpha-2 country, e.g. US", required: true)
            .Query("type", "local, fixed, mobile, tollfree, national or any")
            .Query("pattern", "digits the number starts with after the country code, e.g. 415")
            .Query("npanxx", "6 digits: area code + exchange, e.g. 415555 (US/CA)")
            .Query("local_calling_area", "true: with npanxx, numbers of the whole local calling area (rate center) of that exchange", "boolean")
            .Query("region", "state or province name or code, e.g. California or CA; a region name elsewhere")
            .Query("services", "voice, sms, mms, or a comma-separated combination")
            .Query("lata", "LATA number, e.g. 722 (US/CA)", "integer")
            .Query("rate_center", "rate center, e.g. SNFC CNTRL (US/CA)")
            .Query("city", "city, e.g. San Francisco")
            .Query("eligible", "true: only numbers the account may buy now (accepted; every number offered is)", "boolean")
            .Query("limit", "page size, 1 to 20 (default 20)", "integer")
            .Query("offset", "how many results to skip (default 0)", "integer")
            .Produces<ListWire<PhoneNumberWire>>();
        group.MapPost($"{Account}/PhoneNumber/{{number}}/", (HttpContext context, string number) => BuyAsync(context, number, dialect, simulation, store))
            .Operation("plivo.buyPhoneNumber", OperationKind.Order, "number")
            .Reads<BuyRequest>()
            .Produces<BuyWire>(StatusCodes.Status201Created);
        group.MapGet($"{Account}/Number/", (HttpContext context) => List(context, dialect, store))
            .Operation("plivo.listNumbers", OperationKind.List)
            .Query("type", "local, tollfree, mobile, national or fixed")
            .Query("number_startswith", "digits the number starts with (country code first), e.g. 1415")
            .Query("alias", "the number's alias")
            .Query("services", "voice, sms, mms, or a comma-separated combination")
            .Query("cnam_lookup", "enabled or disabled")
            .Query("subaccount", "a subaccount Auth ID (SA…)")
            .Query("limit", "page size, 1 to 20 (default 20)", "integer")
            .Query("offset", "how many results to skip (default 0)", "integer")
            .Produces<ListWire<RentedNumberWire>>();
        group.MapGet($"{Account}/Number/{{number}}/", (HttpContext context, string number) =>
                WithNumber(context, number, dialect, store, rented => WireJson.Result(rented.ToWire(PlivoDialect.AuthIdOf(context), dialect.NextApiId()), PlivoDialect.JsonOptions)))
            .Operation("plivo.getNumber", OperationKind.Get, "number")
            .Produces<RentedNumberWire>();
        group.MapPost($"{Account}/Number/{{number}}/", (HttpContext context, string number, Body<Dictionary<string, JsonElement>> body) =>
                WithNumber(context, number, dialect, store, rented => Update(rented, body.Value, dialect)))
            .Operation("plivo.updateNumber", OperationKind.Update, "number")
            .Reads<UpdateNumberRequest>()
            .Produces<ChangedWire>(StatusCodes.Status202Accepted);
        group.MapDelete($"{Account}/Number/{{number}}/", (HttpContext context, string number) =>
                WithNumber(context, number, dialect, store, rented => Unrent(context, rented, dialect, simulation)))
            .Operation("plivo.unrentNumber", OperationKind.Release, "number")
            .Produces(StatusCodes.Status204NoContent);
    }

    // ---- search ----

    private static IResult Search(HttpContext context, PlivoDialect dialect, Simulation simulation)
    {
        var query = context.Request.Query;
        IResult Bad(string message) => PlivoErrors.Error(dialect.NextApiId(), 400, message);

        var country = query.Param("country_iso")?.ToUpperInvariant();
        if (country is null)
        {
            return Bad("country_iso is required: pass an ISO 3166 alpha-2 country code such as US, CA or GB.");
        }

        if (country.Length != 2 || !country.All(char.IsAsciiLetter))
        {
            return Bad($"country_iso must be an ISO 3166 alpha-2 country code such as US or GB; got '{country}'.");
        }

        var nanp = country is "US" or "CA";
        NumberType? type = null;
        if (query.Param("type") is { } typeText && !PlivoNumbers.TryParseSearchType(typeText, out type))
        {
            return Bad($"type must be local, fixed, mobile, tollfree, national or any; got '{typeText}'.");
        }

        var pattern = query.Param("pattern");
        if (pattern is not null && (pattern.Length > 15 || !pattern.All(char.IsAsciiDigit)))
        {
            return Bad($"pattern must be 1 to 15 digits the number starts with after the country code (no +), e.g. 415; got '{pattern}'.");
        }

        NpaNxx? npaNxx = null;
        if (query.Param("npanxx") is { } npaNxxText)
        {
            var parsed = NpaNxx.Parse(npaNxxText);
            if (!parsed.Success || !nanp)
            {
                return Bad(nanp ? $"npanxx must be 6 digits (area code + exchange), e.g. 415555; got '{npaNxxText}'." : "npanxx applies to US and CA numbers only: set country_iso to US or CA, or drop npanxx.");
            }

            npaNxx = parsed.Value;
        }

        var flags = new Dictionary<string, string>();
        var localCallingArea = Flag(query, "local_calling_area", flags);
        Flag(query, "eligible", flags);
        if (flags.Count > 0)
        {
            return Bad($"{flags.First().Key} must be true or false; got '{flags.First().Value}'.");
        }

        if (localCallingArea && npaNxx is null)
        {
            return Bad("local_calling_area needs npanxx: pass the 6-digit NPA-NXX whose local calling area you want, e.g. npanxx=415555&local_calling_area=true.");
        }

        string? state = null;
        var regionText = query.Param("region");
        if (regionText is not null && nanp)
        {
            state = PlivoMapping.RegionCode(regionText);
            if (state is null)
            {
                return Bad($"region '{regionText}' is not a state or province: pass its name or code, e.g. California or CA.");
            }
        }

        Lata? lata = null;
        if (query.Param("lata") is { } lataText)
        {
            var parsed = Lata.Parse(lataText);
            if (!parsed.Success || !nanp)
            {
                return Bad(nanp ? $"lata must be a LATA number, e.g. 722; got '{lataText}'." : "lata applies to US and CA numbers only: set country_iso to US or CA, or drop lata.");
            }

            lata = parsed.Value;
        }

        var services = (query.Param("services") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToLowerInvariant()).ToList();
        if (services.FirstOrDefault(s => !Services.Contains(s)) is { } badService)
        {
            return Bad($"services takes voice, sms and mms, alone or comma-separated (e.g. voice,sms); got '{badService}'.");
        }

        var rateCenter = query.Param("rate_center");
        if (rateCenter is not null && !nanp)
        {
            return Bad("rate_center applies to US and CA numbers only: set country_iso to US or CA, or drop rate_center.");
        }

        var city = query.Param("city");
        var errors = new Dictionary<string, string>();
        var limit = query.Int("limit", 1, MaxLimit, MaxLimit, errors) ?? MaxLimit;
        var offset = query.Int("offset", 0, int.MaxValue, 0, errors) ?? 0;
        if (errors.Count > 0)
        {
            return Bad($"{errors.First().Key} {errors.First().Value}.");
        }

        var criteria = new SearchCriteria
        {
            Country = country,
            Type = type,
            StartsWith = pattern,
            NpaNxx = npaNxx,
            State = state,
            Lata = lata,
            Quantity = SearchCriteria.MaxQuantity,
        };
        if (localCallingArea && simulation.Inventory.Catalog.FindExchange(npaNxx!.Value) is { RateCenterIndex: >= 0 } exchange)
        {
            var area = simulation.Inventory.Catalog.RateCenters[exchange.RateCenterIndex];
            criteria = criteria with { NpaNxx = null, RateCenter = area.Name, State = area.State };
        }

        bool Wanted(PlivoNumber n) =>
            (nanp || city is null || string.Equals(n.City, city, StringComparison.OrdinalIgnoreCase))
            && (nanp || regionText is null || string.Equals(n.Region ?? n.City, regionText, StringComparison.OrdinalIgnoreCase))
            && services.All(s => s switch { "voice" => n.VoiceEnabled, "sms" => n.SmsEnabled, _ => n.MmsEnabled });

        var found = new List<PlivoNumber>();
        try
        {
            if (!context.Chaos().Drought)
            {
                foreach (var place in Places(simulation.Inventory.Catalog, criteria, nanp ? city : null, rateCenter))
                {
                    found.AddRange(simulation.Inventory.Search(place with { Quantity = SearchCriteria.MaxQuantity - found.Count })
                        .Select(n => PlivoNumbers.Describe(n, type)).Where(Wanted));
                    if (found.Count >= SearchCriteria.MaxQuantity)
                    {
                        break;
                    }
                }
            }
        }
        catch (InvalidSearchException e)
        {
            return Bad(string.Join(" ", e.Errors));
        }

        var authId = PlivoDialect.AuthIdOf(context);
        var page = found.Skip(offset).Take(limit).Select(n => n.ToSearchWire(authId)).ToList();
        var path = $"/v1/Account/{authId}/PhoneNumber/";
        return WireJson.Result(
            new ListWire<PhoneNumberWire>(dialect.NextApiId(), Meta(context, path, limit, offset, found.Count), page),
            PlivoDialect.JsonOptions);
    }

    /// <summary>
    /// The searches a city or rate center stands for. Plivo takes either without a region; the inventory
    /// needs a state, so each state with such a place is searched in turn.
    /// </summary>
    private static IEnumerable<SearchCriteria> Places(NumberingCatalog catalog, SearchCriteria criteria, string? city, string? rateCenter)
    {
        if (city is null && rateCenter is null)
        {
            return [criteria];
        }

        var cityStates = city is null
            ? null
            : catalog.StatesOfLocality(city)
                .Where(s => criteria.State is null || string.Equals(s, criteria.State, StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal).ToList();
        if (rateCenter is null)
        {
            return cityStates!.Select(s => criteria with { City = city, State = s });
        }

        return catalog.RateCentersNamed(rateCenter, orFullName: true)
            .Where(r => (criteria.State is null || string.Equals(r.State, criteria.State, StringComparison.OrdinalIgnoreCase))
                && (cityStates is null || cityStates.Contains(r.State.ToUpperInvariant())))
            .Select(r => (r.Name, r.State)).Distinct()
            .Select(r => criteria with { RateCenter = r.Name, State = r.State, City = city });
    }

    private static bool Flag(IQueryCollection query, string name, Dictionary<string, string> errors)
    {
        switch (query.Param(name)?.ToLowerInvariant())
        {
            case null or "false":
                return false;
            case "true":
                return true;
            default:
                errors[name] = query.Param(name)!;
                return false;
        }
    }

    /// <summary>Plivo's offset page meta: next and previous are paths with the same query, or null.</summary>
    private static ListMetaWire Meta(HttpContext context, string path, int limit, int offset, int total)
    {
        string Link(int at)
        {
            var pairs = context.Request.Query.Where(q => q.Key is not ("limit" or "offset"))
                .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}")
                .Prepend($"offset={at.ToString(CultureInfo.InvariantCulture)}")
                .Prepend($"limit={limit.ToString(CultureInfo.InvariantCulture)}");
            return $"{path}?{string.Join("&", pairs)}";
        }

        var next = (long)offset + limit < total ? Link(offset + limit) : null;
        var previous = offset > 0 ? Link(Math.Max(0, offset - limit)) : null;
        return new ListMetaWire(limit, next, offset, previous, total);
    }

    // ---- buy ----

    private static async Task<IResult> BuyAsync(HttpContext context, string numberText, PlivoDialect dialect, Simulation simulation, PlivoStore store)
    {
        // The SDKs send a JSON body (often {}); a bare POST with no body buys with the defaults.
        var request = new BuyRequest(null, null, null, null, null);
        if (context.Request.ContentLength is not 0 && (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0))
        {
            var read = await RequestReader.ReadAsync<BuyRequest>(context, PlivoDialect.JsonOptions);
            if (read.Problem is { } problem)
            {
                return PlivoErrors.Error(dialect.NextApiId(), problem.StatusCode, problem.Message);
            }

            request = read.Value ?? request;
        }

        if (request.CnamLookup is not (null or "enabled" or "disabled"))
        {
            return PlivoErrors.Error(dialect.NextApiId(), 400, $"cnam_lookup must be enabled or disabled; got '{request.CnamLookup}'.");
        }

        var parsed = ParseNumber(numberText);
        if (!parsed.Success)
        {
            return PlivoErrors.Error(dialect.NextApiId(), 400, $"'{numberText}' is not a phone number: put the number in E.164 digits without '+' in the URL, e.g. /PhoneNumber/14155559186/ ({parsed.Error}).");
        }

        var number = parsed.Value;
        var account = context.Caller().Account;
        var details = simulation.Inventory.Describe(number);
        var placed = simulation.Orders.Place(new OrderRequest
        {
            Owner = account.Owner,
            Origin = PlivoDialect.Id,
            IdPrefix = "plvbuy_",
            Numbers = [number],
            Immediate = true,
            Chaos = context.Chaos(),
            Details = new BuyDetails(store.Describe(number), request.AppId, request.CnamLookup),
        });
        var digits = number.ToString().TrimStart('+');
        if (placed.Order is not { } order)
        {
            var reason = placed.Rejected.Count > 0 ? placed.Rejected[0].Reason : RejectionReason.NotInInventory;
            return PlivoErrors.Error(dialect.NextApiId(), 400, reason == RejectionReason.AlreadyOwned
                ? $"Number {digits} is already rented on this account: see GET /v1/Account/{{auth_id}}/Number/{digits}/."
                : $"Number {digits} is not available for purchase{(details is null ? "" : " any more")}: search again with GET /v1/Account/{{auth_id}}/PhoneNumber/?country_iso=… and buy a number from the fresh results.");
        }

        if (!order.Completed.Contains(number))
        {
            return PlivoErrors.Error(dialect.NextApiId(), 400,
                $"Number {digits} could not be bought: the carrier rejected it at fulfilment ({order.ErrorMessage ?? "no reason given"}). Nothing was charged; search again and buy another number.");
        }

        return WireJson.Result(new BuyWire(dialect.NextApiId(), "created", [new BoughtNumberWire(digits, "Success")], "fulfilled"), PlivoDialect.JsonOptions, statusCode: 201);
    }

    /// <summary>Plivo writes numbers as E.164 digits without the '+' (e.g. 14155559186); a '+' is tolerated.</summary>
    private static ParseResult<PhoneNumber> ParseNumber(string text)
    {
        var trimmed = Uri.UnescapeDataString(text).Trim();
        return PhoneNumber.Parse(trimmed.StartsWith('+') ? trimmed : "+" + trimmed);
    }

    // ---- rented numbers ----

    private static IResult List(HttpContext context, PlivoDialect dialect, PlivoStore store)
    {
        var query = context.Request.Query;
        IResult Bad(string message) => PlivoErrors.Error(dialect.NextApiId(), 400, message);

        var errors = new Dictionary<string, string>();
        var limit = query.Int("limit", 1, MaxLimit, MaxLimit, errors) ?? MaxLimit;
        var offset = query.Int("offset", 0, int.MaxValue, 0, errors) ?? 0;
        if (errors.Count > 0)
        {
            return Bad($"{errors.First().Key} {errors.First().Value}.");
        }

        NumberType? type = null;
        if (query.Param("type") is { } typeText && (!PlivoNumbers.TryParseSearchType(typeText, out type) || typeText.Equals("any", StringComparison.OrdinalIgnoreCase)))
        {
            return Bad($"type must be local, tollfree, mobile, national or fixed; got '{typeText}'.");
        }

        var startsWith = query.Param("number_startswith")?.TrimStart('+');
        if (startsWith is not null && !startsWith.All(char.IsAsciiDigit))
        {
            return Bad($"number_startswith must be digits, country code first (e.g. 1415); got '{startsWith}'.");
        }

        var services = (query.Param("services") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToLowerInvariant()).ToList();
        if (services.FirstOrDefault(s => !Services.Contains(s)) is { } badService)
        {
            return Bad($"services takes voice, sms and mms, alone or comma-separated (e.g. voice,sms); got '{badService}'.");
        }

        var cnam = query.Param("cnam_lookup");
        if (cnam is not (null or "enabled" or "disabled"))
        {
            return Bad($"cnam_lookup must be enabled or disabled; got '{cnam}'.");
        }

        var alias = query.Param("alias");
        var subaccount = query.Param("subaccount");
        var numbers = store.List(context.Caller().Account.Owner)
            .Where(n => type is null || n.Description.NumberType == type || (type is NumberType.Local && n.Description.NumberType == NumberType.Mobile && n.Number.IsNanp))
            .Where(n => startsWith is null || n.Description.Digits.StartsWith(startsWith, StringComparison.Ordinal))
            .Where(n => services.All(s => s switch { "voice" => n.Description.VoiceEnabled, "sms" => n.Description.SmsEnabled, _ => n.Description.MmsEnabled }))
            .Where(n => alias is null || n.Alias == alias)
            .Where(n => cnam is null || n.CnamLookup == cnam)
            .Where(n => subaccount is null || n.SubAccount == subaccount)
            .ToList();
        var authId = PlivoDialect.AuthIdOf(context);
        var page = numbers.Skip(offset).Take(limit).Select(n => n.ToWire(authId, null)).ToList();
        return WireJson.Result(
            new ListWire<RentedNumberWire>(dialect.NextApiId(), Meta(context, $"/v1/Account/{authId}/Number/", limit, offset, numbers.Count), page),
            PlivoDialect.JsonOptions);
    }

    private static IResult WithNumber(HttpContext context, string numberText, PlivoDialect dialect, PlivoStore store, Func<RentedNumber, IResult> then)
    {
        var parsed = ParseNumber(numberText);
        if (!parsed.Success)
        {
            return PlivoErrors.Error(dialect.NextApiId(), 400, $"'{numberText}' is not a phone number: put the number in E.164 digits without '+' in the URL, e.g. /Number/14155559186/.");
        }

        return store.Find(context.Caller().Account.Owner, parsed.Value) is { } rented
            ? then(rented)
            : PlivoErrors.NotFound(dialect.NextApiId(), $"Number {parsed.Value.ToString().TrimStart('+')}");
    }

    private static IResult Update(RentedNumber rented, Dictionary<string, JsonElement> fields, PlivoDialect dialect)
    {
        IResult Bad(string message) => PlivoErrors.Error(dialect.NextApiId(), 400, message);

        // Validate everything first, then apply: a rejected update changes nothing.
        var changes = new List<Action>();
        foreach (var (field, value) in fields)
        {
            var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            var isText = value.ValueKind is JsonValueKind.String or JsonValueKind.Null;
            switch (field)
            {
                case "alias" or "app_id" or "subaccount" or "cnam" or "compliance_application_id" when isText:
                    var cleared = string.IsNullOrEmpty(text) ? null : text;
                    if (field == "subaccount" && cleared is not null && !cleared.StartsWith("SA", StringComparison.Ordinal))
                    {
                        return Bad($"subaccount must be a subaccount Auth ID (SA…); got '{cleared}'.");
                    }

                    changes.Add(field switch
                    {
                        "alias" => () => rented.Alias = cleared,
                        "app_id" => () => rented.AppId = cleared,
                        "subaccount" => () => rented.SubAccount = cleared,
                        "cnam" => () => rented.Cnam = cleared,
                        _ => () => rented.ComplianceApplicationId = cleared,
                    });
                    break;
                case "cnam_lookup" when text is "enabled" or "disabled":
                    changes.Add(() => rented.CnamLookup = text);
                    break;
                case "cnam_lookup":
                    return Bad("cnam_lookup must be enabled or disabled.");
                case "alias" or "app_id" or "subaccount" or "cnam" or "compliance_application_id":
                    return Bad($"{field} must be a string.");
                default:
                    return Bad($"{field} is not a field of a number that can be changed: send app_id, alias, subaccount, cnam_lookup, cnam or compliance_application_id.");
            }
        }

        lock (rented)
        {
            changes.ForEach(apply => apply());
        }

        return WireJson.Result(new ChangedWire("changed", dialect.NextApiId()), PlivoDialect.JsonOptions, statusCode: 202);
    }

    /// <summary>Unrenting is a disconnect order, settled at once; the number rests in quarantine before it is sold again.</summary>
    private static IResult Unrent(HttpContext context, RentedNumber rented, PlivoDialect dialect, Simulation simulation)
    {
        var placed = simulation.Orders.Place(new OrderRequest
        {
            Owner = rented.Owner,
            Origin = PlivoDialect.Id,
            IdPrefix = "plvdel_",
            Numbers = [rented.Number],
            Type = OrderType.Disconnect,
            Immediate = true,
            Quarantine = true,
            Chaos = context.Chaos(),
        });
        return placed.Order is { } order && order.Completed.Contains(rented.Number)
            ? Results.NoContent()
            : PlivoErrors.NotFound(dialect.NextApiId(), $"Number {rented.Description.Digits}");
    }
}
