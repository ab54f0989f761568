using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Server.Dialects.Shared;
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

    /// <summary>A search hit in Plivo's shape, from the shared Plivo description (<see cref="PlivoNumbers"/>).</summary>
    public static AvailableNumberWire ToWire(this NumberDetails number, NumberType? asked)
    {
        var plivo = PlivoNumbers.Describe(number, asked);
        return new AvailableNumberWire(
            plivo.E164,
            plivo.Type,
            Price(plivo.MonthlyRentalRate),
            Price(plivo.SetupRate),
            plivo.VoiceEnabled,
            plivo.SmsEnabled,
            plivo.MmsEnabled,
            plivo.CountryIso,
            plivo.E164,
            plivo.City,
            plivo.Region,
            plivo.RateCenter,
            plivo.Lata);
    }

    // Two decimals, as the vendor's example shows them ("0.80" / "0.00").
    private static string Price(decimal value) => value.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);

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
}
