using CarrierSim.Core.Numbering;

namespace CarrierSim.Core.Tests.Numbering;

public sealed class NpaTests
{
    [Theory]
    [InlineData("919", 919)]
    [InlineData("200", 200)]
    [InlineData("999", 999)]
    [InlineData("800", 800)]
    public void Parse_ThreeDigits_ReturnsNpa(string text, int value)
    {
        var result = Npa.Parse(text);

        Assert.True(result.Success, result.Error);
        Assert.Equal(value, result.Value.Value);
        Assert.Equal(text, result.Value.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("91")]
    [InlineData("9190")]
    [InlineData("abc")]
    [InlineData("099")]
    [InlineData("199")]
    [InlineData("-19")]
    [InlineData("+91")]
    [InlineData(" 919")]
    public void Parse_BadInput_ReturnsErrorWithoutThrowing(string? text)
    {
        var result = Npa.Parse(text);

        Assert.False(result.Success);
        Assert.Contains("area code", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(199)]
    [InlineData(1000)]
    [InlineData(-1)]
    public void FromInt32_OutOfRange_Throws(int value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Npa.FromInt32(value));
    }

    [Fact]
    public void CompareTo_OrdersByValue()
    {
        Assert.True(Npa.FromInt32(212).CompareTo(Npa.FromInt32(919)) < 0);
        Assert.Equal(Npa.FromInt32(919), Npa.Parse("919").Value);
    }
}
