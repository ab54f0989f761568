using System.Text.Json.Serialization;
using CarrierSim.Server.Http;

namespace CarrierSim.Server.Dialects.Plivo;

// Wire records of Plivo's API v1 (plivo-dotnet PhoneNumber / RentedNumber models and test mocks; plivo.com/docs
// numbers). Field names are the vendor's.

internal sealed record ListWire<T>(string ApiId, ListMetaWire Meta, IReadOnlyList<T> Objects);

internal sealed record ListMetaWire(int Limit, string? Next, int Offset, string? Previous, int TotalCount);

/// <summary>A search hit (the docs' PhoneNumber object): built from the shared Plivo description.</summary>
internal sealed record PhoneNumberWire(
    string Number,
    string Prefix,
    string? City,
    string Country,
    string? Region,
    string? RateCenter,
    int? Lata,
    string Type,
    string SubType,
    string SetupRate,
    string MonthlyRentalRate,
    bool SmsEnabled,
    bool MmsEnabled,
    bool VoiceEnabled,
    string SmsRate,
    string MmsRate,
    string VoiceRate,
    string? Restriction,
    string? RestrictionText,
    string ResourceUri);

/// <summary>The body of <c>POST …/PhoneNumber/{number}/</c> (all optional).</summary>
internal sealed record BuyRequest(
    string? AppId,
    string? CnamLookup,
    bool? HaEnable,
    string? ComplianceApplicationId,
    Dictionary<string, string>? VerificationInfo);

internal sealed record BuyWire(string ApiId, string Message, IReadOnlyList<BoughtNumberWire> Numbers, string Status);

internal sealed record BoughtNumberWire(string Number, string Status);

/// <summary>The body of <c>POST …/Number/{number}/</c> as documented (read as a field map so that unknown fields are named).</summary>
internal sealed record UpdateNumberRequest(string? AppId, string? Subaccount, string? Alias, string? CnamLookup, string? Cnam, string? ComplianceApplicationId);

internal sealed record ChangedWire(string Message, string ApiId);

/// <summary>A rented number (plivo-dotnet <c>RentedNumber</c>; mock numberGetResponse.json).</summary>
internal sealed record RentedNumberWire(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ApiId,
    string Number,
    string? Alias,
    string? SubAccount,
    string AddedOn,
    string? Application,
    string Carrier,
    string Region,
    string NumberType,
    string MonthlyRentalRate,
    bool SmsEnabled,
    string SmsRate,
    bool MmsEnabled,
    string MmsRate,
    bool VoiceEnabled,
    string VoiceRate,
    string ResourceUri,
    string RenewalDate,
    string CnamLookup,
    string? TendlcCampaignId,
    string? TendlcRegistrationStatus,
    string? TollFreeSmsVerification,
    string? ComplianceApplicationId,
    string? ComplianceStatus);

/// <summary>Plivo's error body <c>{api_id, error}</c> (plivo-node restException reads exactly these).</summary>
internal sealed record ErrorWire(string ApiId, string Error);
