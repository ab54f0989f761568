using System.Globalization;
using CarrierSim.Core;
using CarrierSim.Core.Chaos;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Core.Orders;
using CarrierSim.Server.Http;

namespace CarrierSim.Server.Dialects.AgentMessage;

/// <summary>AgentMessage's phone-number routes. Operation ids (<c>agentmessage.createOrder</c>…) key chaos targeting and the journal.</summary>
internal static class AgentMessageEndpoints
{
    public const string ReadScope = "numbers:read";
    public const string WriteScope = "numbers:write";
    public const string ReturnToCarrierScope = "platform:inventory:write";

    public const int MaxNumbersPerOrder = 100;

    private static readonly string[] SearchFields = ["area_code", "number_type", "pattern", "quantity"];
    private static readonly string[] OrderFields = ["numbers", "inbound_url", "status_url", "campaign_id", "label"];
    private static readonly string[] UpdateFields = ["inbound_url", "status_url", "label", "campaign_id"];

    public static void Map(RouteGroupBuilder group, AgentMessageDialect dialect)
    {
        var simulation = dialect.Simulation;
        var store = dialect.Store;

        // Search requires numbers:write, not numbers:read: the vendor's searchPhoneNumbers page says so (vendor-apis.md §2.1, "sic").
        // The {id} routes take the record's UUID, not a number, so no route value names numbers.
        group.MapPost("/v1/phone-numbers/search", (HttpContext context, Body<FieldsBody> body) => Search(context, body.Value, simulation))
            .Operation("agentmessage.searchNumbers", OperationKind.Search)
            .RequiresScope(WriteScope)
            .Reads<SearchNumbersRequest>()
            .Produces<DataEnvelope<IReadOnlyList<SearchResultWire>>>(StatusCodes.Status200OK);
        group.MapPost("/v1/phone-numbers/orders", (HttpContext context, Body<AssignBody> body) => CreateOrder(context, body.Value, simulation))
            .Operation("agentmessage.createOrder", OperationKind.Order)
            .RequiresScope(WriteScope)
            .Reads<OrderNumbersRequest>()
            .Produces<DataEnvelope<IReadOnlyList<PhoneNumberWire>>>(StatusCodes.Status200OK);
        group.MapGet("/v1/phone-numbers", (HttpContext context) => ListNumbers(context, store))
            .Operation("agentmessage.listNumbers", OperationKind.List)
            .Query("limit", "page size, 1 to 100 (default 20)", "integer")
            .Query("cursor", "meta.next_cursor from the previous page")
            .Query("number_type", "local, toll_free or short_code")
            .Query("campaign_id", "only numbers of this campaign")
            .Query("search", "digits or label text to match")
            .RequiresScope(ReadScope)
            .Produces<ListEnvelope<PhoneNumberWire>>(StatusCodes.Status200OK);
        group.MapGet("/v1/phone-numbers/{id}", (HttpContext context, string id) => GetNumber(context, id, store))
            .Operation("agentmessage.getNumber", OperationKind.Get)
            .RequiresScope(ReadScope)
            .Produces<DataEnvelope<PhoneNumberWire>>(StatusCodes.Status200OK);
        group.MapPatch("/v1/phone-numbers/{id}", (HttpContext context, string id, Body<FieldsBody> body) => UpdateNumber(context, id, body.Value, simulation, store))
            .Operation("agentmessage.updateNumber", OperationKind.Update)
            .RequiresScope(WriteScope)
            .Reads<UpdateNumberRequest>()
            .Produces<DataEnvelope<PhoneNumberWire>>(StatusCodes.Status200OK);
        group.MapDelete("/v1/phone-numbers/{id}", (HttpContext context, string id) => ReleaseNumber(context, id, simulation, store))
            .Operation("agentmessage.releaseNumber", OperationKind.Release)
            .RequiresScope(WriteScope)
            .Produces<DataEnvelope<ReleasedWire>>(StatusCodes.Status200OK);
    }

