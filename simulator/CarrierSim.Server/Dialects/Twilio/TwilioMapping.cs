using System.Globalization;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;

namespace CarrierSim.Server.Dialects.Twilio;

/// <summary>What Twilio says about a number beyond the catalog's facts; all of it inferred (see docs/dialects/twilio.md).</summary>
internal sealed record NumberTraits(CapabilitiesWire Capabilities, string AddressRequirements, bool Beta)
{
    /// <summary>
    /// US geographic numbers carry voice, SMS, MMS and fax; toll-free voice and SMS; other countries' landlines
    /// voice only, their mobiles voice and SMS. Numbers abroad need an address (local ones a local address);
    /// national (non-geographic) numbers are "new to the platform", so <c>Beta=false</c> hides them.
    /// </summary>
    public static NumberTraits Of(string country, NumberType type) => (country == "US", type) switch
    {
        (true, NumberType.TollFree) => new(new(Voice: true, Sms: true, Mms: false, Fax: false), "none", false),
        (true, _) => new(new(Voice: true, Sms: true, Mms: true, Fax: true), "none", false),
        (false, NumberType.TollFree) => new(new(Voice: true, Sms: false, Mms: false, Fax: false), "none", false),
        (false, NumberType.Local) => new(new(Voice: true, Sms: false, Mms: false, Fax: false), "local", false),
        (false, NumberType.Mobile) => new(new(Voice: true, Sms: true, Mms: false, Fax: false), "any", false),
        _ => new(new(Voice: true, Sms: false, Mms: false, Fax: false), "any", true),
    };
}

internal static class TwilioMapping
{
    /// <summary>Twilio's friendly name: "(919) 460-1234" for NANP numbers, the E.164 text elsewhere.</summary>
    public static string FriendlyName(PhoneNumber number) => number.IsNanp
        ? string.Create(CultureInfo.InvariantCulture, $"({number.Npa.Value:D3}) {number.NpaNxx.Value % 1000:D3}-{number.Line:D4}")
        : number.ToString();

    /// <summary>RFC 2822 as Twilio writes it, e.g. "Thu, 30 Jul 2015 23:19:04 +0000".</summary>
    public static string Rfc2822(DateTimeOffset time) =>
        time.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);

    // The spec's example writes coordinates as strings with six decimals ("19.720000").
    private static string Coordinate(double value) => value.ToString("F6", CultureInfo.InvariantCulture);

    public static AvailableNumberWire ToWire(this NumberDetails number, TwilioPlaces places, string? postalCode)
    {
        var traits = NumberTraits.Of(number.Country, number.Type);
        var rateCenter = number.RateCenter;
        return new AvailableNumberWire(
            FriendlyName(number.Number),
            number.Number.ToString(),
            number.Lata?.ToString(),
            number.Locality.Length == 0 ? null : number.Locality,
            rateCenter?.Name,
            rateCenter is null ? null : Coordinate(rateCenter.Latitude),
            rateCenter is null ? null : Coordinate(rateCenter.Longitude),
            number.Region.Length == 0 ? null : number.Region,
            postalCode ?? places.PostalCodeOf(rateCenter),
            number.Country,
            traits.AddressRequirements,
            traits.Beta,
            traits.Capabilities);
    }

    public static IncomingNumberWire ToWire(this IncomingNumber record)
    {
        var settings = record.Settings;
        var traits = NumberTraits.Of(record.Country, record.Type);
        var uri = $"/2010-04-01/Accounts/{record.AccountSid}/IncomingPhoneNumbers/{record.Sid}.json";
        return new IncomingNumberWire(
            record.AccountSid,
            settings.AddressSid,
            traits.AddressRequirements,
            settings.ApiVersion,
            traits.Beta,
            traits.Capabilities,
            Rfc2822(record.DateCreated),
            Rfc2822(settings.DateUpdated),
            settings.FriendlyName,
            settings.IdentitySid,
            record.Number.ToString(),
            "twilio",
            record.Sid,
            settings.SmsApplicationSid ?? "",
            settings.SmsFallbackMethod,
            settings.SmsFallbackUrl,
            settings.SmsMethod,
            settings.SmsUrl,
            settings.StatusCallback,
            settings.StatusCallbackMethod,
            settings.TrunkSid,
            uri,
            settings.VoiceReceiveMode,
            settings.VoiceApplicationSid ?? "",
            settings.VoiceCallerIdLookup,
            settings.VoiceFallbackMethod,
            NullIfEmpty(settings.VoiceFallbackUrl),
            settings.VoiceMethod,
            NullIfEmpty(settings.VoiceUrl),
            settings.EmergencyStatus,
            settings.EmergencyAddressSid,
            settings.EmergencyAddressSid is null ? "unregistered" : "registered",
            settings.BundleSid,
            "in-use",
            TypeName(record.Type),
            new Dictionary<string, string>
            {
                ["assigned_add_ons"] = $"/2010-04-01/Accounts/{record.AccountSid}/IncomingPhoneNumbers/{record.Sid}/AssignedAddOns.json",
            });
    }

    // The spec's examples write unset application SIDs as "" but unset voice URLs as null (sms URLs as "").
    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    /// <summary>The IncomingPhoneNumber <c>type</c> (spec example "local").</summary>
    public static string TypeName(NumberType type) => type switch
    {
        NumberType.TollFree => "tollfree",
        NumberType.Mobile => "mobile",
        NumberType.National => "national",
        _ => "local",
    };
}
