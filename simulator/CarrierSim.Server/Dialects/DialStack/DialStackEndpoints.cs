using System.Globalization;
using System.Text.Json;
using CarrierSim.Core;
using CarrierSim.Core.Chaos;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Core.Orders;
using CarrierSim.Server.Http;

namespace CarrierSim.Server.Dialects.DialStack;

/// <summary>DialStack's routes. Operation ids (<c>dialstack.createOrder</c>…) key chaos targeting and the journal.</summary>
internal static class DialStackEndpoints
{
    /// <summary>The TypeID prefixes the browser SDK resolves as routing targets (its ROUTING_TARGET_TYPES).</summary>
    private static class RoutingTargets
    {
        private static readonly (string Prefix, string Kind)[] Kinds =
        [
            ("user_", "user"), ("dp_", "dial plan"), ("va_", "voice app"), ("rg_", "ring group"), ("qu_", "queue"), ("svm_", "shared voicemail box"),
        ];

        private static readonly System.Buffers.SearchValues<char> Suffix = System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789");

        public static bool IsValid(string target) =>
            Array.Exists(Kinds, k => target.StartsWith(k.Prefix, StringComparison.Ordinal)
                && target.Length - k.Prefix.Length is >= 1 and <= 64
                && !target.AsSpan(k.Prefix.Length).ContainsAnyExcept(Suffix));

        public static string Describe() => string.Join(", ", Kinds.Select(k => $"{k.Kind} ({k.Prefix}…)"));
    }

    private static readonly HashSet<string> DirectoryListingTypes = new(StringComparer.Ordinal) { "listed", "non_listed", "non_published", "non_registered" };

    public static void Map(RouteGroupBuilder group, DialStackDialect dialect, Simulation simulation)
    {
        var store = dialect.Store;
        // A browser asks before the SDK's cross-origin calls (they carry Authorization): allow what the SDKs send.
        // A Delegate variable, out of the request delegate generator's reach: its code for this call loses the OPTIONS method.
        Delegate preflight = (HttpContext context) =>
        {
            context.Response.Headers.AccessControlAllowMethods = "GET, POST, DELETE";
            context.Response.Headers.AccessControlAllowHeaders = "Authorization, Content-Type, DialStack-Account, Idempotency-Key";
            context.Response.Headers.AccessControlMaxAge = "600";
            return Results.NoContent();
        };
#pragma warning disable RDG002 // generated at run time, on purpose (see above)
        group.MapMethods("/{**path}", [HttpMethods.Options], preflight).WithName("dialstack.preflight").WithMetadata(new AnonymousDialectEndpoint()).ExcludeFromDescription();
#pragma warning restore RDG002
        group.MapPost("/v1/account_sessions", (HttpContext context, Body<AccountSessionRequest> body) => CreateAccountSession(context, body.Value, dialect.Sessions))
            .Operation("dialstack.createAccountSession", OperationKind.Other)
            .WithMetadata(new DialStackDialect.PlatformKeyOnly())
            .Reads<AccountSessionRequest>()
            .Produces<AccountSessionWire>(StatusCodes.Status201Created);
        group.MapGet("/v1/available-phone-numbers", (HttpContext context) => Search(context, simulation))
            .Operation("dialstack.searchNumbers", OperationKind.Search)
            .Query("area_code", "3-digit US area code, e.g. 919 (not toll-free)")
            .Query("state", "2-letter state code, e.g. NC")
            .Query("city", "city name; requires state")
            .Query("zip", "5-digit ZIP code, e.g. 27601")
            .Query("npa_nxx", "6 digits: area code + exchange, e.g. 919460")
            .Query("quantity", "how many numbers, 1 to 100 (default 10)", "integer")
            .Produces<DataWire<AvailableNumberWire>>();
        group.MapPost("/v1/phone-number-orders", (HttpContext context, Body<CreateOrderRequest> body) => CreateOrder(context, body.Value, simulation, store))
            .Operation("dialstack.createOrder", OperationKind.Order)
            .Reads<CreateOrderRequest>()
            .Produces<OrderWire>(StatusCodes.Status201Created)
            .Produces<ErrorWire>(StatusCodes.Status409Conflict);
        group.MapGet("/v1/phone-number-orders", (HttpContext context) => ListOrders(context, simulation))
            .Operation("dialstack.listOrders", OperationKind.List)
            .Query("limit", "page size, 1 to 100 (default 10)", "integer")
            .Query("page", "the cursor from next_page_url or previous_page_url")
            .Query("status", "pending, complete, partial or failed")
            .Query("order_type", "purchase or disconnect")
            .Produces<ListWire<OrderWire>>();
        group.MapGet("/v1/phone-number-orders/{id}", (HttpContext context, string id) =>
        {
            var order = simulation.Orders.Find(context.Caller().Account.Owner, id);
            return order is null || order.Origin != DialStackDialect.Id
                ? DialStackErrors.NotFound("phone number order", id)
                : WireJson.Result(order.ToWire(), DialStackDialect.JsonOptions);
        }).Operation("dialstack.getOrder", OperationKind.Get).Produces<OrderWire>();
        group.MapGet("/v1/phone-numbers", (HttpContext context) => ListNumbers(context, store))
            .Operation("dialstack.listNumbers", OperationKind.List)
            .Query("limit", "page size, 1 to 100 (default 10)", "integer")
            .Query("page", "the cursor from next_page_url or previous_page_url")
            .Query("status", "active, inactive or released; pending is accepted and matches no row (a pending order's rows are inactive)")
            .Produces<ListWire<DidWire>>();
        group.MapGet("/v1/phone-numbers/{id}", (HttpContext context, string id) =>
        {
            var did = store.Find(context.Caller().Account.Owner, id);
            return did is null ? DialStackErrors.NotFound("phone number", id) : WireJson.Result(did.ToWire(), DialStackDialect.JsonOptions);
        }).Operation("dialstack.getNumber", OperationKind.Get).Produces<DidWire>();
        group.MapPost("/v1/phone-numbers/{id}", (HttpContext context, string id, Body<Dictionary<string, JsonElement>> body) => UpdateNumber(context, id, body.Value, simulation, store))
            .Operation("dialstack.updateNumber", OperationKind.Update)
            .Reads<UpdateNumberRequest>()
            .Produces<DidWire>();
        group.MapPost("/v1/phone-numbers/{id}/route", (HttpContext context, string id, Body<Dictionary<string, JsonElement>> body) => RouteNumber(context, id, body.Value, simulation, store))
            .Operation("dialstack.routeNumber", OperationKind.Update)
            .Reads<RouteNumberRequest>()
            .Produces<DidWire>();
    }

