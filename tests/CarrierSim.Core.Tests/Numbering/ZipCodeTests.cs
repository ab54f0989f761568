using CarrierSim.Core.Numbering;

namespace CarrierSim.Core.Tests.Numbering;

public sealed class ZipCodeTests
{
    [Theory]
    [InlineData("27601", 27601)]
    [InlineData("00501", 501)]
    [InlineData("10001", 10001)]
    public void Parse_FiveDigits_ReturnsZip(string text, int value)
    {
        var result = ZipCode.Parse(text);

        Assert.True(result.Success, result.Error);
        Assert.Equal(value, result.Value.Value);
        Assert.Equal(text, result.Value.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2760")]
    [InlineData("276011")]
    [InlineData("27601-1234")]
    [InlineData("abcde")]
    [InlineData("-2760")]
    public void Parse_BadInput_ReturnsErrorWithoutThrowing(string? text)
    {
        var result = ZipCode.Parse(text);

        Assert.False(result.Success);
        Assert.Contains("ZIP", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(100_000)]
    public void FromInt32_OutOfRange_Throws(int value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ZipCode.FromInt32(value));
    }
}
