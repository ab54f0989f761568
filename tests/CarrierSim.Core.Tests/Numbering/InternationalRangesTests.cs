using CarrierSim.Core.Numbering;
using PhoneNumbers;
using PhoneNumber = CarrierSim.Core.Numbering.PhoneNumber;

namespace CarrierSim.Core.Tests.Numbering;

/// <summary>The embedded catalog's international ranges, checked number by number against libphonenumber.</summary>
public sealed class InternationalRangesTests
{
    private const int MinNumbers = 1_000;
    private const int SampleSize = 1_000;

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>
    /// Every (country, type) the catalog must offer. National (UAN) exists for all but Australia
    /// (no UAN in its metadata) and Canada (its UAN numbers, 310-XXXX, are not E.164 numbers).
    /// </summary>
    public static TheoryData<string, NumberType> ExpectedPairs { get; } = new(
        [
            ("AU", NumberType.Local), ("AU", NumberType.Mobile), ("AU", NumberType.TollFree),
            ("CA", NumberType.Local), ("CA", NumberType.Mobile), ("CA", NumberType.TollFree),
            ("DE", NumberType.Local), ("DE", NumberType.Mobile), ("DE", NumberType.TollFree), ("DE", NumberType.National),
            ("FR", NumberType.Local), ("FR", NumberType.Mobile), ("FR", NumberType.TollFree), ("FR", NumberType.National),
            ("GB", NumberType.Local), ("GB", NumberType.Mobile), ("GB", NumberType.TollFree), ("GB", NumberType.National),
            ("IN", NumberType.Local), ("IN", NumberType.Mobile), ("IN", NumberType.TollFree), ("IN", NumberType.National),
        ]);

    [Fact]
    public void Pairs_AreExactlyTheExpectedCountriesAndTypes()
    {
        var expected = ExpectedPairs.Select(row => (row.Data.Item1, row.Data.Item2)).Order().ToList();
        var actual = NumberingCatalog.Embedded.InternationalRanges.Select(r => (r.CountryIso, r.Type)).Distinct().Order().ToList();

        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(ExpectedPairs))]
    public void Ranges_HoldAtLeastAThousandDistinctNumbers(string country, NumberType type)
    {
        var ranges = RangesOf(country, type);
        var prefixes = ranges.Select(r => (r.Prefix, r.VariableDigits)).Distinct().ToList();
        var numbers = prefixes.Sum(p => (long)PhoneNumber.Pow10(p.VariableDigits));

        Assert.Equal(ranges.Count, prefixes.Count);
        Assert.True(numbers >= MinNumbers, $"{country} {type}: {numbers} numbers");
        Assert.All(ranges, r => Assert.Equal(Util.GetCountryCodeForRegion(country), r.CountryCallingCode));

        // No range lies inside another (same length or a shorter prefix of a longer one).
        var sorted = ranges.Select(r => r.Prefix.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal).ToList();
        for (var i = 1; i < sorted.Count; i++)
        {
            Assert.False(sorted[i].StartsWith(sorted[i - 1], StringComparison.Ordinal), $"{sorted[i - 1]} contains {sorted[i]}");
        }
    }

    [Theory]
    [MemberData(nameof(ExpectedPairs))]
    public void SampledNumbers_AreValidForTheRegionAndOfTheType(string country, NumberType type)
    {
        var ranges = RangesOf(country, type);
        var accepted = AcceptedTypes(country, type);
        var perRange = (SampleSize + ranges.Count - 1) / ranges.Count;
        var sampled = 0;

        for (var r = 0; r < ranges.Count; r++)
        {
            var range = ranges[r];
            var size = (int)PhoneNumber.Pow10(range.VariableDigits);
            for (var k = 0; k < perRange; k++)
            {
                // A fixed spread over the range: the ends, then a stride coprime to its size.
                var line = k switch { 0 => 0, 1 => size - 1, _ => (int)((k * 7919L + r * 31L) % size) };
                var digits = range.Prefix * (ulong)size + (ulong)line;
                var number = PhoneNumber.Parse("+" + digits.ToString(System.Globalization.CultureInfo.InvariantCulture));
                Assert.True(number.Success, number.Error);
                Assert.Equal(range.CountryCallingCode, number.Value.CountryCallingCode);

                var parsed = Util.Parse(number.Value.ToString(), null);
                Assert.True(Util.IsValidNumberForRegion(parsed, country), $"{number.Value} is not valid for {country}");
                var actualType = Util.GetNumberType(parsed);
                Assert.True(accepted.Contains(actualType), $"{number.Value} is {actualType}, not {type} in {country}");
                sampled++;
            }
        }

        Assert.True(sampled >= SampleSize, $"sampled only {sampled}");
    }

    [Fact]
    public void CanadaMobileAndLocal_ShareOnePool()
    {
        var local = RangesOf("CA", NumberType.Local).Select(r => r.Prefix).ToList();
        var mobile = RangesOf("CA", NumberType.Mobile).Select(r => r.Prefix).ToList();

        Assert.Equal(local, mobile);
    }

    [Fact]
    public void LocalRanges_CarryTheGeocodersRegionWhereItHasOne()
    {
        var london = NumberingCatalog.Embedded.InternationalRanges
            .Where(r => r.CountryIso == "GB" && r.Type == NumberType.Local)
            .Count(r => r.Region.Length > 0);

        Assert.True(london > 0);
        Assert.All(
            NumberingCatalog.Embedded.InternationalRanges.Where(r => r.Type is NumberType.TollFree or NumberType.National),
            r => Assert.Equal("", r.Region));
    }

    private static List<InternationalRange> RangesOf(string country, NumberType type) =>
        NumberingCatalog.Embedded.InternationalRanges.Where(r => r.CountryIso == country && r.Type == type).ToList();

    private static PhoneNumberType[] AcceptedTypes(string country, NumberType type) => (country, type) switch
    {
        // libphonenumber cannot tell Canadian fixed lines from mobiles.
        ("CA", NumberType.Local or NumberType.Mobile) => [PhoneNumberType.FIXED_LINE_OR_MOBILE],
        (_, NumberType.Local) => [PhoneNumberType.FIXED_LINE],
        (_, NumberType.Mobile) => [PhoneNumberType.MOBILE],
        (_, NumberType.TollFree) => [PhoneNumberType.TOLL_FREE],
        (_, NumberType.National) => [PhoneNumberType.UAN],
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
