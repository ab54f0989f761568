using CarrierSim.Core.Numbering;

namespace CarrierSim.Core.Tests.Numbering;

public sealed class NpaNxxTests
{
    [Theory]
    [InlineData("919460", 919460)]
    [InlineData("919-460", 919460)]
    [InlineData("212200", 212200)]
    public void Parse_SixDigits_ReturnsNpaNxx(string text, int value)
    {
        var result = NpaNxx.Parse(text);

        Assert.True(result.Success, result.Error);
        Assert.Equal(value, result.Value.Value);
        Assert.Equal(value / 1000, result.Value.Npa.Value);
        Assert.Equal(value % 1000, result.Value.Nxx);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("91946")]
    [InlineData("9194601")]
    [InlineData("919abc")]
    [InlineData("919060")]
    [InlineData("919160")]
    [InlineData("119460")]
    [InlineData("019460")]
    [InlineData("--")]
    public void Parse_BadInput_ReturnsErrorWithoutThrowing(string? text)
    {
        var result = NpaNxx.Parse(text);

        Assert.False(result.Success);
        Assert.Contains("NPA-NXX", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void FromParts_CombinesNpaAndNxx()
    {
        var npaNxx = NpaNxx.FromParts(Npa.FromInt32(919), 460);

        Assert.Equal(919460, npaNxx.Value);
        Assert.Equal("919460", npaNxx.ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => NpaNxx.FromParts(Npa.FromInt32(919), 1000));
    }

    [Theory]
    [InlineData(199_999)]
    [InlineData(1_000_000)]
    public void FromInt32_OutOfRange_Throws(int value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NpaNxx.FromInt32(value));
    }
}
