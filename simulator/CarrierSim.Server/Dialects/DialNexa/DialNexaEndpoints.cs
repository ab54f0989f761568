using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CarrierSim.Core;
using CarrierSim.Core.Chaos;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Core.Orders;
using CarrierSim.Server.Dialects.Shared;
using CarrierSim.Server.Http;

namespace CarrierSim.Server.Dialects.DialNexa;

/// <summary>DialNexa's routes. Operation ids (<c>dialnexa.purchaseNumber</c>…) key chaos targeting and the journal.</summary>
internal static partial class DialNexaEndpoints
{
    private const string Numbers = "/v1/organization-phone-numbers";
    private const int MaxText = 255;

    // Plivo is DialNexa's default provider; Twilio appears in the docs' examples although the
    // dashboard does not offer it (vendor-apis.md §3.5), so both are accepted.
    private static readonly string[] Providers = ["plivo", "twilio"];

    public static void Map(RouteGroupBuilder group, DialNexaDialect dialect)
    {
        var simulation = dialect.Simulation;
        var store = dialect.Store;
        group.MapGet($"{Numbers}/plivo-numbers", (HttpContext context) => Search(context, simulation))
            .Operation("dialnexa.searchNumbers", OperationKind.Search)
            .Query("country_iso", "ISO 3166 alpha-2 country, e.g. US or GB", required: true)
            .Query("type", "local, mobile, tollfree or national")
            .Query("pattern", "digits the number must contain")
            .Query("limit", "how many numbers, 1 to 20", "integer")
            .RequiresScope(DialNexaDialect.ReadPermission)
            .Produces<AvailableNumbersWire>();
        group.MapPost($"{Numbers}/purchase", (HttpContext context, Body<PurchaseNumberRequest> body) => Purchase(context, body.Value, simulation, store))
            .Operation("dialnexa.purchaseNumber", OperationKind.Order)
            .RequiresScope(DialNexaDialect.WritePermission)
            .Reads<PurchaseNumberWire>()
            .Produces<PhoneNumberWire>(StatusCodes.Status201Created);
        group.MapGet(Numbers, (HttpContext context) => List(context, store))
            .Operation("dialnexa.listNumbers", OperationKind.List)
            .Query("page", "page number, from 1", "integer")
            .Query("limit", "page size, 1 to 100 (default 20)", "integer")
            .Query("country_code", "ISO 3166 alpha-2 country filter, e.g. US")
            .Query("type", "number type filter")
            .RequiresScope(DialNexaDialect.ReadPermission)
            .Produces<PageWire<PhoneNumberWire>>();
        group.MapGet($"{Numbers}/{{id}}", (HttpContext context, string id) =>
                WithNumber(context, store, id, number => WireJson.Result(number.ToWire(), DialNexaDialect.JsonOptions)))
            .Operation("dialnexa.getNumber", OperationKind.Get)
            .RequiresScope(DialNexaDialect.ReadPermission)
            .Produces<PhoneNumberWire>();
        group.MapPatch($"{Numbers}/{{id}}", (HttpContext context, string id, Body<UpdateNumberRequest> body) => Update(context, store, id, body.Value))
            .Operation("dialnexa.updateNumber", OperationKind.Update)
            .RequiresScope(DialNexaDialect.WritePermission)
            .Reads<UpdateNumberWire>()
            .Produces<PhoneNumberWire>();
        group.MapDelete($"{Numbers}/{{id}}", (HttpContext context, string id) =>
                WithNumber(context, store, id, number => Release(context, simulation, number)))
            .Operation("dialnexa.releaseNumber", OperationKind.Release)
            .RequiresScope(DialNexaDialect.WritePermission)
            .Produces<ReleasedWire>();
    }

