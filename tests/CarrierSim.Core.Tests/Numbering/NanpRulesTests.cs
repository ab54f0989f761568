using CarrierSim.Core.Numbering;

namespace CarrierSim.Core.Tests.Numbering;

public sealed class NanpRulesTests
{
    [Theory]
    [InlineData(211)]
    [InlineData(311)]
    [InlineData(411)]
    [InlineData(511)]
    [InlineData(611)]
    [InlineData(711)]
    [InlineData(811)]
    [InlineData(911)]
    [InlineData(555)]
    [InlineData(950)]
    [InlineData(958)]
    [InlineData(959)]
    [InlineData(976)]
    [InlineData(199)]
    [InlineData(0)]
    [InlineData(1000)]
    public void IsOfferableExchange_ExcludedCode_IsFalse(int nxx)
    {
        Assert.False(NanpRules.IsOfferableExchange(nxx));
    }

    [Theory]
    [InlineData(200)]
    [InlineData(460)]
    [InlineData(510)]
    [InlineData(512)]
    [InlineData(554)]
    [InlineData(556)]
    [InlineData(957)]
    [InlineData(960)]
    [InlineData(999)]
    public void IsOfferableExchange_OrdinaryCode_IsTrue(int nxx)
    {
        Assert.True(NanpRules.IsOfferableExchange(nxx));
    }

    [Theory]
    [InlineData(555, 100, true)]
    [InlineData(555, 150, true)]
    [InlineData(555, 199, true)]
    [InlineData(555, 99, false)]
    [InlineData(555, 200, false)]
    [InlineData(555, 1234, false)]
    [InlineData(556, 150, false)]
    public void IsFictionalRange_Only555_0100To0199(int nxx, int line, bool expected)
    {
        Assert.Equal(expected, NanpRules.IsFictionalRange(nxx, line));
    }

    [Fact]
    public void TollFreeNpas_AreTheSevenInService()
    {
        Assert.Equal([800, 833, 844, 855, 866, 877, 888], NanpRules.TollFreeNpas);
        Assert.All(NanpRules.TollFreeNpas, npa => Assert.True(NanpRules.IsTollFreeNpa(npa)));
        Assert.False(NanpRules.IsTollFreeNpa(822));
        Assert.False(NanpRules.IsTollFreeNpa(919));
    }

    [Theory]
    [InlineData(199, false)]
    [InlineData(200, true)]
    [InlineData(999, true)]
    [InlineData(1000, false)]
    public void IsValidExchangeCode_IsNxxOf2To9(int nxx, bool expected)
    {
        Assert.Equal(expected, NanpRules.IsValidExchangeCode(nxx));
    }
}