    private static IResult Search(HttpContext context, Simulation simulation)
    {
        var query = context.Request.Query;
        string? Param(string name) => query.Param(name);
        var errors = new Dictionary<string, string>();

        Npa? areaCode = null;
        if (Param("area_code") is { } areaText)
        {
            var parsed = Npa.Parse(areaText);
            if (!parsed.Success)
            {
                errors["area_code"] = "must be 3 digits from 200 to 999, e.g. 919";
            }
            else if (NanpRules.IsTollFreeNpa(parsed.Value.Value))
            {
                errors["area_code"] = "is a toll-free code; this endpoint offers US local numbers only";
            }
            else
            {
                areaCode = parsed.Value;
            }
        }

        var state = Param("state");
        if (state is not null && (state.Length != 2 || !state.All(char.IsAsciiLetter)))
        {
            errors["state"] = "must be a 2-letter state code in upper case, e.g. NC";
        }

        var city = Param("city");
        if (city is not null && state is null)
        {
            errors["state"] = "is required when city is given: add state=NC (the city's 2-letter state)";
        }

        ZipCode? zip = null;
        if (Param("zip") is { } zipText)
        {
            var parsed = ZipCode.Parse(zipText);
            if (parsed.Success)
            {
                zip = parsed.Value;
            }
            else
            {
                errors["zip"] = "must be 5 digits, e.g. 27601";
            }
        }

        NpaNxx? npaNxx = null;
        if (Param("npa_nxx") is { } npaNxxText)
        {
            var parsed = NpaNxx.Parse(npaNxxText);
            if (parsed.Success)
            {
                npaNxx = parsed.Value;
            }
            else
            {
                errors["npa_nxx"] = "must be 6 digits (area code + prefix), e.g. 919460";
            }
        }

        var quantity = query.Int("quantity", 1, 100, 10, errors) ?? 10;

        if (errors.Count > 0)
        {
            return DialStackErrors.Validation($"Invalid search: {string.Join("; ", errors.Select(e => $"{e.Key} {e.Value}"))}.", errors);
        }

        if (areaCode is null && state is null && zip is null && npaNxx is null)
        {
            return DialStackErrors.Validation("filter", "is required: pass at least one of area_code, state, city + state, zip or npa_nxx");
        }

        var found = context.Chaos().Drought ? [] : simulation.Inventory.Search(new SearchCriteria
        {
            Type = NumberType.Local,
            AreaCode = areaCode,
            State = state?.ToUpperInvariant(),
            City = city,
            Zip = zip,
            NpaNxx = npaNxx,
            Quantity = quantity,
        });
        return WireJson.Result(new DataWire<AvailableNumberWire>([.. found.Select(n => n.ToWire())]), DialStackDialect.JsonOptions);
    }

