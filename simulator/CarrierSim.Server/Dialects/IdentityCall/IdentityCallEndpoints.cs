using System.Globalization;
using System.Text.Json;
using CarrierSim.Core.Chaos;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Core.Orders;
using CarrierSim.Server.Http;

namespace CarrierSim.Server.Dialects.IdentityCall;

/// <summary>
/// IdentityCall's virtual-number routes. Operation ids (<c>identitycall.purchaseNumber</c>…)
/// key chaos targeting and the journal. Not emulated (the host's 404): PATCH
/// <c>/virtual_numbers/:id</c>, the operator endpoints, and any release, which the vendor
/// does not document.
/// </summary>
internal static class IdentityCallEndpoints
{
    private const string Base = "/api/v1/public/virtual_numbers";

    private const int SearchResults = 10;

    public static void Map(RouteGroupBuilder group, IdentityCallDialect dialect)
    {
        group.MapGet($"{Base}/available", (HttpContext context) => Search(context, dialect))
            .RequiresScope("read")
            .Operation("identitycall.searchAvailableNumbers", OperationKind.Search)
            .Query("country", "ISO 3166 alpha-2 country (default US)")
            .Query("number_type", "mobile (default), local, toll-free or national")
            .Produces<DataWire<IReadOnlyList<AvailableNumberWire>>>();
        group.MapPost($"{Base}/purchase", (HttpContext context, Body<PurchaseBody> body) => Purchase(context, body.Value, dialect))
            .RequiresScope("write")
            .Operation("identitycall.purchaseNumber", OperationKind.Order)
            .Reads<PurchaseWire>()
            .Produces<DataWire<VirtualNumberWire>>(StatusCodes.Status201Created);
        group.MapGet(Base, (HttpContext context) =>
                WireJson.Result(new DataWire<IReadOnlyList<VirtualNumberWire>>([.. dialect.Store.List(IdentityCallDialect.CallerOf(context)).Select(n => n.ToWire())]), IdentityCallDialect.JsonOptions))
            .RequiresScope("read")
            .Operation("identitycall.listNumbers", OperationKind.List)
            .Produces<DataWire<IReadOnlyList<VirtualNumberWire>>>();
        group.MapGet($"{Base}/{{id}}", (HttpContext context, string id) =>
            {
                // Rails' find: an id that is not a positive integer finds nothing, so it is a 404 too.
                var number = long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
                    ? dialect.Store.Find(IdentityCallDialect.CallerOf(context), value)
                    : null;
                return number is null
                    ? IdentityCallErrors.NumberNotFound(id)
                    : WireJson.Result(new DataWire<VirtualNumberDetailWire>(number.ToDetailWire()), IdentityCallDialect.JsonOptions);
            })
            .RequiresScope("read")
            .Operation("identitycall.getNumber", OperationKind.Get)
            .Produces<DataWire<VirtualNumberDetailWire>>();
    }

    /// <summary>
    /// The search is provider-side: project-scoped keys may search, and the account's own
    /// settings (enabled countries, KYC) do not narrow it. Unknown query parameters are ignored,
    /// as Rails ignores unpermitted params.
    /// </summary>
    private static IResult Search(HttpContext context, IdentityCallDialect dialect)
    {
        var provider = dialect.Provider;
        var countryText = context.Request.Query.Param("country") ?? "US";
        if (!IsAlpha2(countryText))
        {
            return IdentityCallErrors.Unprocessable(
                $"country '{countryText}' is not an ISO 3166-1 alpha-2 code: use two letters such as US, CA or GB (case-insensitive).");
        }

        var country = countryText.ToUpperInvariant();
        if (!provider.Offers(country))
        {
            return IdentityCallErrors.Unprocessable(
                $"Numbers in {country} are not offered by the phone-number provider: use country {string.Join(", ", provider.Countries)}.");
        }

        var typeText = context.Request.Query.Param("number_type") ?? "mobile";
        if (ParseType(typeText) is not { } type)
        {
            return IdentityCallErrors.Unprocessable($"number_type '{typeText}' is not supported: use mobile, local, toll-free or national.");
        }

        var offered = provider.TypesOf(country);
        if (!offered.Contains(type))
        {
            return IdentityCallErrors.Unprocessable(
                $"The phone-number provider has no {type.ToWireName()} numbers in {country}: use number_type {string.Join(", ", offered.Select(t => t.ToWireName()))}.");
        }

        IReadOnlyList<NumberDetails> found;
        try
        {
            found = context.Chaos().Drought ? [] : dialect.Simulation.Inventory.Search(new SearchCriteria { Country = country, Type = type, Quantity = SearchResults });
        }
        catch (InvalidSearchException e)
        {
            return IdentityCallErrors.Unprocessable(e.Message);
        }

        return WireJson.Result(new DataWire<IReadOnlyList<AvailableNumberWire>>([.. found.Select(n => n.ToWire(type, provider))]), IdentityCallDialect.JsonOptions);
    }

