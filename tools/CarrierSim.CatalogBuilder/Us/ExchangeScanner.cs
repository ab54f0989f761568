using CarrierSim.CatalogBuilder.Sources;
using CarrierSim.Core.Numbering;
using PhoneNumbers;
using LibPhoneNumber = PhoneNumbers.PhoneNumber;

namespace CarrierSim.CatalogBuilder.Us;

/// <summary>An NXX the geocoder places in a city: "Cary, NC" → ("Cary", "NC").</summary>
internal sealed record GeocodedNxx(int Nxx, string Locality, string State);

/// <summary>What libphonenumber knows about the exchanges of one NPA.</summary>
/// <param name="ValidNxx">Offerable NXXs whose numbers libphonenumber accepts as valid, ascending.</param>
/// <param name="Cities">Those of <paramref name="ValidNxx"/> for which the geocoder names a city.</param>
internal sealed record NpaScan(NpaReportRow Npa, IReadOnlyList<int> ValidNxx, IReadOnlyList<GeocodedNxx> Cities);

/// <summary>
/// Walks every NXX of an NPA through libphonenumber's validity check and offline geocoder
/// (English). US territories have their own region codes in libphonenumber (PR, VI, GU, AS, MP).
/// </summary>
internal sealed class ExchangeScanner
{
    private readonly PhoneNumberUtil _util = PhoneNumberUtil.GetInstance();
    private readonly PhoneNumberOfflineGeocoder _geocoder = PhoneNumberOfflineGeocoder.GetInstance();

    public NpaScan Scan(NpaReportRow npa)
    {
        var region = npa.State is "PR" or "VI" or "GU" or "AS" or "MP" ? npa.State : "US";
        var valid = new List<int>();
        var descriptions = new List<(int Nxx, string Description)>();
        for (var nxx = 200; nxx <= 999; nxx++)
        {
            if (!NanpRules.IsOfferableExchange(nxx))
            {
                continue;
            }

            var first = Number(npa.Npa, nxx, 0);
            // NANP validity in libphonenumber's metadata is decided by NPA-NXX; checking the
            // first and last line guards against a pattern that ever looks further.
            if (!_util.IsValidNumberForRegion(first, region) || !_util.IsValidNumberForRegion(Number(npa.Npa, nxx, 9999), region))
            {
                continue;
            }

            valid.Add(nxx);
            descriptions.Add((nxx, _geocoder.GetDescriptionForNumber(first, Locale.English).Trim()));
        }

        // Descriptions without a comma are normally the state ("North Carolina"); the most
        // frequent one is taken as the state-level name, and any other (Guam's "Tamuning")
        // as a locality in the NPA's own state.
        var stateLevel = descriptions
            .Where(d => !d.Description.Contains(',', StringComparison.Ordinal))
            .GroupBy(d => d.Description, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key)
            .FirstOrDefault();

        var cities = new List<GeocodedNxx>();
        foreach (var (nxx, description) in descriptions)
        {
            if (description.Contains(',', StringComparison.Ordinal))
            {
                // "Cary, NC"; a few carry a street or district first:
                // "Downtown Brooklyn, Brooklyn, NY" → Brooklyn.
                var parts = description.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length >= 2)
                {
                    cities.Add(new GeocodedNxx(nxx, parts[^2], parts[^1]));
                }
            }
            else if (description.Length > 0 && description != stateLevel)
            {
                cities.Add(new GeocodedNxx(nxx, description, npa.State));
            }
        }

        return new NpaScan(npa, valid, cities);
    }

    private static LibPhoneNumber Number(int npa, int nxx, int line) =>
        new LibPhoneNumber.Builder()
            .SetCountryCode(1)
            .SetNationalNumber((ulong)npa * 10_000_000UL + (ulong)nxx * 10_000UL + (ulong)line)
            .Build();
}