    private static IResult CreateOrder(HttpContext context, CreateOrderRequest request, Simulation simulation, DialStackStore store)
    {
        var orderType = request.OrderType ?? "purchase";
        if (orderType is not ("purchase" or "disconnect"))
        {
            return DialStackErrors.Validation("order_type", "must be purchase or disconnect");
        }

        if (request.PhoneNumbers is not { Count: > 0 } texts)
        {
            return DialStackErrors.Validation("phone_numbers", "is required: a list of 1 to 100 E.164 numbers, e.g. [\"+19194601234\"]");
        }

        if (texts.Count > 100)
        {
            return DialStackErrors.Validation("phone_numbers", $"has {texts.Count} numbers; an order takes at most 100");
        }

        var numbers = new List<PhoneNumber>(texts.Count);
        foreach (var text in texts)
        {
            var parsed = PhoneNumber.Parse(text);
            if (!parsed.Success)
            {
                return DialStackErrors.Validation("phone_numbers", parsed.Error);
            }

            // +1 is shared by the NANP countries: an area code that is not one of the catalog's US
            // area codes (Canada, the Caribbean) is not a US number either.
            if (!parsed.Value.IsNanp || parsed.Value.CountryCallingCode != 1)
            {
                return DialStackErrors.Validation("phone_numbers", $"{text} is not a US number: only US non-toll-free numbers can be ordered");
            }

            if (!parsed.Value.IsTollFree && simulation.Inventory.Catalog.FindAreaCode(parsed.Value.Npa) is not { Country: "US" })
            {
                return DialStackErrors.Validation("phone_numbers", $"{text} is not a US number (area code {parsed.Value.Npa.Value} is not a US area code): only US non-toll-free numbers can be ordered");
            }

            if (parsed.Value.IsTollFree)
            {
                return DialStackErrors.Validation("phone_numbers", $"{text} is toll-free: only US non-toll-free numbers can be ordered");
            }

            if (numbers.Contains(parsed.Value))
            {
                return DialStackErrors.Validation("phone_numbers", $"lists {text} twice; list each number once");
            }

            numbers.Add(parsed.Value);
        }

        var account = context.Caller().Account;
        if (orderType == "disconnect")
        {
            var notLive = numbers.Where(n => store.FindLive(account.Owner, n)?.Status is not "active").ToList();
            if (notLive.Count > 0)
            {
                return DialStackErrors.Validation("phone_numbers", $"{string.Join(", ", notLive)} {(notLive.Count == 1 ? "is not an active number" : "are not active numbers")} on this account; only active numbers can be disconnected");
            }

            var disconnect = simulation.Orders.PlaceDisconnect(account.Owner, DialStackDialect.Id, "ord_", numbers);
            return WireJson.Result(disconnect.ToWire(), DialStackDialect.JsonOptions, statusCode: 201);
        }

        var placed = simulation.Orders.PlacePurchase(account.Owner, DialStackDialect.Id, "ord_", numbers, request.PartialAllowed ?? false, context.Chaos());
        if (placed.Order is not { } order)
        {
            var onAccount = placed.Rejected.Where(r => r.Reason == RejectionReason.AlreadyOwned).Select(r => r.Number.ToString()).ToList();
            var unavailable = placed.Rejected.Where(r => r.Reason != RejectionReason.AlreadyOwned).Select(r => r.Number.ToString()).ToList();
            var details = new Dictionary<string, List<string>> { ["unavailable"] = unavailable };
            if (onAccount.Count > 0)
            {
                details["already_on_account"] = onAccount;
            }

            return DialStackErrors.Error(409,
                $"{placed.Rejected.Count} phone number(s) are unavailable: search again and order numbers from the fresh results, or pass \"partial_allowed\": true to accept a partial fill.",
                "phone_numbers_unavailable", details);
        }

        return WireJson.Result(order.ToWire(), DialStackDialect.JsonOptions, statusCode: 201);
    }

