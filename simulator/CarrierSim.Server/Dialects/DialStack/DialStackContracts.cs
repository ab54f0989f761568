using System.Text.Json;
using System.Text.Json.Serialization;
using CarrierSim.Server.Http;

namespace CarrierSim.Server.Dialects.DialStack;

// Wire records of DialStack's API (docs.dialstack.ai; the dialstack-sdk types). Field names are the vendor's.

internal sealed record AvailableNumberWire(string PhoneNumber, string City, string State, string RateCenter, string Lata);

internal sealed record DataWire<T>(IReadOnlyList<T> Data);

internal sealed record ListWire<T>(string Object, string Url, string? NextPageUrl, string? PreviousPageUrl, IReadOnlyList<T> Data);

internal sealed record CreateOrderRequest : INamesNumbers
{
    public List<string>? PhoneNumbers { get; init; }

    public bool? PartialAllowed { get; init; }

    public string? OrderType { get; init; }

    IEnumerable<string?> INamesNumbers.Numbers => PhoneNumbers ?? [];
}

/// <summary>The fields <c>POST /v1/phone-numbers/{id}</c> accepts (read as a field map so that an explicit null is told from an absent field).</summary>
internal sealed record UpdateNumberRequest(
    bool? OutboundEnabled,
    bool? FaxEnabled,
    string? Status,
    string? ExpiresAt,
    string? CallerIdName,
    string? CallerIdPrefix,
    string? CallerIdVisibility,
    string? DirectoryListingName,
    string? DirectoryListingType,
    string? DirectoryListingLocation,
    string? DirectoryListingLocationId,
    JsonElement? Config);

internal sealed record OrderWire(
    string Id,
    string OrderType,
    string Status,
    IReadOnlyList<string> PhoneNumbers,
    IReadOnlyList<string> CompletedNumbers,
    IReadOnlyList<string> FailedNumbers,
    string? ErrorMessage,
    string CreatedAt,
    string UpdatedAt);

/// <summary>The body of <c>POST /v1/account_sessions</c> (the server SDK's AccountSessionCreateParams).</summary>
internal sealed record AccountSessionRequest
{
    /// <summary>The account the client secret is for (<c>acct_…</c>); the DialStack-Account header may name it instead.</summary>
    public string? Account { get; init; }

    /// <summary>The embedded components to enable; at least one must be enabled.</summary>
    public Dictionary<string, ComponentConfig?>? Components { get; init; }
}

internal sealed record ComponentConfig(bool? Enabled);

/// <summary>The answer of <c>POST /v1/account_sessions</c> (the server SDK's AccountSessionCreateResponse).</summary>
internal sealed record AccountSessionWire(string AccountId, string ClientSecret, string ExpiresAt);

/// <summary>The body of <c>POST /v1/phone-numbers/{id}/route</c>: a routing target id, or null to clear it.</summary>
internal sealed record RouteNumberRequest(string? RoutingTarget);

internal sealed record DidWire(
    string Id,
    string PhoneNumber,
    string Status,
    string NumberClass,
    string? ExpiresAt,
    string? DisconnectedAt,
    bool OutboundEnabled,
    bool FaxEnabled,
    JsonElement? Config,
    string? CallerIdName,
    string? CallerIdPrefix,
    string? CallerIdVisibility,
    string? DirectoryListingName,
    string? DirectoryListingType,
    string? DirectoryListingLocation,
    string? RoutingTarget,
    string InboundRouting,
    string CreatedAt,
    string UpdatedAt);

internal sealed record ErrorWire(
    string Error,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Code,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] object? Details);

/// <summary>The page cursor: base64url JSON, as the vendor's own cursors are.</summary>
internal sealed record Cursor(
    [property: JsonPropertyName("starting_after"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StartingAfter,
    [property: JsonPropertyName("ending_before"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? EndingBefore,
    [property: JsonPropertyName("limit")] int Limit,
    [property: JsonPropertyName("status"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Status,
    [property: JsonPropertyName("order_type"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? OrderType);