    private static IResult Search(HttpContext context, Simulation simulation)
    {
        var query = context.Request.Query;
        var errors = new List<string>();

        var country = query.Param("country_iso");
        if (country is null)
        {
            errors.Add("country_iso is required: pass an ISO 3166 alpha-2 country code such as US, CA, GB or IN.");
        }
        else if (country.Length != 2 || !country.All(char.IsAsciiLetter))
        {
            errors.Add($"country_iso must be an ISO 3166 alpha-2 country code such as US or GB; got '{country}'.");
        }

        NumberType? type = null;
        if (query.Param("type") is { } typeText && !PlivoNumbers.TryParseSearchType(typeText, out type))
        {
            errors.Add($"type must be one of the following values: local, mobile, tollfree, national, fixed, any; got '{typeText}'.");
        }

        var pattern = query.Param("pattern");
        if (pattern is not null && (pattern.Length > 15 || !pattern.All(char.IsAsciiDigit)))
        {
            errors.Add($"pattern must be 1 to 15 digits that the national number starts with (no + or country code), e.g. 415; got '{pattern}'.");
        }

        // Plivo's page size: 1 to 20, default 20.
        var limit = 20;
        if (query.Param("limit") is { } limitText && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 20))
        {
            errors.Add($"limit must be an integer from 1 to 20 (default 20); got '{limitText}'.");
        }

        if (errors.Count > 0)
        {
            return DialNexaErrors.Validation(errors);
        }

        IReadOnlyList<NumberDetails> found;
        try
        {
            found = context.Chaos().Drought ? [] : simulation.Inventory.Search(new SearchCriteria
            {
                Country = country!.ToUpperInvariant(),
                Type = type,
                StartsWith = pattern,
                Quantity = limit,
            });
        }
        catch (InvalidSearchException e)
        {
            return DialNexaErrors.Validation(e.Errors);
        }

