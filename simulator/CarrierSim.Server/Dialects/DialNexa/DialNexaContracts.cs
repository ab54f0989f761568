using System.Text.Json.Serialization;

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
