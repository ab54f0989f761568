using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Server.Http;

namespace CarrierSim.Server.Dialects.DialNexa;

internal static class DialNexaMapping
{
    public static PhoneNumberWire ToWire(this OrganizationPhoneNumber number)
    {
        lock (number)
        {
            return new PhoneNumberWire(
                number.Id,
                number.Number.ToString(),
                number.Label,
                number.AgentId,
                number.Status,
                number.Provider,
                Formats.Milliseconds(number.CreatedAt),
                number.Nickname);
        }
    }

    /// <summary>
    /// A search hit in Plivo's shape. <paramref name="asked"/> is the type the caller searched for:
    /// in the NANP local and mobile share one pool, so a US "mobile" search reports its hits as mobile.
    /// </summary>
    public static AvailableNumberWire ToWire(this NumberDetails number, NumberType? asked)
    {
        var type = asked is NumberType.Local or NumberType.Mobile && number.Type is NumberType.Local or NumberType.Mobile ? asked.Value : number.Type;
        var nanp = number.Number.IsNanp;
        var (monthly, setup) = Rates(number.Country, type);
        var e164 = number.Number.ToString();
        return new AvailableNumberWire(
            e164,
            TypeName(type),
            monthly,
            setup,
            VoiceEnabled: true,
            SmsEnabled: nanp || type == NumberType.Mobile,
            MmsEnabled: false,
            number.Country,
            e164,
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

    /// <summary>The list filter's documented values: <c>local | toll_free | mobile</c> (vendor-apis.md §3.1), plus national.</summary>
    public static bool TryParseListType(string text, out NumberType type)
    {
        type = NumberType.Local;
        switch (text.ToLowerInvariant())
        {
            case "local":
                return true;
            case "mobile":
                type = NumberType.Mobile;
                return true;
            case "toll_free" or "tollfree" or "toll-free":
                type = NumberType.TollFree;
                return true;
            case "national":
                type = NumberType.National;
                return true;
            default:
                return false;
        }
    }

    // Inferred prices, as strings with two decimals like the vendor's example ("0.80" / "0.00"
    // for a US local number). Plivo's published rentals are in this range; no vendor page lists them.
    private static (string Monthly, string Setup) Rates(string country, NumberType type) => (country.ToUpperInvariant(), type) switch
    {
        ("US" or "CA", NumberType.TollFree) => ("1.00", "0.00"),
        ("US" or "CA", _) => ("0.80", "0.00"),
        ("IN", NumberType.TollFree) => ("15.00", "0.00"),
        ("IN", _) => ("3.50", "0.00"),
        (_, NumberType.Mobile) => ("1.50", "0.00"),
        (_, NumberType.TollFree) => ("3.00", "0.00"),
        (_, NumberType.National) => ("2.00", "0.00"),
        _ => ("1.00", "0.00"),
    };
}
