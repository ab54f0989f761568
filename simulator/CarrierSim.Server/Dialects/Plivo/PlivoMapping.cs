using System.Globalization;
using CarrierSim.Core.Numbering;
using CarrierSim.Server.Dialects.Shared;

namespace CarrierSim.Server.Dialects.Plivo;

internal static class PlivoMapping
{
    // Plivo's region is the state or province name ("California"); the catalog keeps codes.
    private static readonly Dictionary<string, string> RegionNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["AL"] = "Alabama", ["AK"] = "Alaska", ["AZ"] = "Arizona", ["AR"] = "Arkansas", ["CA"] = "California", ["CO"] = "Colorado",
        ["CT"] = "Connecticut", ["DE"] = "Delaware", ["DC"] = "District of Columbia", ["FL"] = "Florida", ["GA"] = "Georgia",
        ["HI"] = "Hawaii", ["ID"] = "Idaho", ["IL"] = "Illinois", ["IN"] = "Indiana", ["IA"] = "Iowa", ["KS"] = "Kansas",
        ["KY"] = "Kentucky", ["LA"] = "Louisiana", ["ME"] = "Maine", ["MD"] = "Maryland", ["MA"] = "Massachusetts",
        ["MI"] = "Michigan", ["MN"] = "Minnesota", ["MS"] = "Mississippi", ["MO"] = "Missouri", ["MT"] = "Montana",
        ["NE"] = "Nebraska", ["NV"] = "Nevada", ["NH"] = "New Hampshire", ["NJ"] = "New Jersey", ["NM"] = "New Mexico",
        ["NY"] = "New York", ["NC"] = "North Carolina", ["ND"] = "North Dakota", ["OH"] = "Ohio", ["OK"] = "Oklahoma",
        ["OR"] = "Oregon", ["PA"] = "Pennsylvania", ["RI"] = "Rhode Island", ["SC"] = "South Carolina", ["SD"] = "South Dakota",
        ["TN"] = "Tennessee", ["TX"] = "Texas", ["UT"] = "Utah", ["VT"] = "Vermont", ["VA"] = "Virginia", ["WA"] = "Washington",
        ["WV"] = "West Virginia", ["WI"] = "Wisconsin", ["WY"] = "Wyoming", ["PR"] = "Puerto Rico",
        ["AB"] = "Alberta", ["BC"] = "British Columbia", ["MB"] = "Manitoba", ["NB"] = "New Brunswick", ["NL"] = "Newfoundland and Labrador",
        ["NS"] = "Nova Scotia", ["NT"] = "Northwest Territories", ["NU"] = "Nunavut", ["ON"] = "Ontario", ["PE"] = "Prince Edward Island",
        ["QC"] = "Quebec", ["SK"] = "Saskatchewan", ["YT"] = "Yukon",
    };

    /// <summary>The region name for a code ("NC" → "North Carolina"); other regions as they are.</summary>
    public static string? RegionName(string? region) =>
        region is null ? null : RegionNames.GetValueOrDefault(region, region);

    /// <summary>The state or province code for a name or code ("North Carolina" or "nc" → "NC"); null when unknown.</summary>
    public static string? RegionCode(string text) =>
        RegionNames.ContainsKey(text) ? text.ToUpperInvariant()
            : RegionNames.FirstOrDefault(p => string.Equals(p.Value, text, StringComparison.OrdinalIgnoreCase)).Key;

    /// <summary>Plivo's five-decimal price strings ("0.80000").</summary>
    public static string Price(decimal value) => value.ToString("0.00000", CultureInfo.InvariantCulture);

    public static PhoneNumberWire ToSearchWire(this PlivoNumber number, string authId) => new(
        number.Digits,
        number.Prefix,
        number.City,
        number.CountryName,
        RegionName(number.Region) ?? number.CountryName,
        number.RateCenter,
        number.Lata,
        // type is fixed / mobile / tollfree; sub_type says local or national among fixed numbers (the docs' fields).
        number.NumberType switch { NumberType.TollFree => "tollfree", NumberType.Mobile => "mobile", _ => "fixed" },
        number.Type,
        Price(number.SetupRate),
        Price(number.MonthlyRentalRate),
        number.SmsEnabled,
        number.MmsEnabled,
        number.VoiceEnabled,
        Price(number.SmsRate),
        Price(number.SmsRate),
        Price(number.VoiceRate),
        null,
        null,
        $"/v1/Account/{authId}/PhoneNumber/{number.Digits}/");

    public static RentedNumberWire ToWire(this RentedNumber rented, string authId, string? apiId)
    {
        lock (rented)
        {
            var d = rented.Description;
            var region = RegionName(d.Region) is { } name ? $"{name}, {d.CountryName}" : d.CountryName;
            return new RentedNumberWire(
                apiId,
                d.Digits,
                rented.Alias,
                rented.SubAccount,
                rented.AddedOn.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                rented.AppId is null ? null : $"/v1/Account/{authId}/Application/{rented.AppId}/",
                "Plivo",
                region,
                d.Type,
                Price(d.MonthlyRentalRate),
                d.SmsEnabled,
                Price(d.SmsRate),
                d.MmsEnabled,
                Price(d.SmsRate),
                d.VoiceEnabled,
                Price(d.VoiceRate),
                $"/v1/Account/{authId}/Number/{d.Digits}/",
                rented.AddedOn.UtcDateTime.AddMonths(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                rented.CnamLookup,
                null,
                null,
                null,
                rented.ComplianceApplicationId,
                null);
        }
    }
}