    private static IResult Search(HttpContext context, FieldsBody body, Simulation simulation)
    {
        var (fields, error) = AgentMessageRequests.Fields(context, body, SearchFields);
        if (fields is null)
        {
            return error!;
        }

        var areaText = fields.String("area_code", "\"415\"");
        var typeText = fields.String("number_type", "\"local\"");
        var patternText = fields.String("pattern", "\"555\"");
        var quantity = fields.Integer("quantity", 1, SearchCriteria.MaxQuantity, 10);
        var errors = fields.Errors;

        // Inferred: "local" when number_type is omitted, as the vendor's examples search local numbers.
        var type = NumberType.Local;
        switch (typeText)
        {
            case null or "local":
                break;
            case "toll_free":
                type = NumberType.TollFree;
                break;
            case "short_code":
                errors["number_type"] = "short codes are provisioned through the vendor, not searched; use local or toll_free";
                break;
            default:
                errors["number_type"] = "must be local or toll_free";
                break;
        }

        Npa? areaCode = null;
        if (areaText is not null)
        {
            var parsed = Npa.Parse(areaText);
            if (!parsed.Success)
            {
                errors["area_code"] = "must be a 3-digit area code, e.g. \"415\"";
            }
            else if (NanpRules.IsTollFreeNpa(parsed.Value.Value) != (type == NumberType.TollFree))
            {
                errors["area_code"] = type == NumberType.TollFree
                    ? $"{areaText} is not a toll-free code; toll-free codes are {string.Join(", ", NanpRules.TollFreeNpas)}"
                    : $"{areaText} is a toll-free code; send \"number_type\": \"toll_free\" to search toll-free numbers";
            }
            else if (type == NumberType.Local && simulation.Inventory.Catalog.FindAreaCode(parsed.Value) is not { Country: "US" })
            {
                errors["area_code"] = $"{areaText} is not a US area code in service; only US numbers are offered";
            }
            else
            {
                areaCode = parsed.Value;
            }
        }

        string? contains = null;
        string? startsWith = null;
        if (patternText is not null)
        {
            // The pattern is a substring of the E.164 number. Inventory patterns apply to the national number, so
            // a pattern with the leading +1 (or eleven digits from the 1) becomes a prefix of the national number;
            // a shorter pattern that would straddle the country code ("14155") is matched within the national number only.
            var digits = patternText.StartsWith('+') ? patternText[1..] : patternText;
            if (digits.Length is 0 or > 11 || !digits.All(char.IsAsciiDigit))
            {
                errors["pattern"] = "must be 1 to 11 digits of the number, optionally after +, e.g. \"555\"";
            }
            else if (patternText.StartsWith('+') || digits.Length == 11)
            {
                if (digits[0] != '1')
                {
                    errors["pattern"] = "matches no US number: US numbers start with +1";
                }
                else
                {
                    startsWith = digits.Length > 1 ? digits[1..] : null;
                }
            }
            else
            {
                contains = digits;
            }
        }

        if (errors.Count > 0)
        {
            return AgentMessageErrors.Validation(context, errors);
        }

        // With an area code, a pattern that fits in the seven local digits is looked for there: the area code
        // already fixes the first digits, so "area_code 415, pattern 554" means 554 after the 415 (a result such as
        // +14155546369, where the match straddles the area code, would be a valid substring but not what was asked).
        // The inventory matches patterns on the whole national number, so the search over-fetches and filters.
        var localPattern = areaCode is not null && contains is { Length: <= 7 } ? contains : null;
        // A drought (chaos) empties the search: with a quantity asked for, that is the vendor's shortfall below.
        IReadOnlyList<NumberDetails> found;
        try
        {
            found = context.Chaos().Drought ? [] : simulation.Inventory.Search(new SearchCriteria
            {
                Country = "US",
                Type = type,
                AreaCode = areaCode,
                StartsWith = startsWith,
                Contains = contains,
                Quantity = localPattern is null ? quantity!.Value : SearchCriteria.MaxQuantity,
            });
        }
        catch (InvalidSearchException e)
        {
            return AgentMessageErrors.Validation(context, "pattern", e.Message);
        }

        if (localPattern is not null)
        {
            found = [.. found.Where(n => n.Number.ToString().AsSpan(5).Contains(localPattern, StringComparison.Ordinal)).Take(quantity!.Value)];
        }

        // Inferred: the searchPhoneNumbers page lists INSUFFICIENT_INVENTORY, and the message form "requested N,
        // available M" implies a shortfall is an error rather than a short list; the search previews an atomic assign.
        if (found.Count < quantity!.Value)
        {
            return AgentMessageErrors.InsufficientInventory(context, quantity.Value, found.Count, []);
        }

        return WireJson.Result(new DataEnvelope<IReadOnlyList<SearchResultWire>>(true, [.. found.Select(n => n.ToSearchWire())]), AgentMessageDialect.JsonOptions);
    }