        var objects = found.Select(n => n.ToWire(type)).ToList();
        var apiId = simulation.Ids.NextGuid("dialnexa.api_id").ToString();
        return WireJson.Result(new AvailableNumbersWire(apiId, objects, new AvailableMetaWire(objects.Count)), DialNexaDialect.JsonOptions);
    }

    private static IResult Purchase(HttpContext context, PurchaseNumberRequest request, Simulation simulation, DialNexaStore store)
    {
        var errors = new List<string>();
        var provider = Providers[0];
        PhoneNumber? number = null;
        switch (request.PhoneNumber.ValueKind)
        {
            case JsonValueKind.Undefined:
                break;
            case JsonValueKind.String:
                var parsed = PhoneNumber.Parse(request.PhoneNumber.GetString());
                if (parsed.Success)
                {
                    number = parsed.Value;
                }
                else
                {
                    errors.Add($"phone_number must be a valid E.164 phone number: {parsed.Error}");
                }

                break;
            default:
                errors.Add("phone_number must be a valid E.164 phone number: send it as a string, e.g. \"+14155552671\".");
                break;
        }

        var providerValue = request.Provider;
        if (providerValue.ValueKind == JsonValueKind.String && Providers.Contains(providerValue.GetString()!.ToLowerInvariant()))
        {
            provider = providerValue.GetString()!.ToLowerInvariant();
        }
        else if (providerValue.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null))
        {
            errors.Add("provider must be one of the following values: plivo, twilio (omit it for plivo, the default).");
        }

        foreach (var field in request.Unknown?.Keys ?? Enumerable.Empty<string>())
        {
            errors.Add($"property {field} should not exist: a purchase takes phone_number and, optionally, provider.");
        }

        if (request.PhoneNumber.ValueKind == JsonValueKind.Undefined)
        {
            errors.Add("phone_number should not be empty: pass the E.164 number returned by Search Available Numbers, e.g. +14155552671.");
        }

        if (errors.Count > 0 || number is not { } wanted)
        {
            return DialNexaErrors.Validation(errors);
        }

        // The pre-flight order of the vendor's checklist: country enabled, then KYC, then the number itself.
        var account = DialNexaDialect.AccountOf(context);
        var details = simulation.Inventory.Describe(wanted);
        if ((details?.Country ?? simulation.Inventory.Catalog.CountryOfCallingCode(wanted.CountryCallingCode)) is { } country)
        {
            if (!account.IsCountryEnabled(country))
            {
                return DialNexaErrors.CountryNotEnabled(country);
            }

            if (!account.IsKycComplete(country))
            {
                return DialNexaErrors.KycRequired(country);
            }
        }

        if (details is null)
        {
            return DialNexaErrors.NoLongerAvailable(wanted.ToString());
        }

        var placed = simulation.Orders.Place(new OrderRequest
        {
            Owner = account.Owner,
            Origin = DialNexaDialect.Id,
            IdPrefix = "phn_",
            Numbers = [wanted],
            Chaos = context.Chaos(),
            Details = new PurchaseDetails(details.Country, details.Type, provider),
        });
        if (placed.Order is not { } order)
        {
            // 409 is for a number someone else holds now (another buyer outside the simulator or another
            // workspace); a number that is not on offer at all (recently released, not in the catalog) is
            // 400 "no longer available".
            var reason = placed.Rejected.Count > 0 ? placed.Rejected[0].Reason : RejectionReason.NotInInventory;
            return reason switch
            {
                RejectionReason.AlreadyOwned => DialNexaErrors.AlreadyRegistered(wanted.ToString()),
                RejectionReason.Taken or RejectionReason.OwnedByAnotherAccount => DialNexaErrors.Claimed(wanted.ToString()),
                _ => DialNexaErrors.NoLongerAvailable(wanted.ToString()),
            };
        }

        // The record was created with the order (pending). With a zero pending time the order may
        // already be due: Find settles it; a failed order has dropped the record, and the answer
        // still shows the purchase as it was accepted.
        var accepted = store.Peek(order.Id);
        var current = store.Find(account.Owner, order.Id) ?? accepted;
        return current is null
            ? DialNexaErrors.NoLongerAvailable(wanted.ToString())
            : WireJson.Result(current.ToWire(), DialNexaDialect.JsonOptions, statusCode: 201);
    }

    private static IResult List(HttpContext context, DialNexaStore store)
    {
        var query = context.Request.Query;
        var errors = new List<string>();
        var page = 1;
        if (query.Param("page") is { } pageText && (!int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1))
        {
            errors.Add($"page must be an integer of at least 1 (pages start at 1); got '{pageText}'.");
        }

        var limit = 20;
        if (query.Param("limit") is { } limitText && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 100))
        {
            errors.Add($"limit must be an integer from 1 to 100 (default 20); got '{limitText}'.");
        }

        var country = query.Param("country_code");
        if (country is not null && (country.Length != 2 || !country.All(char.IsAsciiLetter)))
        {
            errors.Add($"country_code must be an ISO 3166 alpha-2 country code such as US or IN; got '{country}'.");
        }

        NumberType? type = null;
        if (query.Param("type") is { } typeText)
        {
            if (DialNexaMapping.TryParseListType(typeText, out var parsed))
            {
                type = parsed;
            }
            else
            {
                errors.Add($"type must be one of the following values: local, toll_free, mobile, national; got '{typeText}'.");
            }
        }

        if (errors.Count > 0)
        {
            return DialNexaErrors.Validation(errors);
        }

        var numbers = store.List(DialNexaDialect.AccountOf(context).Owner)
            .Where(n => country is null || string.Equals(n.Country, country, StringComparison.OrdinalIgnoreCase))
            .Where(n => type is null || n.Type == type)
            .ToList();
        var total = numbers.Count;
        var slice = numbers.Skip((int)Math.Min(int.MaxValue, (long)(page - 1) * limit)).Take(limit).Select(n => n.ToWire()).ToList();
        var totalPages = (total + limit - 1) / limit;
        return WireJson.Result(new PageWire<PhoneNumberWire>(slice, new PageMetaWire(page, limit, total, totalPages)), DialNexaDialect.JsonOptions);
    }

    private static IResult Update(HttpContext context, DialNexaStore store, string id, UpdateNumberRequest request)
    {
        if (!IsNumberId(id))
        {
            return DialNexaErrors.InvalidId(id);
        }

        if (store.Find(DialNexaDialect.AccountOf(context).Owner, id) is not { } number)
        {
            return DialNexaErrors.NotFound(id);
        }

        // Only the fields sent change (vendor-apis.md §3.1); validate all of them first so that a
        // rejected update changes nothing.
        var errors = new List<string>();
        var changes = new List<Action>();
        foreach (var (field, value) in request.Fields())
        {
            var kind = value.ValueKind;
            var text = kind == JsonValueKind.String ? value.GetString() : null;
            switch (field)
            {
                case "agent_id" when kind == JsonValueKind.Null:
                    changes.Add(() => number.AgentId = null);
                    break;
                case "agent_id" when text is { Length: > 0 and <= MaxText }:
                    changes.Add(() => number.AgentId = text);
                    break;
                case "agent_id" when text is { Length: 0 }:
                    errors.Add("agent_id should not be empty: send an agent id such as agt_abc123, or null to detach the agent.");
                    break;
                case "nickname" or "label" when kind == JsonValueKind.Null || text is { Length: <= MaxText }:
                    // null or "" clears (documented for nickname; label follows it).
                    var cleared = string.IsNullOrEmpty(text) ? null : text;
                    changes.Add(field == "nickname" ? () => number.Nickname = cleared : () => number.Label = cleared);
                    break;
                case "agent_id" or "nickname" or "label" when text is not null:
                    errors.Add($"{field} must be shorter than or equal to {MaxText} characters; got {text.Length}.");
                    break;
                case "agent_id" or "nickname" or "label":
                    errors.Add($"{field} must be a string or null.");
                    break;
                default:
                    errors.Add($"property {field} should not exist: a phone number update takes agent_id, nickname and label.");
                    break;
            }
        }

        if (errors.Count > 0)
        {
            return DialNexaErrors.Validation(errors);
        }

        lock (number)
        {
            changes.ForEach(apply => apply());
        }

        return WireJson.Result(number.ToWire(), DialNexaDialect.JsonOptions);
    }

    /// <summary>
    /// A release is a disconnect order, settled at once: the order book gives the number back to
    /// the pool (quarantined, as any customer release) and the store drops the record in the same step.
    /// </summary>
    private static IResult Release(HttpContext context, Simulation simulation, OrganizationPhoneNumber number)
    {
        var placed = simulation.Orders.Place(new OrderRequest
        {
            Owner = number.Owner,
            Origin = DialNexaDialect.Id,
            IdPrefix = "rel_",
            Numbers = [number.Number],
            Type = OrderType.Disconnect,
            Immediate = true,
            Quarantine = true,
            Chaos = context.Chaos(),
        });
        return placed.Order is { } order && order.Completed.Contains(number.Number)
            ? WireJson.Result(new ReleasedWire("Phone number released successfully."), DialNexaDialect.JsonOptions)
            : DialNexaErrors.NotFound(number.Id);
    }

    private static IResult WithNumber(HttpContext context, DialNexaStore store, string id, Func<OrganizationPhoneNumber, IResult> then)
    {
        if (!IsNumberId(id))
        {
            return DialNexaErrors.InvalidId(id);
        }

        return store.Find(DialNexaDialect.AccountOf(context).Owner, id) is { } number ? then(number) : DialNexaErrors.NotFound(id);
    }

    private static bool IsNumberId(string id) => NumberId().IsMatch(id);

    [GeneratedRegex("^phn_[0-9a-z]{1,64}$")]
    private static partial Regex NumberId();
}
