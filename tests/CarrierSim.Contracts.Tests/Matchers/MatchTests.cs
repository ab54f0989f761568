namespace CarrierSim.Contracts.Tests.Matchers;

/// <summary>Each matcher's integration JSON, the form the engine reads.</summary>
public sealed class MatchTests
{
    [Fact]
    public void Regex_MatchingExample_WritesRuleAndExample() =>
        Assert.Equal("""{"pact:matcher:type":"regex","regex":"^\\+[1-9]\\d{1,14}$","value":"+19197334821"}""", Match.Regex("+19197334821", @"^\+[1-9]\d{1,14}$").ToString());

    [Fact]
    public void Regex_ExampleNotMatching_Throws() =>
        Assert.Throws<ArgumentException>(() => Match.Regex("9197334821", @"^\+[1-9]\d{1,14}$"));

    [Fact]
    public void Type_Object_WritesExampleAsIs() =>
        Assert.Equal("""{"pact:matcher:type":"type","value":{"city":"RALEIGH"}}""", Match.Type(new { city = "RALEIGH" }).ToString());

    [Fact]
    public void EachLike_DefaultMinimum_WrapsExampleInArrayWithMinOne() =>
        Assert.Equal("""{"pact:matcher:type":"type","min":1,"value":["voice"]}""", Match.EachLike("voice").ToString());

    [Fact]
    public void EachLike_NestedMatchers_AreWrittenInsideTheElement() =>
        Assert.Equal(
            """{"pact:matcher:type":"type","min":0,"value":[{"n":{"pact:matcher:type":"integer","value":2}}]}""",
            Match.EachLike(new { n = Match.Integer(2) }, min: 0).ToString());

    [Fact]
    public void EachLike_NegativeMinimum_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Match.EachLike("x", -1));

    [Fact]
    public void Integer_Boolean_Decimal_WriteTheirTypes()
    {
        Assert.Equal("""{"pact:matcher:type":"integer","value":42}""", Match.Integer(42).ToString());
        Assert.Equal("""{"pact:matcher:type":"boolean","value":true}""", Match.Boolean(true).ToString());
        Assert.Equal("""{"pact:matcher:type":"decimal","value":0.8}""", Match.Decimal(0.8).ToString());
    }

    [Fact]
    public void DateTime_WritesFormat() =>
        Assert.Equal(
            """{"pact:matcher:type":"datetime","format":"yyyy-MM-dd'T'HH:mm:ssXXX","value":"2026-04-21T14:00:00Z"}""",
            Match.DateTime("2026-04-21T14:00:00Z", "yyyy-MM-dd'T'HH:mm:ssXXX").ToString());

    [Fact]
    public void Include_UsesSubstringAsExample() =>
        Assert.Equal("""{"pact:matcher:type":"include","value":"country_iso"}""", Match.Include("country_iso").ToString());

    [Fact]
    public void Include_Empty_Throws() => Assert.ThrowsAny<ArgumentException>(() => Match.Include(""));

    [Fact]
    public void Body_MixedLiteralsAndMatchers_KeepsPropertyNamesAsWritten() =>
        Assert.Equal(
            """{"phone_number":"+1","partial_allowed":true,"data":{"pact:matcher:type":"type","min":1,"value":[{"lata":"426"}]}}""",
            PactJson.Serialize(new { phone_number = "+1", partial_allowed = true, data = Match.EachLike(new { lata = "426" }) }));
}