    private static IResult ListOrders(HttpContext context, Simulation simulation)
    {
        var account = context.Caller().Account;
        if (!TryPageRequest(context, out var page, out var error))
        {
            return error!;
        }

        if (page.Status is not (null or "pending" or "complete" or "partial" or "failed"))
        {
            return DialStackErrors.Validation("status", "must be pending, complete, partial or failed");
        }

        if (page.OrderType is not (null or "purchase" or "disconnect"))
        {
            return DialStackErrors.Validation("order_type", "must be purchase or disconnect");
        }

        var orders = simulation.Orders.List(account.Owner)
            .Where(o => o.Origin == DialStackDialect.Id)
            .Where(o => page.Status is null || o.Status.ToString().Equals(page.Status, StringComparison.OrdinalIgnoreCase))
            .Where(o => page.OrderType is null || (o.Type == OrderType.Disconnect ? "disconnect" : "purchase") == page.OrderType)
            .ToList();
        return Paginate("/v1/phone-number-orders", orders, o => o.Id, o => o.ToWire(), page);
    }

    private static IResult ListNumbers(HttpContext context, DialStackStore store)
    {
        var account = context.Caller().Account;
        if (!TryPageRequest(context, out var page, out var error))
        {
            return error!;
        }

        if (page.Status is not (null or "active" or "inactive" or "pending" or "released"))
        {
            return DialStackErrors.Validation("status", "must be active, inactive, pending or released");
        }

        // The filter and the field always agree: `pending` is a value the server SDK may send, but no
        // row carries it (a pending order's rows are `inactive`; see docs/dialects/dialstack.md).
        var dids = store.List(account.Owner).Where(d => page.Status is null || d.Status == page.Status).ToList();
        return Paginate("/v1/phone-numbers", dids, d => d.Id, d => d.ToWire(), page);
    }

