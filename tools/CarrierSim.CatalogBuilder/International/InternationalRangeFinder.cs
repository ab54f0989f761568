using System.Globalization;
using CarrierSim.Core.Numbering;
using PhoneNumbers;
using LibPhoneNumber = PhoneNumbers.PhoneNumber;
using SimulatorPhoneNumber = CarrierSim.Core.Numbering.PhoneNumber;

namespace CarrierSim.CatalogBuilder.International;

/// <summary>Ranges found for one country and number type, with what the search tried.</summary>
internal sealed record RangeSearchResult(string CountryIso, NumberType Type, IReadOnlyList<InternationalRange> Ranges, int CandidatesTried);

/// <summary>
/// Finds number ranges outside the US from libphonenumber's metadata: prefixes such that
/// every completion with <see cref="VariableDigits"/> trailing digits is valid for the region
/// and of the wanted type. The search starts from the metadata's example number and draws
/// further prefixes of the same length from a fixed pseudo-random sequence, first varying all
/// digits (spread over the whole numbering space), then fewer and fewer (nearer the example),
/// until it has <see cref="TargetRangesPerType"/>.
/// </summary>
internal sealed class InternationalRangeFinder
{
    public const int VariableDigits = 3;

    public const int TargetRangesPerType = 40;

    /// <summary>Candidate prefixes drawn per number of varied digits before moving closer to the example.</summary>
    public const int CandidatesPerTier = 400;

    /// <summary>The countries offered besides the US, in catalog order.</summary>
    public static IReadOnlyList<string> Countries { get; } = ["CA", "GB", "IN", "DE", "FR", "AU"];

    private static readonly int Completions = (int)Math.Pow(10, VariableDigits);

    private readonly PhoneNumberUtil _util = PhoneNumberUtil.GetInstance();
    private readonly PhoneNumberOfflineGeocoder _geocoder = PhoneNumberOfflineGeocoder.GetInstance();

