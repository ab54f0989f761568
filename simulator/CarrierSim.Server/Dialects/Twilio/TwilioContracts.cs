using CarrierSim.Server.Http;

namespace CarrierSim.Server.Dialects.Twilio;

// Wire records of Twilio's API 2010-04-01 (twilio/twilio-oai spec/json/twilio_api_v2010.json). JSON field names
// are the vendor's snake_case; form fields are its PascalCase names, matched by the platform's form reader.

internal sealed record CapabilitiesWire(bool Voice, bool Sms, bool Mms, bool Fax);

/// <summary>One AvailablePhoneNumber (Local, TollFree, Mobile…): the same fields for every type.</summary>
internal sealed record AvailableNumberWire(
    string FriendlyName,
    string PhoneNumber,
    string? Lata,
    string? Locality,
    string? RateCenter,
    string? Latitude,
    string? Longitude,
    string? Region,
    string? PostalCode,
    string IsoCountry,
    string AddressRequirements,
    bool Beta,
    CapabilitiesWire Capabilities);

internal sealed record AvailableNumbersPageWire(
    IReadOnlyList<AvailableNumberWire> AvailablePhoneNumbers,
    string Uri,
    string FirstPageUri,
    string? NextPageUri,
    string? PreviousPageUri,
    int Page,
    int PageSize,
    int Start,
    int End);

internal sealed record CountryWire(string CountryCode, string Country, string Uri, bool Beta, IReadOnlyDictionary<string, string> SubresourceUris);

internal sealed record CountriesPageWire(
    IReadOnlyList<CountryWire> Countries,
    string Uri,
    string FirstPageUri,
    string? NextPageUri,
    string? PreviousPageUri,
    int Page,
    int PageSize,
    int Start,
    int End);

/// <summary>The IncomingPhoneNumber resource, every field of the spec's schema.</summary>
internal sealed record IncomingNumberWire(
    string AccountSid,
    string? AddressSid,
    string AddressRequirements,
    string ApiVersion,
    bool Beta,
    CapabilitiesWire Capabilities,
    string DateCreated,
    string DateUpdated,
    string FriendlyName,
    string? IdentitySid,
    string PhoneNumber,
    string Origin,
    string Sid,
    string SmsApplicationSid,
    string SmsFallbackMethod,
    string SmsFallbackUrl,
    string SmsMethod,
    string SmsUrl,
    string StatusCallback,
    string StatusCallbackMethod,
    string? TrunkSid,
    string Uri,
    string VoiceReceiveMode,
    string VoiceApplicationSid,
    bool VoiceCallerIdLookup,
    string VoiceFallbackMethod,
    string? VoiceFallbackUrl,
    string VoiceMethod,
    string? VoiceUrl,
    string EmergencyStatus,
    string? EmergencyAddressSid,
    string EmergencyAddressStatus,
    string? BundleSid,
    string Status,
    string Type,
    IReadOnlyDictionary<string, string> SubresourceUris);

internal sealed record IncomingNumbersPageWire(
    IReadOnlyList<IncomingNumberWire> IncomingPhoneNumbers,
    string Uri,
    string FirstPageUri,
    string? NextPageUri,
    string? PreviousPageUri,
    int Page,
    int PageSize,
    int Start,
    int End);

/// <summary>Twilio's error envelope (twilio-csharp RestException: code, message, more_info, status).</summary>
internal sealed record ErrorWire(int Code, string Message, string MoreInfo, int Status);

/// <summary>The configurable fields of an IncomingPhoneNumber, as form fields (create and update share them).</summary>
internal record NumberSettingsForm
{
    public string? ApiVersion { get; init; }

    public string? FriendlyName { get; init; }

    public string? SmsApplicationSid { get; init; }

    public string? SmsFallbackMethod { get; init; }

    public string? SmsFallbackUrl { get; init; }

    public string? SmsMethod { get; init; }

    public string? SmsUrl { get; init; }

    public string? StatusCallback { get; init; }

    public string? StatusCallbackMethod { get; init; }

    public string? VoiceApplicationSid { get; init; }

    public string? VoiceCallerIdLookup { get; init; }

    public string? VoiceFallbackMethod { get; init; }

    public string? VoiceFallbackUrl { get; init; }

    public string? VoiceMethod { get; init; }

    public string? VoiceUrl { get; init; }

    public string? EmergencyStatus { get; init; }

    public string? EmergencyAddressSid { get; init; }

    public string? TrunkSid { get; init; }

    public string? IdentitySid { get; init; }

    public string? AddressSid { get; init; }

    public string? VoiceReceiveMode { get; init; }

    public string? BundleSid { get; init; }
}

/// <summary><c>POST …/IncomingPhoneNumbers.json</c>: PhoneNumber or AreaCode plus the settings.</summary>
internal sealed record CreateNumberForm : NumberSettingsForm, INamesNumbers
{
    public string? PhoneNumber { get; init; }

    public string? AreaCode { get; init; }

    IEnumerable<string?> INamesNumbers.Numbers => [PhoneNumber];
}

/// <summary><c>POST …/IncomingPhoneNumbers/{Sid}.json</c>: the settings, and AccountSid (moving a number between accounts).</summary>
internal sealed record UpdateNumberForm : NumberSettingsForm
{
    public string? AccountSid { get; init; }
}