    private static IResult UpdateNumber(HttpContext context, string id, Dictionary<string, JsonElement> fields, Simulation simulation, DialStackStore store)
    {
        var did = store.Find(context.Caller().Account.Owner, id);
        if (did is null || did.Status == "released")
        {
            return DialStackErrors.NotFound("phone number", id);
        }

        // Validate everything first, then apply: a rejected update changes nothing.
        var changes = new List<Action>();
        foreach (var (field, value) in fields)
        {
            var kind = value.ValueKind;
            string? Text() => kind == JsonValueKind.Null ? null : value.GetString();
            switch (field)
            {
                case "outbound_enabled" or "fax_enabled" when kind is JsonValueKind.True or JsonValueKind.False:
                    var flag = value.GetBoolean();
                    changes.Add(field == "outbound_enabled" ? () => did.OutboundEnabled = flag : () => did.FaxEnabled = flag);
                    break;
                case "status" when kind == JsonValueKind.String && value.GetString() is "active" or "inactive":
                    var status = value.GetString()!;
                    changes.Add(() => did.Status = status);
                    break;
                case "expires_at" when kind == JsonValueKind.Null:
                    break;
                case "expires_at":
                    return DialStackErrors.Validation(field, "can only be set to null (to make a temporary number permanent); extending is not supported");
                case "caller_id_name" when kind is JsonValueKind.String or JsonValueKind.Null:
                    var name = Text();
                    if (name is { Length: > 15 })
                    {
                        return DialStackErrors.Validation(field, "must be at most 15 characters (the CNAM limit)");
                    }

                    changes.Add(() => did.CallerIdName = name);
                    break;
                case "caller_id_prefix" or "directory_listing_name" or "directory_listing_location" or "directory_listing_location_id"
                    when kind is JsonValueKind.String or JsonValueKind.Null:
                    var text = Text();
                    changes.Add(field switch
                    {
                        "caller_id_prefix" => () => did.CallerIdPrefix = text,
                        "directory_listing_name" => () => did.DirectoryListingName = text,
                        _ => () => did.DirectoryListingLocation = text,
                    });
                    break;
                case "caller_id_visibility" when kind == JsonValueKind.String && value.GetString() is "PUBLIC" or "PRIVATE":
                    var visibility = value.GetString();
                    changes.Add(() => did.CallerIdVisibility = visibility);
                    break;
                case "directory_listing_type" when kind == JsonValueKind.String && DirectoryListingTypes.Contains(value.GetString()!):
                    var listing = value.GetString();
                    changes.Add(() => did.DirectoryListingType = listing);
                    break;
                case "config" when kind is JsonValueKind.Object or JsonValueKind.Null:
                    var config = kind == JsonValueKind.Null ? (JsonElement?)null : value.Clone();
                    changes.Add(() => did.Config = config);
                    break;
                case "outbound_enabled" or "fax_enabled":
                    return DialStackErrors.Validation(field, "must be true or false");
                case "status":
                    return DialStackErrors.Validation(field, "must be active or inactive");
                case "caller_id_visibility":
                    return DialStackErrors.Validation(field, "must be PUBLIC or PRIVATE");
                case "directory_listing_type":
                    return DialStackErrors.Validation(field, "must be listed, non_listed, non_published or non_registered");
                case "caller_id_name" or "caller_id_prefix" or "directory_listing_name" or "directory_listing_location" or "directory_listing_location_id":
                    return DialStackErrors.Validation(field, "must be a string or null");
                case "config":
                    return DialStackErrors.Validation(field, "must be an object or null");
                default:
                    return DialStackErrors.Validation(field, "is not a field of phone numbers that can be updated; remove it");
            }
        }

        lock (did)
        {
            changes.ForEach(apply => apply());
            did.UpdatedAt = simulation.Clock.GetUtcNow();
        }

        return WireJson.Result(did.ToWire(), DialStackDialect.JsonOptions);
    }

    private static IResult CreateAccountSession(HttpContext context, AccountSessionRequest request, DialStackSessions sessions)
    {
        var header = context.Request.Headers["DialStack-Account"].ToString();
        if (header.Length > 0 && !DialStackDialect.IsAccountId(header))
        {
            return DialStackErrors.NoAccount(header);
        }

        if (request.Account is { } named && !DialStackDialect.IsAccountId(named))
        {
            return DialStackErrors.Validation("account", $"'{named}' is not an account id: use the id of the connected account, e.g. acct_01h2xcejqtf2nbrexx3vqjhp41");
        }

        if (request.Account is not null && header.Length > 0 && request.Account != header)
        {
            return DialStackErrors.Validation("account", $"names {request.Account} but the DialStack-Account header names {header}: send the account once");
        }

        var account = request.Account ?? (header.Length > 0 ? header : null);
        if (account is null)
        {
            return DialStackErrors.Validation("account", "is required: the id of the connected account the session is for, e.g. acct_01h2xcejqtf2nbrexx3vqjhp41");
        }

        if (request.Components is not { Count: > 0 } components || !components.Values.Any(c => c?.Enabled == true))
        {
            return DialStackErrors.Validation("components", "must enable at least one component, e.g. {\"phone_number_ordering\": {\"enabled\": true}}");
        }

        // Authentication let only a well-formed secret key through (PlatformKeyOnly).
        var session = sessions.Issue(DialStackDialect.SecretKey(context)!, account);
        return WireJson.Result(new AccountSessionWire(session.Account, session.ClientSecret, Formats.Seconds(session.ExpiresAt)), DialStackDialect.JsonOptions, statusCode: 201);
    }