    private static IResult CreateOrder(HttpContext context, AssignBody body, Simulation simulation)
    {
        var (fields, error) = AgentMessageRequests.Fields(context, body, OrderFields);
        if (fields is null)
        {
            return error!;
        }

        var account = AgentMessageDialect.CallerOf(context).Account;
        var errors = fields.Errors;
        var numbers = ParseNumbers(fields, simulation, errors);
        var allowHttp = AgentMessageRequests.AllowHttpCallbacks(context);
        var inboundUrl = Url(fields, "inbound_url", allowHttp);
        var statusUrl = Url(fields, "status_url", allowHttp);
        var label = NullIfEmpty(fields.String("label", "\"support-line\""));
        if (label is not null && AgentMessageRequests.LabelProblem(label) is { } labelProblem)
        {
            errors["label"] = labelProblem;
        }

        var campaignId = fields.String("campaign_id", "\"b5d3c4e2-7f7e-44a1-8c12-2bcd9e3f0a01\"");
        var campaign = campaignId is null ? default : AgentMessageRequests.CheckCampaign(account, campaignId);
        if (campaign.Problem is { } campaignProblem)
        {
            errors["campaign_id"] = campaignProblem;
        }

        if (errors.Count > 0)
        {
            return AgentMessageErrors.Validation(context, errors);
        }

        if (campaign.NotFound)
        {
            return AgentMessageRequests.CampaignNotFound(context, campaignId!);
        }

        // The assign is synchronous and all or nothing: the order book checks the credit before any number is
        // taken, charges it with the numbers, settles in the same step and refunds numbers that fail; the records
        // are the store's projection of the settled order.
        var chaos = context.Chaos();
        var details = new AssignDetails(inboundUrl, statusUrl, label, campaign.Campaign?.Id);
        var placed = simulation.Orders.Place(new OrderRequest
        {
            Owner = account.Owner,
            Origin = AgentMessageDialect.Id,
            IdPrefix = "am_order_",
            Numbers = numbers,
            PartialAllowed = false,
            Immediate = true,
            Chaos = chaos,
            Payer = account,
            PricePerNumber = AgentMessageDialect.PricePerNumber,
            Details = details,
        });

        switch (placed.Failure)
        {
            case PlaceFailure.InsufficientCredit:
                return AgentMessageErrors.InsufficientCredit(context, placed.Cost, numbers.Count, account.Credit);
            case PlaceFailure.Unavailable:
                var rejected = placed.Rejected.Select(r => r.Number).ToHashSet();
                return Shortfall(context, numbers, rejected);
        }

        var order = placed.Order!;
        if (order.Status != OrderStatus.Complete)
        {
            return Shortfall(context, numbers, FailedAtFulfilment(order, chaos));
        }

        // 200, not 201: the orderPhoneNumbers page documents 200 with the assigned numbers (vendor-apis.md §2.1).
        return WireJson.Result(new DataEnvelope<IReadOnlyList<PhoneNumberWire>>(true, [.. details.Records.Select(r => r.ToWire())]), AgentMessageDialect.JsonOptions);
    }

    /// <summary>409 INSUFFICIENT_INVENTORY naming the numbers that could not be assigned, in the order they were asked for.</summary>
    private static IResult Shortfall(HttpContext context, List<PhoneNumber> numbers, IReadOnlySet<PhoneNumber> unavailable)
    {
        var named = numbers.Where(unavailable.Contains).Select(n => n.ToString()).ToList();
        return AgentMessageErrors.InsufficientInventory(context, numbers.Count, numbers.Count - named.Count, named);
    }

