using CarrierSim.Core.Numbering;

namespace CarrierSim.Core.Tests.Numbering;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("+19194601234", 19194601234UL)]
    [InlineData("+1 (919) 460-1234", 19194601234UL)]
    [InlineData("  +1.919.460.1234  ", 19194601234UL)]
    [InlineData("+447700900123", 447700900123UL)]
    [InlineData("+918123456789", 918123456789UL)]
    public void Parse_E164Text_ReturnsItsDigits(string text, ulong digits)
    {
        var result = PhoneNumber.Parse(text);

        Assert.True(result.Success, result.Error);
        Assert.Equal(digits, result.Value.Digits);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("+")]
    [InlineData("19194601234")]
    [InlineData("abc")]
    [InlineData("+1919abc1234")]
    [InlineData("+1919460123x")]
    [InlineData("+1234567890123456")]
    [InlineData("+01234567890")]
    [InlineData("+0")]
    [InlineData("+1919460123")]
    [InlineData("+191946012345")]
    [InlineData("+19190601234")]
    [InlineData("+19191601234")]
    [InlineData("+11194601234")]
    [InlineData("+10194601234")]
    [InlineData("+4477")]
    public void Parse_BadInput_ReturnsErrorWithoutThrowing(string? text)
    {
        var result = PhoneNumber.Parse(text);

        Assert.False(result.Success);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
        Assert.Throws<InvalidOperationException>(() => result.Value);
    }

    [Theory]
    [InlineData("+19194601234")]
    [InlineData("+18005550130")]
    [InlineData("+447700900123")]
    [InlineData("+4930123456")]
    [InlineData("+33612345678")]
    [InlineData("+61412345678")]
    [InlineData("+918123456789")]
    [InlineData("+861381234567890")]
    public void ToString_AfterParse_RoundTripsE164(string e164)
    {
        var number = PhoneNumber.Parse(e164).Value;

        Assert.Equal(e164, number.ToString());
        Assert.Equal(number, PhoneNumber.Parse(number.ToString()).Value);
        Assert.Equal(number, PhoneNumber.FromDigits(number.Digits));
        Assert.Equal(e164.Length - 1, number.DigitCount);
    }

    [Theory]
    [InlineData("+19194601234", 1)]
    [InlineData("+14165551234", 1)]
    [InlineData("+447700900123", 44)]
    [InlineData("+918123456789", 91)]
    [InlineData("+4930123456", 49)]
    [InlineData("+33612345678", 33)]
    [InlineData("+61412345678", 61)]
    [InlineData("+74951234567", 7)]
    [InlineData("+35312345678", 353)]
    [InlineData("+8613812345678", 86)]
    public void CountryCallingCode_OfParsedNumber_IsItsLeadingCode(string e164, int countryCode)
    {
        Assert.Equal(countryCode, PhoneNumber.Parse(e164).Value.CountryCallingCode);
    }

    [Fact]
    public void NationalNumber_IsTheDigitsAfterTheCountryCode()
    {
        Assert.Equal(7700900123UL, PhoneNumber.Parse("+447700900123").Value.NationalNumber);
        Assert.Equal(9194601234UL, PhoneNumber.Parse("+19194601234").Value.NationalNumber);
    }

    [Theory]
    [InlineData("+18005550130")]
    [InlineData("+18332001234")]
    [InlineData("+18442001234")]
    [InlineData("+18552001234")]
    [InlineData("+18662001234")]
    [InlineData("+18772001234")]
    [InlineData("+18882001234")]
    public void IsTollFree_TollFreeNpa_IsTrue(string e164)
    {
        Assert.True(PhoneNumber.Parse(e164).Value.IsTollFree);
    }

    [Theory]
    [InlineData("+19194601234")]
    [InlineData("+18222001234")]
    [InlineData("+18992001234")]
    [InlineData("+448001234567")]
    public void IsTollFree_OtherNumbers_IsFalse(string e164)
    {
        Assert.False(PhoneNumber.Parse(e164).Value.IsTollFree);
    }

    [Fact]
    public void NanpParts_OfNanpNumber_AreNpaExchangeAndLine()
    {
        var number = PhoneNumber.Parse("+19194601234").Value;

        Assert.True(number.IsNanp);
        Assert.Equal(Npa.FromInt32(919), number.Npa);
        Assert.Equal(NpaNxx.FromInt32(919460), number.NpaNxx);
        Assert.Equal(1234, number.Line);
    }

    [Fact]
    public void NanpParts_OfOtherNumber_Throw()
    {
        var number = PhoneNumber.Parse("+447700900123").Value;

        Assert.False(number.IsNanp);
        Assert.Throws<InvalidOperationException>(() => number.Npa);
        Assert.Throws<InvalidOperationException>(() => number.NpaNxx);
        Assert.Throws<InvalidOperationException>(() => number.Line);
    }

    [Fact]
    public void FromNanp_BuildsTheNumber()
    {
        Assert.Equal("+19194600042", PhoneNumber.FromNanp(NpaNxx.FromInt32(919460), 42).ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => PhoneNumber.FromNanp(NpaNxx.FromInt32(919460), 10_000));
    }

    [Theory]
    [InlineData(0UL)]
    [InlineData(1_000_000_000_000_000UL)]
    public void FromDigits_OutOfRange_Throws(ulong digits)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PhoneNumber.FromDigits(digits));
    }

    [Fact]
    public void CompareTo_OrdersByDigits()
    {
        var low = PhoneNumber.Parse("+19194601234").Value;
        var high = PhoneNumber.Parse("+19194601235").Value;

        Assert.True(low.CompareTo(high) < 0);
        Assert.True(high.CompareTo(low) > 0);
        Assert.Equal(0, low.CompareTo(low));
    }
}
