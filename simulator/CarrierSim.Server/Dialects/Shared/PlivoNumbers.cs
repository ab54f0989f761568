using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;

namespace CarrierSim.Server.Dialects.Shared;

/// <summary>
/// A number as Plivo's number search describes it (plivo.com/docs/numbers/phone-numbers; the plivo-dotnet
/// <c>PhoneNumber</c> model). Every dialect that answers in Plivo's shapes (Plivo itself, DialNexa's
/// pass-through search) builds its wire record from this one description, so the two never drift apart.
/// </summary>
/// <param name="E164">The number with its <c>+</c>, e.g. <c>+14155559186</c>.</param>
/// <param name="Digits">Plivo's <c>number</c>: E.164 without the <c>+</c>, e.g. <c>14155559186</c>.</param>
/// <param name="Prefix">The area code (NANP) or the first digits of the national number.</param>
/// <param name="Type">Plivo's type name: <c>local</c>, <c>mobile</c>, <c>tollfree</c> or <c>national</c>.</param>
/// <param name="City">Upper case in the NANP (LERG style, as Plivo's examples show it); null when unknown.</param>
/// <param name="Region">The state or province code, or the region of an international range; null when unknown.</param>
internal sealed record PlivoNumber(
    string E164,
    string Digits,
    string Prefix,
    string Type,
    NumberType NumberType,
    decimal MonthlyRentalRate,
    decimal SetupRate,
    decimal VoiceRate,
    decimal SmsRate,
    bool VoiceEnabled,
    bool SmsEnabled,
    bool MmsEnabled,
    string CountryIso,
    string CountryName,
    string? City,
    string? Region,
    string? RateCenter,
    int? Lata);

/// <summary>The one mapping from the simulator's numbers to Plivo's number descriptions, types and prices.</summary>
internal static class PlivoNumbers
{
    // Plivo's country field is the upper-case English name ("UNITED STATES"); the catalog's countries.
    private static readonly Dictionary<string, string> CountryNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["US"] = "UNITED STATES",
        ["CA"] = "CANADA",
        ["GB"] = "UNITED KINGDOM",
        ["IN"] = "INDIA",
        ["DE"] = "GERMANY",
        ["FR"] = "FRANCE",
        ["AU"] = "AUSTRALIA",
    };

    /// <summary>
    /// Describes a search hit. <paramref name="asked"/> is the type the caller searched for: in the
    /// NANP local and mobile share one pool, so a US "mobile" search reports its hits as mobile.
    /// </summary>
    public static PlivoNumber Describe(NumberDetails number, NumberType? asked)
    {
        ArgumentNullException.ThrowIfNull(number);
        var type = asked is NumberType.Local or NumberType.Mobile && number.Type is NumberType.Local or NumberType.Mobile ? asked.Value : number.Type;
        var nanp = number.Number.IsNanp;
        var (monthly, setup) = Rates(number.Country, type);
        var e164 = number.Number.ToString();
        var digits = e164.TrimStart('+');
        var national = nanp ? digits[1..] : digits;
        return new PlivoNumber(
            e164,
            digits,
            national[..Math.Min(3, national.Length)],
            TypeName(type),
            type,
            monthly,
            setup,
            // Inferred usage rates in Plivo's range (the vendor's example: voice 0.00850, sms 0.00000).
            type == NumberType.TollFree ? 0.0150m : 0.0085m,
            nanp ? 0.0000m : 0.0050m,
            VoiceEnabled: true,
            SmsEnabled: nanp || type == NumberType.Mobile,
            MmsEnabled: false,
            number.Country,
            CountryNames.GetValueOrDefault(number.Country, number.Country.ToUpperInvariant()),
            number.Locality.Length == 0 ? null : nanp ? number.Locality.ToUpperInvariant() : number.Locality,
            number.Region.Length == 0 ? null : number.Region,
            number.RateCenter?.Name,
            number.Lata?.Value);
    }

    /// <summary>Plivo's type names (<c>tollfree</c> in one word), as the vendor's search example and parameter list use them.</summary>
    public static string TypeName(NumberType type) => type switch
    {
        NumberType.TollFree => "tollfree",
        _ => type.ToWireName(),
    };

    /// <summary>
    /// Plivo's search types: <c>local</c>, <c>fixed</c>, <c>mobile</c>, <c>tollfree</c>, <c>national</c>
    /// and <c>any</c>; the simulator's own spellings (<c>toll-free</c>, <c>toll_free</c>) are accepted too.
    /// </summary>
    public static bool TryParseSearchType(string text, out NumberType? type)
    {
        ArgumentNullException.ThrowIfNull(text);
        type = null;
        if (text.Equals("any", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var parsed = NumberTypes.Parse(text);
        if (!parsed.Success)
        {
            return false;
        }

        type = parsed.Value;
        return true;
    }

    // Inferred prices. Plivo's published rentals are in this range ("0.80" for a US local number in
    // the vendor's example); no vendor page lists them all.
    private static (decimal Monthly, decimal Setup) Rates(string country, NumberType type) => (country.ToUpperInvariant(), type) switch
    {
        ("US" or "CA", NumberType.TollFree) => (1.00m, 0.00m),
        ("US" or "CA", _) => (0.80m, 0.00m),
        ("IN", NumberType.TollFree) => (15.00m, 0.00m),
        ("IN", _) => (3.50m, 0.00m),
        (_, NumberType.Mobile) => (1.50m, 0.00m),
        (_, NumberType.TollFree) => (3.00m, 0.00m),
        (_, NumberType.National) => (2.00m, 0.00m),
        _ => (1.00m, 0.00m),
    };
}