    private static IResult RouteNumber(HttpContext context, string id, Dictionary<string, JsonElement> fields, Simulation simulation, DialStackStore store)
    {
        var did = store.Find(context.Caller().Account.Owner, id);
        if (did is null || did.Status == "released")
        {
            return DialStackErrors.NotFound("phone number", id);
        }

        if (fields.Keys.FirstOrDefault(f => f != "routing_target") is { } unknown)
        {
            return DialStackErrors.Validation(unknown, "is not a field of a route update; send only routing_target");
        }

        if (!fields.TryGetValue("routing_target", out var value))
        {
            return DialStackErrors.Validation("routing_target", $"is required: the id of a {RoutingTargets.Describe()}, or null to clear the routing");
        }

        string? target = null;
        if (value.ValueKind == JsonValueKind.String)
        {
            target = value.GetString()!;
            if (!RoutingTargets.IsValid(target))
            {
                return DialStackErrors.Validation("routing_target", $"'{target}' is not a routing target id: use the id of a {RoutingTargets.Describe()} (prefix, underscore, then lower-case letters and digits), or null to clear the routing");
            }
        }
        else if (value.ValueKind != JsonValueKind.Null)
        {
            return DialStackErrors.Validation("routing_target", $"must be a string (the id of a {RoutingTargets.Describe()}) or null");
        }

        // Inactive rows (a pending order's) can be routed; the target is kept when the row activates.
        lock (did)
        {
            did.RoutingTarget = target;
            did.UpdatedAt = simulation.Clock.GetUtcNow();
        }

        return WireJson.Result(did.ToWire(), DialStackDialect.JsonOptions);
    }

    private sealed record PageRequest(int Limit, string? StartingAfter, string? EndingBefore, string? Status, string? OrderType);

    private static bool TryPageRequest(HttpContext context, out PageRequest page, out IResult? error)
    {
        var query = context.Request.Query;
        page = new PageRequest(10, null, null, NullIfEmpty(query["status"]), NullIfEmpty(query["order_type"]));
        error = null;
        if (NullIfEmpty(query["limit"]) is { } limitText)
        {
            if (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit is < 1 or > 100)
            {
                error = DialStackErrors.Validation("limit", "must be an integer from 1 to 100 (default 10)");
                return false;
            }

            page = page with { Limit = limit };
        }

        if (NullIfEmpty(query["page"]) is { } token)
        {
            if (!CursorCodec.TryDecode<Cursor>(token, out var cursor) || cursor is null || cursor.Limit is < 1 or > 100 || (cursor.StartingAfter is null == (cursor.EndingBefore is null)))
            {
                error = DialStackErrors.InvalidPagination();
                return false;
            }

            page = new PageRequest(query.ContainsKey("limit") ? page.Limit : cursor.Limit, cursor.StartingAfter, cursor.EndingBefore, cursor.Status, cursor.OrderType);
        }

        return true;
    }

    private static IResult Paginate<T, TWire>(string url, List<T> items, Func<T, string> idOf, Func<T, TWire> toWire, PageRequest page)
    {
        var start = 0;
        if (page.StartingAfter is { } after)
        {
            var index = items.FindIndex(i => idOf(i) == after);
            if (index < 0)
            {
                return DialStackErrors.InvalidPagination();
            }

            start = index + 1;
        }
        else if (page.EndingBefore is { } before)
        {
            var index = items.FindIndex(i => idOf(i) == before);
            if (index < 0)
            {
                return DialStackErrors.InvalidPagination();
            }

            start = Math.Max(0, index - page.Limit);
        }

        var slice = items.Skip(start).Take(page.Limit).ToList();
        string Link(Cursor cursor) => $"{url}?page={CursorCodec.Encode(cursor)}";
        var next = start + slice.Count < items.Count && slice.Count > 0
            ? Link(new Cursor(idOf(slice[^1]), null, page.Limit, page.Status, page.OrderType))
            : null;
        var previous = start > 0 && slice.Count > 0
            ? Link(new Cursor(null, idOf(slice[0]), page.Limit, page.Status, page.OrderType))
            : null;
        return WireJson.Result(new ListWire<TWire>("list", url, next, previous, [.. slice.Select(toWire)]), DialStackDialect.JsonOptions);
    }

    private static string? NullIfEmpty(Microsoft.Extensions.Primitives.StringValues value) =>
        string.IsNullOrWhiteSpace(value.ToString()) ? null : value.ToString().Trim();
}
