using CarrierSim.Core.Numbering;

namespace CarrierSim.Core.Tests.Numbering;

public sealed class LataTests
{
    [Theory]
    [InlineData("426", 426)]
    [InlineData("132", 132)]
    [InlineData("022", 22)]
    public void Parse_ThreeDigits_ReturnsLata(string text, int value)
    {
        var result = Lata.Parse(text);

        Assert.True(result.Success, result.Error);
        Assert.Equal(value, result.Value.Value);
        Assert.Equal(text, result.Value.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("42")]
    [InlineData("4260")]
    [InlineData("abc")]
    [InlineData("-42")]
    public void Parse_BadInput_ReturnsErrorWithoutThrowing(string? text)
    {
        var result = Lata.Parse(text);

        Assert.False(result.Success);
        Assert.Contains("LATA", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1000)]
    public void FromInt32_OutOfRange_Throws(int value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Lata.FromInt32(value));
    }
}