    /// <summary>
    /// The libphonenumber types a number may have to count as <paramref name="type"/> in
    /// <paramref name="countryIso"/>. Canada's metadata cannot tell fixed lines from mobiles
    /// (both are FIXED_LINE_OR_MOBILE), so there local and mobile share one pool.
    /// </summary>
    public static IReadOnlyList<PhoneNumberType> AcceptedTypes(string countryIso, NumberType type) => type switch
    {
        NumberType.Local when countryIso == "CA" => [PhoneNumberType.FIXED_LINE_OR_MOBILE],
        NumberType.Mobile when countryIso == "CA" => [PhoneNumberType.FIXED_LINE_OR_MOBILE],
        NumberType.Local => [PhoneNumberType.FIXED_LINE],
        NumberType.Mobile => [PhoneNumberType.MOBILE],
        NumberType.TollFree => [PhoneNumberType.TOLL_FREE],
        NumberType.National => [PhoneNumberType.UAN],
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    private static PhoneNumberType MetadataType(NumberType type) => type switch
    {
        NumberType.Local => PhoneNumberType.FIXED_LINE,
        NumberType.Mobile => PhoneNumberType.MOBILE,
        NumberType.TollFree => PhoneNumberType.TOLL_FREE,
        NumberType.National => PhoneNumberType.UAN,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public List<RangeSearchResult> FindAll()
    {
        var results = new List<RangeSearchResult>();
        foreach (var country in Countries)
        {
            var supported = _util.GetSupportedTypesForRegion(country);
            foreach (var type in new[] { NumberType.Local, NumberType.Mobile, NumberType.TollFree, NumberType.National })
            {
                if (!supported.Contains(MetadataType(type)))
                {
                    continue;
                }

                if (country == "CA" && type == NumberType.Mobile)
                {
                    // The shared pool: the same ranges as local.
                    var local = results.Single(r => r.CountryIso == "CA" && r.Type == NumberType.Local);
                    results.Add(local with { Type = NumberType.Mobile, Ranges = local.Ranges.Select(r => r with { Type = NumberType.Mobile }).ToList(), CandidatesTried = 0 });
                    continue;
                }

                // A pair with no range (Canada's national numbers) stays in the list, for the report.
                results.Add(Find(country, type));
            }
        }

        return results;
    }

    public RangeSearchResult Find(string countryIso, NumberType type)
    {
        var example = _util.GetExampleNumberForType(countryIso, MetadataType(type))
            ?? throw new InvalidOperationException($"libphonenumber has no example {MetadataType(type)} number for {countryIso}.");
        var countryCode = example.CountryCode;
        var accepted = AcceptedTypes(countryIso, type);
        var national = example.NationalNumber.ToString(CultureInfo.InvariantCulture);
        if (NationalLengthOverride(countryIso, type) is { } length && length < national.Length)
        {
            national = national[..length];
        }

        var prefixLength = national.Length - VariableDigits;
        var lowest = Pow10(prefixLength - 1);
        var found = new SortedSet<ulong>();
        var tried = new HashSet<ulong>();

        void Try(ulong nationalPrefix)
        {
            // A prefix with a leading zero would make shorter numbers than the range says.
            if (nationalPrefix >= lowest && tried.Add(nationalPrefix) && IsWholeRange(countryIso, countryCode, nationalPrefix, accepted))
            {
                found.Add(nationalPrefix);
            }
        }

        var examplePrefix = ulong.Parse(national[..prefixLength], CultureInfo.InvariantCulture);
        Try(examplePrefix);

        // A fixed seed per (country, type): the same metadata always yields the same ranges.
        var state = SplitMix.Combine((ulong)countryCode, (ulong)type);
        for (var varied = prefixLength; varied >= 1 && found.Count < TargetRangesPerType; varied--)
        {
            var modulus = Pow10(varied);
            var kept = examplePrefix / modulus * modulus;
            for (var i = 0; i < CandidatesPerTier && found.Count < TargetRangesPerType; i++)
            {
                state = SplitMix.Mix(state);
                Try(kept + state % modulus);
            }
        }

        var ranges = found
            .Select(p => new InternationalRange(
                countryIso,
                type,
                countryCode,
                (ulong)countryCode * Pow10(prefixLength) + p,
                VariableDigits,
                type == NumberType.Local ? RegionOf(countryCode, p) : ""))
            .ToList();
        return new RangeSearchResult(countryIso, type, ranges, tried.Count);
    }

    /// <summary>
    /// Germany's toll-free example number has 13 digits, where 0800 numbers are normally
    /// assigned with 10 (0800 + 7 digits); libphonenumber accepts 10 to 15. The example's
    /// leading 10 digits are used there, so the ranges look like the numbers people see.
    /// </summary>
    private static int? NationalLengthOverride(string countryIso, NumberType type) =>
        (countryIso, type) switch
        {
            ("DE", NumberType.TollFree) => 10,
            _ => null,
        };

    private bool IsWholeRange(string countryIso, int countryCode, ulong nationalPrefix, IReadOnlyList<PhoneNumberType> accepted)
    {
        // The simulator must be able to take its own numbers back: Canada's UAN numbers
        // (310-XXXX) are valid in libphonenumber but have seven digits after +1, which is no
        // E.164 number a vendor API accepts, so they never make a range.
        var e164 = string.Create(CultureInfo.InvariantCulture, $"+{countryCode}{nationalPrefix * (ulong)Completions}");
        if (!SimulatorPhoneNumber.Parse(e164).Success)
        {
            return false;
        }

        // Cheap probes first: most candidates fail on one of these.
        foreach (var probe in new[] { 0, Completions - 1, Completions / 2 })
        {
            if (!IsWanted(countryIso, Number(countryCode, nationalPrefix, probe), accepted))
            {
                return false;
            }
        }

        for (var line = 0; line < Completions; line++)
        {
            if (!IsWanted(countryIso, Number(countryCode, nationalPrefix, line), accepted))
            {
                return false;
            }
        }

        return true;
    }

    private bool IsWanted(string countryIso, LibPhoneNumber number, IReadOnlyList<PhoneNumberType> accepted) =>
        _util.IsValidNumberForRegion(number, countryIso) && accepted.Contains(_util.GetNumberType(number));

    /// <summary>
    /// The geocoder's description when it is finer than the country's name and the same for
    /// the whole range; otherwise empty.
    /// </summary>
    private string RegionOf(int countryCode, ulong nationalPrefix)
    {
        var first = Number(countryCode, nationalPrefix, 0);
        var description = _geocoder.GetDescriptionForNumber(first, Locale.English);
        var last = _geocoder.GetDescriptionForNumber(Number(countryCode, nationalPrefix, Completions - 1), Locale.English);
        // Asked on behalf of a user in another region, the geocoder answers with the country's name.
        var countryName = _geocoder.GetDescriptionForNumber(first, Locale.English, "ZZ");
        return description.Length > 0 && description == last && description != countryName ? description : "";
    }

    private static LibPhoneNumber Number(int countryCode, ulong nationalPrefix, int line) =>
        new LibPhoneNumber.Builder()
            .SetCountryCode(countryCode)
            .SetNationalNumber(nationalPrefix * (ulong)Completions + (ulong)line)
            .Build();

    private static ulong Pow10(int exponent)
    {
        ulong result = 1;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }
}
