using System.Text.Json;
using System.Text.Json.Serialization;
using CarrierSim.Server.Http;

namespace CarrierSim.Server.Dialects.DialNexa;

// Wire records of DialNexa's API. Resource fields are snake_case (seed 003); the NestJS parts of the
// API (errors.statusCode, meta.totalPages) are camelCase, so those names are pinned explicitly.

/// <summary>An organization phone number (seed 003 "Purchase a Number" response; vendor-apis.md §3.1 list/get).</summary>
internal sealed record PhoneNumberWire(
    string Id,
    string PhoneNumber,
    string? Label,
    string? AgentId,
    string Status,
    string Provider,
    string CreatedAt,
    string? Nickname);

internal sealed record PageWire<T>(IReadOnlyList<T> Data, PageMetaWire Meta);

internal sealed record PageMetaWire(
    int Page,
    int Limit,
    int Total,
    [property: JsonPropertyName("totalPages")] int TotalPages);

/// <summary>Plivo's search answer, passed through by DialNexa (vendor-apis.md §3.1, the older OpenAPI).</summary>
internal sealed record AvailableNumbersWire(string ApiId, IReadOnlyList<AvailableNumberWire> Objects, AvailableMetaWire Meta);

internal sealed record AvailableMetaWire(int TotalCount);

/// <summary>
/// The nine fields the DialNexa OpenAPI marks required, then Plivo's own location fields
/// (<c>city</c>, <c>region</c>, <c>rate_center</c>, <c>lata</c>), which a pass-through keeps.
/// </summary>
internal sealed record AvailableNumberWire(
    string Number,
    string Type,
    string MonthlyRentalRate,
    string SetupRate,
    bool VoiceEnabled,
    bool SmsEnabled,
    bool MmsEnabled,
    string CountryIso,
    string NumberFormat,
    string? City,
    string? Region,
    string? RateCenter,
    int? Lata);

internal sealed record ReleasedWire(string Message);

/// <summary>NestJS's <c>HttpException</c> body: <c>message</c> is a string, or an array for several validation failures.</summary>
internal sealed record ErrorWire(
    [property: JsonPropertyName("statusCode")] int StatusCode,
    [property: JsonPropertyName("message")] object Message,
    [property: JsonPropertyName("error")] string Error);

/// <summary>
/// The body of <c>POST /v1/organization-phone-numbers/purchase</c>. Fields are read as JSON
/// values and unknown fields kept, so that every problem gets class-validator's own message
/// (a wrong type, a property that "should not exist") in one 400, as NestJS's ValidationPipe
/// answers; an absent field is <see cref="JsonValueKind.Undefined"/>, an explicit null is Null.
/// </summary>
internal sealed record PurchaseNumberRequest : INamesNumbers
{
    public JsonElement PhoneNumber { get; init; }

    public JsonElement Provider { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }

    IEnumerable<string?> INamesNumbers.Numbers => PhoneNumber.ValueKind == JsonValueKind.String ? [PhoneNumber.GetString()] : [];
}

/// <summary>The purchase body as the vendor documents it (API documents).</summary>
internal sealed record PurchaseNumberWire(string PhoneNumber, string? Provider);

/// <summary>The body of <c>PATCH /v1/organization-phone-numbers/{id}</c>: only the fields sent change, and null clears.</summary>
internal sealed record UpdateNumberRequest
{
    public JsonElement AgentId { get; init; }

    public JsonElement Nickname { get; init; }

    public JsonElement Label { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }

    /// <summary>The fields sent, known ones first, then unknown ones in the order sent.</summary>
    public IEnumerable<(string Field, JsonElement Value)> Fields()
    {
        foreach (var (field, value) in new[] { ("agent_id", AgentId), ("nickname", Nickname), ("label", Label) })
        {
            if (value.ValueKind != JsonValueKind.Undefined)
            {
                yield return (field, value);
            }
        }

        foreach (var (field, value) in Unknown ?? [])
        {
            yield return (field, value);
        }
    }
}

/// <summary>The update body as the vendor documents it (API documents).</summary>
internal sealed record UpdateNumberWire(string? AgentId, string? Nickname, string? Label);