    private static IResult Purchase(HttpContext context, PurchaseBody body, IdentityCallDialect dialect)
    {
        var (request, wrongField) = PurchaseRequest.From(body.Fields());
        if (request is null)
        {
            return IdentityCallErrors.Unprocessable(wrongField!);
        }

        if (Validate(request) is { } invalid)
        {
            return IdentityCallErrors.Unprocessable(invalid);
        }

        var number = PhoneNumber.Parse(request.PhoneNumber).Value;
        var details = dialect.Simulation.Inventory.Describe(number);
        if (details is null)
        {
            return IdentityCallErrors.Unprocessable(
                $"{number} is not available from the phone-number provider: search with GET {Base}/available and purchase one of the results.");
        }

        var country = request.CountryCode?.ToUpperInvariant() ?? details.Country;
        var type = request.NumberType is { } typeText ? ParseType(typeText)!.Value : details.Type;
        if (!IdentityCallProvider.Matches(details, country, type))
        {
            return IdentityCallErrors.Unprocessable(
                $"{number} is a {details.Country} {details.Type.ToWireName()} number, not {country} {type.ToWireName()}: send the country_code and number_type the search returned, or omit them.");
        }

        var caller = IdentityCallDialect.CallerOf(context);
        var account = caller.Account;

        // Inferred from the declared-account settings: the vendor documents neither message.
        // The purchase page's cut-off 422 "Requ…" is most likely the regulatory one.
        if (!account.IsCountryEnabled(country))
        {
            return IdentityCallErrors.Unprocessable(
                $"Numbers in {country} are not enabled for this account: enable {country} for the account (CarrierSim: the account's EnabledCountries), then retry.");
        }

        if (!account.IsKycComplete(country))
        {
            return IdentityCallErrors.Unprocessable(
                $"Requirement group not approved: numbers in {country} need an approved regulatory requirement group, and this account's requirements for {country} are still pending; retry once they are approved.");
        }

        var name = request.Name?.Trim() ?? number.ToString();
        var (record, placed) = dialect.Store.Purchase(caller, number, new PurchaseDetails(caller.Project, name, country, type), context.Chaos());
        if (record is not null)
        {
            return WireJson.Result(new DataWire<VirtualNumberWire>(record.ToWire()), IdentityCallDialect.JsonOptions, statusCode: 201);
        }

        // Inferred (ARCHITECTURE §4): the vendor answers a number it cannot buy with its 422 provider error.
        if (placed.Order is { } order)
        {
            // Accepted, then rejected by the carrier: the purchase is synchronous, so it fails here and the account owns nothing.
            return IdentityCallErrors.Unprocessable(
                $"{number} cannot be purchased: the carrier rejected it at fulfilment ({order.ErrorMessage ?? "no reason given"}). Nothing was charged and the account does not own it; search again with GET {Base}/available and purchase another number.");
        }

        var reason = placed.Rejected.Count > 0 ? placed.Rejected[0].Reason : RejectionReason.NotInInventory;
        return reason == RejectionReason.AlreadyOwned
            ? IdentityCallErrors.Unprocessable(
                $"{number} is already a virtual number of this account{(dialect.Store.FindOwned(account.Owner, number) is { } owned ? $" (id {owned.Id})" : "")}: it cannot be purchased twice.")
            : IdentityCallErrors.Unprocessable(
                $"{number} is no longer available: another customer has bought it or it was recently released; search again with GET {Base}/available and purchase a number from the fresh results.");
    }

    /// <summary>The first problem with the body's values, or null when they are all usable.</summary>
    private static string? Validate(PurchaseRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.PhoneNumber))
        {
            return $"phone_number is required: send the E.164 number to buy, e.g. {{\"phone_number\": \"+19194601234\"}}, taken from GET {Base}/available.";
        }

        var parsed = PhoneNumber.Parse(request.PhoneNumber);
        if (!parsed.Success)
        {
            return $"phone_number is invalid: {parsed.Error}";
        }

        if (request.CountryCode is { } country && !IsAlpha2(country))
        {
            return $"country_code '{country}' is not an ISO 3166-1 alpha-2 code: use two letters such as US or GB, or omit it.";
        }

        if (request.NumberType is { } type && ParseType(type) is null)
        {
            return $"number_type '{type}' is not supported: use mobile, local, toll-free or national, or omit it.";
        }

        if (request.Name is { } name && (name.Trim().Length == 0 || name.Length > 255))
        {
            return "name must be 1 to 255 characters, or omitted (the number's name then defaults to the number).";
        }

        if (request.RequirementGroupId is { } group && !IsId(group))
        {
            return "requirement_group_id must be the id of an approved requirement group (an integer), or omitted.";
        }

        foreach (var (field, cost) in new[] { ("upfront_cost", request.UpfrontCost), ("monthly_cost", request.MonthlyCost) })
        {
            if (cost is { } value && !IsDecimal(value))
            {
                return $"{field} must be a decimal amount such as \"1.00\" (as the search returned it), or omitted; it is informational only.";
            }
        }

        return null;
    }

    private static bool IsId(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.TryGetInt64(out var id) && id > 0,
        JsonValueKind.String => long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0,
        _ => false,
    };

    private static bool IsDecimal(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Number => true,
        JsonValueKind.String => decimal.TryParse(value.GetString(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _),
        _ => false,
    };

    // Exactly the four documented values; case-insensitive like country.
    private static NumberType? ParseType(string text) => text.Trim().ToLowerInvariant() switch
    {
        "mobile" => NumberType.Mobile,
        "local" => NumberType.Local,
        "toll-free" => NumberType.TollFree,
        "national" => NumberType.National,
        _ => null,
    };

    private static bool IsAlpha2(string text) => text.Length == 2 && char.IsAsciiLetter(text[0]) && char.IsAsciiLetter(text[1]);
}
