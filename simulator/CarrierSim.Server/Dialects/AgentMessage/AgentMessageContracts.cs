using System.Text.Json;
using System.Text.Json.Serialization;
using CarrierSim.Server.Http;

namespace CarrierSim.Server.Dialects.AgentMessage;

// Wire records of AgentMessage's phone-number API (seed 001, vendor-apis.md §2). Field names are the vendor's.
// Request bodies are read by the platform (Body<T>) as JSON objects, then checked field by field
// (RequestFields), so every problem can be reported under the field's own name in error.details.
// The *Request records document the bodies (OpenAPI); the *Body types are what is bound.

/// <summary>A JSON object body as sent, field by field: checked by <see cref="RequestFields"/>.</summary>
#pragma warning disable CA1710 // The name says what the type is on the wire: a request body.
internal class FieldsBody : Dictionary<string, JsonElement>
#pragma warning restore CA1710
{
    public FieldsBody()
        : base(StringComparer.Ordinal)
    {
    }
}

/// <summary>The orderPhoneNumbers body as sent; names its <c>numbers</c> so chaos targets and magic numbers see them.</summary>
#pragma warning disable CA1710
internal sealed class AssignBody : FieldsBody, INamesNumbers
#pragma warning restore CA1710
{
    IEnumerable<string?> INamesNumbers.Numbers =>
        TryGetValue("numbers", out var numbers) && numbers.ValueKind == JsonValueKind.Array
            ? numbers.EnumerateArray().Select(n => n.ValueKind == JsonValueKind.String ? n.GetString() : null)
            : [];
}

/// <summary>searchPhoneNumbers' body.</summary>
internal sealed record SearchNumbersRequest(string? AreaCode, string? NumberType, string? Pattern, int? Quantity);

/// <summary>orderPhoneNumbers' body: the numbers to assign (all or nothing) and their routing.</summary>
internal sealed record OrderNumbersRequest(IReadOnlyList<string> Numbers, string? InboundUrl, string? StatusUrl, string? CampaignId, string? Label);

/// <summary>updatePhoneNumber's body: omitted or null leaves a field unchanged; "" clears a URL or the label.</summary>
internal sealed record UpdateNumberRequest(string? InboundUrl, string? StatusUrl, string? Label, string? CampaignId);

/// <summary>The success envelope: <c>{"success":true,"data":…}</c>.</summary>
internal sealed record DataEnvelope<T>(bool Success, T Data);

/// <summary>The list envelope (listPhoneNumbers): <c>{"success":true,"data":[…],"meta":{…}}</c>.</summary>
internal sealed record ListEnvelope<T>(bool Success, IReadOnlyList<T> Data, MetaWire Meta);

internal sealed record MetaWire(int Total, int Limit, int Offset, string? NextCursor);

/// <summary>
/// The error envelope. <c>data</c> appears only beside INSUFFICIENT_INVENTORY (seed 001 puts
/// <c>available_count</c> and <c>unavailable</c> there, not in <c>error.details</c>).
/// </summary>
internal sealed record ErrorEnvelope(
    bool Success,
    ErrorWire Error,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] object? Data = null);

internal sealed record ErrorWire(
    string Code,
    string Message,
    string RequestId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string>? Details = null,
    // Not the vendor's: a CarrierSim addition on 401/403 that says how to fix the request while the
    // message stays exactly the documented text.
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Hint = null);

internal sealed record InventoryShortfallWire(int AvailableCount, IReadOnlyList<string> Unavailable);

internal sealed record SearchResultWire(string Number, string NumberType);

/// <summary>PhoneNumber (seed 001 and the list/get examples).</summary>
internal sealed record PhoneNumberWire(
    string Id,
    string Number,
    string NumberType,
    string? InboundUrl,
    string? StatusUrl,
    string? Label,
    string? CampaignId,
    bool SmsEnabled,
    bool MmsEnabled,
    string CreatedAt,
    string UpdatedAt);

internal sealed record ReleasedWire(string Status);

/// <summary>
/// The list cursor, base64url JSON as the vendor's own (its example decodes to
/// <c>{"created_at":"2026-04-26T12:00:00Z","id":"01900000-…"}</c>).
/// </summary>
internal sealed record ListCursor(
    [property: JsonPropertyName("created_at")] string CreatedAt,
    [property: JsonPropertyName("id")] string Id);
