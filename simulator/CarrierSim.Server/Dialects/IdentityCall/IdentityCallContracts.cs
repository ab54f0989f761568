using System.Text.Json;
using System.Text.Json.Serialization;
using CarrierSim.Server.Http;

namespace CarrierSim.Server.Dialects.IdentityCall;

// Wire records of IdentityCall's public API (docs.identitycall.ai/api-reference, seed 004,
// vendor-apis.md §4). Field names are the vendor's; every success body is wrapped in "data".

internal sealed record DataWire<T>(T Data);

/// <summary>A search result; the vendor says the shape is passed through from its phone-number provider.</summary>
internal sealed record AvailableNumberWire(
    string PhoneNumber,
    string CountryCode,
    string NumberType,
    string UpfrontCost,
    string MonthlyCost,
    IReadOnlyList<string> Features,
    IReadOnlyList<RegionWire> RegionInformation);

internal sealed record RegionWire(string RegionType, string RegionName);

/// <summary>
/// The purchase body as read from the wire: every field a JSON value (absent is
/// <see cref="JsonValueKind.Undefined"/>) and unknown fields kept, so that a wrong type or an
/// unknown field is the vendor's 422 (<see cref="PurchaseRequest.From"/>), not a parse error.
/// </summary>
internal sealed record PurchaseBody : INamesNumbers
{
    public JsonElement PhoneNumber { get; init; }

    public JsonElement CountryCode { get; init; }

    public JsonElement NumberType { get; init; }

    public JsonElement Name { get; init; }

    public JsonElement RequirementGroupId { get; init; }

    public JsonElement UpfrontCost { get; init; }

    public JsonElement MonthlyCost { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }

    IEnumerable<string?> INamesNumbers.Numbers => PhoneNumber.ValueKind == JsonValueKind.String ? [PhoneNumber.GetString()] : [];

    /// <summary>The fields sent: the documented ones in the documented order, then unknown ones in the order sent.</summary>
    public IEnumerable<KeyValuePair<string, JsonElement>> Fields()
    {
        JsonElement[] values = [PhoneNumber, CountryCode, NumberType, Name, RequirementGroupId, UpfrontCost, MonthlyCost];
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i].ValueKind != JsonValueKind.Undefined)
            {
                yield return new(PurchaseRequest.Fields[i], values[i]);
            }
        }

        foreach (var unknown in Unknown ?? [])
        {
            yield return unknown;
        }
    }
}

/// <summary>The purchase body as the vendor documents it (API documents).</summary>
internal sealed record PurchaseWire(
    string PhoneNumber,
    string? CountryCode,
    string? NumberType,
    string? Name,
    long? RequirementGroupId,
    string? UpfrontCost,
    string? MonthlyCost);

/// <summary>
/// The purchase body (…/virtual-numbers/purchase), read field by field so that a wrong type
/// or an unknown field is the vendor's 422, not a parse error. The costs are informational:
/// the client may echo what the search returned, as a string or a number.
/// </summary>
internal sealed record PurchaseRequest
{
    public static IReadOnlyList<string> Fields { get; } =
        ["phone_number", "country_code", "number_type", "name", "requirement_group_id", "upfront_cost", "monthly_cost"];

    public string? PhoneNumber { get; init; }

    public string? CountryCode { get; init; }

    public string? NumberType { get; init; }

    public string? Name { get; init; }

    public JsonElement? RequirementGroupId { get; init; }

    public JsonElement? UpfrontCost { get; init; }

    public JsonElement? MonthlyCost { get; init; }

    /// <summary>The request, or the first problem with the body's fields (unknown or of the wrong type).</summary>
    public static (PurchaseRequest? Request, string? Error) From(IEnumerable<KeyValuePair<string, JsonElement>> body)
    {
        var request = new PurchaseRequest();
        foreach (var (field, value) in body)
        {
            var kind = value.ValueKind;
            string? Text() => kind == JsonValueKind.String ? value.GetString() : null;
            JsonElement? Element() => kind == JsonValueKind.Null ? null : value;
            var isText = kind is JsonValueKind.String or JsonValueKind.Null;
            var isScalar = kind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.Null;
            switch (field)
            {
                case "phone_number" when isText:
                    request = request with { PhoneNumber = Text() };
                    break;
                case "country_code" when isText:
                    request = request with { CountryCode = Text() };
                    break;
                case "number_type" when isText:
                    request = request with { NumberType = Text() };
                    break;
                case "name" when isText:
                    request = request with { Name = Text() };
                    break;
                case "requirement_group_id" when isScalar:
                    request = request with { RequirementGroupId = Element() };
                    break;
                case "upfront_cost" when isScalar:
                    request = request with { UpfrontCost = Element() };
                    break;
                case "monthly_cost" when isScalar:
                    request = request with { MonthlyCost = Element() };
                    break;
                case "phone_number":
                    return (null, "phone_number must be a string: the E.164 number in quotes, e.g. \"+19194601234\".");
                case "country_code" or "number_type" or "name":
                    return (null, $"{field} must be a string, or omitted.");
                case "requirement_group_id":
                    return (null, "requirement_group_id must be the id of an approved requirement group (an integer), or omitted.");
                case "upfront_cost" or "monthly_cost":
                    return (null, $"{field} must be a decimal amount such as \"1.00\" (as the search returned it), or omitted; it is informational only.");
                default:
                    return (null, $"Unknown field '{field}': remove it; a purchase accepts {string.Join(", ", Fields)}.");
            }
        }

        return (request, null);
    }
}

/// <summary>A number as the list and the purchase answer show it; <c>operators</c> holds at most the first 3.</summary>
internal sealed record VirtualNumberWire(
    long Id,
    string PhoneNumber,
    string Name,
    string CountryCode,
    bool Active,
    bool AiReceptionistEnabled,
    IReadOnlyList<OperatorWire> Operators,
    int OperatorsCount);

internal sealed record OperatorWire(long Id, string Name, string Initials);

/// <summary>A number as <c>GET /virtual_numbers/:id</c> shows it.</summary>
internal sealed record VirtualNumberDetailWire(
    long Id,
    string PhoneNumber,
    string Name,
    string CountryCode,
    bool Active,
    bool Recording,
    string RoutingStrategy,
    bool AiReceptionistEnabled,
    StatsWire Stats,
    IReadOnlyList<OperatorDetailWire> Operators,
    IReadOnlyList<OperatorDetailWire> AvailableOperators,
    IReadOnlyList<RecentCallWire> RecentCalls);

internal sealed record StatsWire(int TotalCalls, int AnsweredCalls, int MissedCalls, int AverageDurationSeconds);

internal sealed record OperatorDetailWire(long Id, string Name, string PhoneNumber, string Initials, int Priority);

// The docs show recent_calls only as "[…10]"; the simulator carries no call traffic, so the list is always empty.
internal sealed record RecentCallWire(long Id);

internal sealed record ErrorWire(string Error);