    /// <summary>
    /// The numbers to name when a synchronous assign failed at fulfilment (chaos: a failure, a partial fill, magic
    /// numbers). With no pending phase, those numbers are simply unavailable: the whole assign gets 409
    /// INSUFFICIENT_INVENTORY naming them. A magic "fails at fulfilment" number (555-0150…0159) is named alone, so that
    /// dropping the unavailable numbers and retrying (the vendor's advice) works; a failure rule names every number.
    /// </summary>
    private static HashSet<PhoneNumber> FailedAtFulfilment(Order order, ChaosDecision chaos)
    {
        if (chaos.FulfilmentFailure is not null)
        {
            var magic = order.Requested.Where(n => MagicNumbers.Of(n.Digits) == MagicBehaviour.FailsAtFulfilment).ToHashSet();
            return magic.Count > 0 ? magic : [.. order.Requested];
        }

        var failing = order.Plan.FailAtFulfilment.ToHashSet();
        return failing.Count > 0 ? failing : [.. order.Failed];
    }

    private static List<PhoneNumber> ParseNumbers(RequestFields fields, Simulation simulation, Dictionary<string, string> errors)
    {
        const string Example = "[\"+14155550123\"]";
        var texts = fields.Strings("numbers", Example);
        if (errors.ContainsKey("numbers"))
        {
            return [];
        }

        if (texts is not { Count: > 0 })
        {
            errors["numbers"] = $"is required: a list of 1 to {MaxNumbersPerOrder} E.164 numbers, e.g. {Example}";
            return [];
        }

        // Inferred: the docs give no maximum; 100 is the vendor's limit on bulk release and on search quantity.
        if (texts.Count > MaxNumbersPerOrder)
        {
            errors["numbers"] = $"must list at most {MaxNumbersPerOrder} numbers per order; got {texts.Count}";
            return [];
        }

        var numbers = new List<PhoneNumber>(texts.Count);
        foreach (var text in texts)
        {
            var parsed = PhoneNumber.Parse(text);
            string? problem = null;
            if (!parsed.Success)
            {
                problem = $"must be E.164: {parsed.Error}";
            }
            else if (!parsed.Value.IsNanp)
            {
                problem = $"must be US numbers (+1…): {text} is not";
            }
            else if (numbers.Contains(parsed.Value))
            {
                problem = $"lists {parsed.Value} twice; list each number once";
            }
            else if (simulation.Inventory.Describe(parsed.Value) is { Country: not "US" and var country })
            {
                problem = $"must be US numbers: {parsed.Value} is a {country} number";
            }

            if (problem is not null)
            {
                errors["numbers"] = problem;
                return [];
            }

            numbers.Add(parsed.Value);
        }

        return numbers;
    }

    private static string? Url(RequestFields fields, string name, bool allowHttp)
    {
        var url = NullIfEmpty(fields.String(name, "\"https://customer.example/inbound\""));
        if (url is not null && AgentMessageRequests.UrlProblem(url, allowHttp) is { } problem)
        {
            fields.Errors[name] = problem;
        }

        return url;
    }

    private static IResult ListNumbers(HttpContext context, AgentMessageStore store)
    {
        var query = context.Request.Query;
        var account = AgentMessageDialect.CallerOf(context).Account;
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);

        var limit = query.Int("limit", 1, 100, 20, errors) ?? 20;
        var type = query.Param("number_type");
        if (type is not (null or "local" or "toll_free" or "short_code"))
        {
            errors["number_type"] = "must be local, toll_free or short_code";
        }

        var campaignId = query.Param("campaign_id");
        if (campaignId is not null && account.FindCampaign(campaignId) is null && !Guid.TryParseExact(campaignId, "D", out _))
        {
            errors["campaign_id"] = "must be a campaign id (UUID), e.g. b5d3c4e2-7f7e-44a1-8c12-2bcd9e3f0a01";
        }

        var search = query.Param("search");
        (DateTimeOffset CreatedAt, string Id)? after = null;
        if (query.Param("cursor") is { } token)
        {
            if (TryDecodeCursor(token, out var position))
            {
                after = position;
            }
            else
            {
                errors["cursor"] = "is not a cursor this API returned: pass meta.next_cursor exactly as returned, or omit it for the first page";
            }
        }

