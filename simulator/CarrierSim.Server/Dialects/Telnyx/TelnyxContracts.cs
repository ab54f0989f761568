using System.Text.Json.Serialization;
using CarrierSim.Server.Http;

namespace CarrierSim.Server.Dialects.Telnyx;

// Wire records of Telnyx's API v2 (team-telnyx/openapi spec3.yml: AvailablePhoneNumber, NumberOrderWithPhoneNumbers,
// NumberReservation, PhoneNumberDetailed, numbers_Errors). Field names are the vendor's.

internal sealed record DataWire<T>(T Data);

internal sealed record AvailableNumbersWire(IReadOnlyList<AvailableNumberWire> Data, SearchMetaWire Meta, SearchMetaWire Metadata);

internal sealed record SearchMetaWire(int TotalResults, int BestEffortResults);

internal sealed record AvailableNumberWire(
    string RecordType,
    string PhoneNumber,
    string VanityFormat,
    bool BestEffort,
    bool Quickship,
    bool Reservable,
    IReadOnlyList<RegionWire> RegionInformation,
    CostWire CostInformation,
    IReadOnlyList<FeatureWire> Features);

internal sealed record RegionWire(string RegionType, string RegionName);

internal sealed record CostWire(string UpfrontCost, string MonthlyCost, string Currency);

internal sealed record FeatureWire(string Name);

/// <summary>A page of a list: <c>{data, meta}</c> with Telnyx's page meta.</summary>
internal sealed record PageWire<T>(IReadOnlyList<T> Data, PageMetaWire Meta);

internal sealed record PageMetaWire(int PageNumber, int PageSize, int TotalPages, int TotalResults);

/// <summary>One number of an order or reservation request: <c>{phone_number}</c> (plus an order's regulatory ids).</summary>
internal sealed record RequestedNumber(string? PhoneNumber, string? BundleId, string? RequirementGroupId);

/// <summary>The body of <c>POST /v2/number_orders</c>.</summary>
internal sealed record CreateNumberOrderRequest : INamesNumbers
{
    public List<RequestedNumber?>? PhoneNumbers { get; init; }

    public string? ConnectionId { get; init; }

    public string? MessagingProfileId { get; init; }

    public string? BillingGroupId { get; init; }

    public string? CustomerReference { get; init; }

    IEnumerable<string?> INamesNumbers.Numbers => PhoneNumbers?.Select(n => n?.PhoneNumber) ?? [];
}

/// <summary>The body of <c>POST /v2/number_reservations</c>.</summary>
internal sealed record CreateNumberReservationRequest : INamesNumbers
{
    public List<ReservedNumberRequest?>? PhoneNumbers { get; init; }

    public string? CustomerReference { get; init; }

    IEnumerable<string?> INamesNumbers.Numbers => PhoneNumbers?.Select(n => n?.PhoneNumber) ?? [];
}

internal sealed record ReservedNumberRequest(string? PhoneNumber);

/// <summary>The body of <c>PATCH /v2/phone_numbers/{id}</c> as documented (read as a field map so that null is told from absent).</summary>
internal sealed record UpdatePhoneNumberRequest(
    IReadOnlyList<string>? Tags,
    string? ExternalPin,
    string? CustomerReference,
    string? ConnectionId,
    string? BillingGroupId,
    string? AddressId,
    bool? HdVoiceEnabled);

internal sealed record NumberOrderWire(
    string Id,
    string RecordType,
    int PhoneNumbersCount,
    string Status,
    bool RequirementsMet,
    IReadOnlyList<string> SubNumberOrdersIds,
    IReadOnlyList<NumberOrderPhoneNumberWire> PhoneNumbers,
    string? CustomerReference,
    string? ConnectionId,
    string? MessagingProfileId,
    string? BillingGroupId,
    string CreatedAt,
    string UpdatedAt);

internal sealed record NumberOrderPhoneNumberWire(
    string Id,
    string RecordType,
    string PhoneNumber,
    string PhoneNumberType,
    string CountryCode,
    string CountryIsoAlpha2,
    string? BundleId,
    IReadOnlyList<object> RegulatoryRequirements,
    bool RequirementsMet,
    string RequirementsStatus,
    string Status);

internal sealed record NumberReservationWire(
    string Id,
    string RecordType,
    string Status,
    string? CustomerReference,
    IReadOnlyList<ReservedPhoneNumberWire> PhoneNumbers,
    IReadOnlyList<string> Errors,
    string CreatedAt,
    string UpdatedAt);

internal sealed record ReservedPhoneNumberWire(
    string Id,
    string RecordType,
    string PhoneNumber,
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Errors,
    string? ExpiredAt,
    string CreatedAt,
    string UpdatedAt);

internal sealed record PhoneNumberWire(
    string Id,
    string RecordType,
    string PhoneNumber,
    string Status,
    IReadOnlyList<string> Tags,
    string? ExternalPin,
    string? ConnectionId,
    string? ConnectionName,
    string? CustomerReference,
    string? MessagingProfileId,
    string? MessagingProfileName,
    string? BillingGroupId,
    bool EmergencyEnabled,
    string? EmergencyAddressId,
    bool CallForwardingEnabled,
    bool CnamListingEnabled,
    bool CallerIdNameEnabled,
    bool CallRecordingEnabled,
    bool T38FaxGatewayEnabled,
    bool HdVoiceEnabled,
    string PhoneNumberType,
    string CountryIsoAlpha2,
    bool DeletionLockEnabled,
    string SourceType,
    string PurchasedAt,
    string CreatedAt,
    string UpdatedAt);

/// <summary>Telnyx's error envelope (spec <c>numbers_Errors</c>): <c>code</c> is a string.</summary>
internal sealed record ErrorsWire(IReadOnlyList<ErrorWire> Errors);

internal sealed record ErrorWire(
    string Code,
    string Title,
    string Detail,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ErrorSourceWire? Source,
    ErrorMetaWire Meta);

internal sealed record ErrorSourceWire(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Pointer,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Parameter);

internal sealed record ErrorMetaWire(string Url);