        if (errors.Count > 0)
        {
            return AgentMessageErrors.Validation(context, errors);
        }

        bool Matches(AgentMessageNumber r)
        {
            lock (r)
            {
                return (type is null || r.Type.ToWireName() == type)
                    && (campaignId is null || string.Equals(r.CampaignId, campaignId, StringComparison.OrdinalIgnoreCase))
                    && (search is null
                        || r.Number.ToString().Contains(search, StringComparison.Ordinal)
                        || (r.Label?.Contains(search, StringComparison.OrdinalIgnoreCase) ?? false));
            }
        }

        var all = store.List(account.Owner);
        var start = after is not { } last
            ? 0
            : all.TakeWhile(r => r.CreatedAt > last.CreatedAt || (r.CreatedAt == last.CreatedAt && string.CompareOrdinal(r.Id.ToString("D"), last.Id) >= 0)).Count();

        // The vendor pages first and filters after ("with a filter, a page can hold fewer than limit items;
        // iterate until the cursor is null"): emulated on purpose so clients that stop at a short page are caught.
        var window = all.Skip(start).Take(limit).ToList();
        var data = window.Where(Matches).Select(r => r.ToWire()).ToList();
        var next = window.Count > 0 && start + window.Count < all.Count ? EncodeCursor(window[^1]) : null;
        var meta = new MetaWire(all.Count(Matches), limit, all.Take(start).Count(Matches), next);
        return WireJson.Result(new ListEnvelope<PhoneNumberWire>(true, data, meta), AgentMessageDialect.JsonOptions);
    }

    private static IResult GetNumber(HttpContext context, string id, AgentMessageStore store)
    {
        var record = FindNumber(context, id, store, out var error);
        return record is null
            ? error!
            : WireJson.Result(new DataEnvelope<PhoneNumberWire>(true, record.ToWire()), AgentMessageDialect.JsonOptions);
    }

    private static IResult UpdateNumber(HttpContext context, string id, FieldsBody body, Simulation simulation, AgentMessageStore store)
    {
        var record = FindNumber(context, id, store, out var notFound);
        if (record is null)
        {
            return notFound!;
        }

        var (fields, error) = AgentMessageRequests.Fields(context, body, UpdateFields);
        if (fields is null)
        {
            return error!;
        }

        // Omitted or null leaves a field unchanged; "" clears a URL or the label (updatePhoneNumber).
        var allowHttp = AgentMessageRequests.AllowHttpCallbacks(context);
        var inboundUrl = fields.String("inbound_url", "\"https://customer.example/inbound\"");
        var statusUrl = fields.String("status_url", "\"https://customer.example/status\"");
        var label = fields.String("label", "\"support-line\"");
        var campaignId = fields.String("campaign_id", "\"b5d3c4e2-7f7e-44a1-8c12-2bcd9e3f0a01\"");
        var errors = fields.Errors;
        foreach (var (name, url) in new[] { ("inbound_url", inboundUrl), ("status_url", statusUrl) })
        {
            if (url is { Length: > 0 } && AgentMessageRequests.UrlProblem(url, allowHttp) is { } problem)
            {
                errors[name] = problem;
            }
        }

        if (label is { Length: > 0 } && AgentMessageRequests.LabelProblem(label) is { } labelProblem)
        {
            errors["label"] = labelProblem;
        }

        // campaign_id "" is a VALIDATION_FAILED on this route (updatePhoneNumber), unlike the URLs and the label.
        var account = AgentMessageDialect.CallerOf(context).Account;
        var campaign = campaignId is null ? default : AgentMessageRequests.CheckCampaign(account, campaignId);
        if (campaign.Problem is { } campaignProblem)
        {
            errors["campaign_id"] = campaignProblem;
        }

        if (errors.Count > 0)
        {
            return AgentMessageErrors.Validation(context, errors);
        }

        if (campaign.NotFound)
        {
            return AgentMessageRequests.CampaignNotFound(context, campaignId!);
        }

        lock (record)
        {
            record.InboundUrl = inboundUrl is null ? record.InboundUrl : NullIfEmpty(inboundUrl);
            record.StatusUrl = statusUrl is null ? record.StatusUrl : NullIfEmpty(statusUrl);
            record.Label = label is null ? record.Label : NullIfEmpty(label);
            record.CampaignId = campaign.Campaign?.Id ?? record.CampaignId;
            if (inboundUrl is not null || statusUrl is not null || label is not null || campaignId is not null)
            {
                record.UpdatedAt = simulation.Clock.GetUtcNow();
            }
        }

        return WireJson.Result(new DataEnvelope<PhoneNumberWire>(true, record.ToWire()), AgentMessageDialect.JsonOptions);
    }

    private static IResult ReleaseNumber(HttpContext context, string id, Simulation simulation, AgentMessageStore store)
    {
        var returnToCarrier = false;
        if (context.Request.Query.Param("return_to_carrier") is { } flag && !bool.TryParse(flag, out returnToCarrier))
        {
            return AgentMessageErrors.Validation(context, "return_to_carrier", "must be true or false (default false)");
        }

        var caller = AgentMessageDialect.CallerOf(context);
        if (returnToCarrier && !caller.Has(ReturnToCarrierScope))
        {
            return AgentMessageErrors.Forbidden(context, "return_to_carrier is admin-only: forbidden",
                $"returning a number to the carrier requires the {ReturnToCarrierScope} scope; omit return_to_carrier to recycle the number instead");
        }

        var record = FindNumber(context, id, store, out var notFound);
        if (record is null)
        {
            return notFound!;
        }

        // The default release recycles the number: routing cleared (the record is gone), quarantine, then available
        // again (the vendor's quarantine is 30 days; CarrierSim's is CarrierSim:Quarantine). Returned to the carrier,
        // it is available at once. The release is a synchronous disconnect order; the store drops the record as it settles.
        var details = new ReleaseDetails(record);
        simulation.Orders.Place(new OrderRequest
        {
            Owner = caller.Account.Owner,
            Origin = AgentMessageDialect.Id,
            IdPrefix = "am_order_",
            Numbers = [record.Number],
            Type = OrderType.Disconnect,
            Immediate = true,
            Quarantine = !returnToCarrier,
            Details = details,
        });

        // Another request released it first: its record is already gone.
        return details.Removed
            ? WireJson.Result(new DataEnvelope<ReleasedWire>(true, new ReleasedWire("released")), AgentMessageDialect.JsonOptions)
            : NumberNotFound(context, id);
    }

    private static AgentMessageNumber? FindNumber(HttpContext context, string id, AgentMessageStore store, out IResult? error)
    {
        // The doc stresses that the id is the resource UUID, not the E.164 number; a malformed id is a
        // VALIDATION_FAILED as on bulk release (inferred for single-number routes).
        if (!Guid.TryParseExact(id, "D", out var guid))
        {
            error = AgentMessageErrors.Validation(context, "id",
                $"must be the phone number's id (a UUID such as 7c1f0a2d-9e8b-4c3a-9d2e-1f0a2b3c4d5e), not its E.164 number; got '{id}'");
            return null;
        }

        var record = store.Find(AgentMessageDialect.CallerOf(context).Account.Owner, guid);
        error = record is null ? NumberNotFound(context, id) : null;
        return record;
    }

    private static IResult NumberNotFound(HttpContext context, string id) =>
        AgentMessageErrors.NotFound(context, $"no phone number with id {id} in your organization (released numbers are gone; list yours with GET /v1/phone-numbers)");

    private static string EncodeCursor(AgentMessageNumber record) =>
        CursorCodec.Encode(new ListCursor(
            record.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
            record.Id.ToString("D")));

    private static bool TryDecodeCursor(string token, out (DateTimeOffset CreatedAt, string Id) position)
    {
        position = default;
        if (!CursorCodec.TryDecode<ListCursor>(token, out var cursor))
        {
            return false;
        }

        if (cursor?.CreatedAt is not { } createdText || cursor.Id is not { } idText
            || !Guid.TryParseExact(idText, "D", out var id)
            || !DateTimeOffset.TryParse(createdText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var createdAt))
        {
            return false;
        }

        position = (createdAt, id.ToString("D"));
        return true;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
