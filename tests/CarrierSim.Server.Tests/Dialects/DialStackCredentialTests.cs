using CarrierSim.Server.Dialects.DialStack;

namespace CarrierSim.Server.Tests.Dialects;

/// <summary>
/// DialStack checks keys and account ids by hand on every request; its regular expressions state the format.
/// These hold the two to the same answer for every kind of input, edge lengths and a final line feed included.
/// </summary>
public sealed class DialStackCredentialTests
{
    public static TheoryData<string> Authorizations => new()
    {
        "Bearer sk_test_carriersim",
        "Bearer sk_live_ABC_def_123",
        "Bearer sk_test_abcd",
        "Bearer sk_test_abc",
        "Bearer sk_test_" + new string('a', 128),
        "Bearer sk_test_" + new string('a', 129),
        "Bearer sk_test_carriersim\n",
        "Bearer sk_test_carriersim\n\n",
        "Bearer sk_test_carriersim\r\n",
        "Bearer sk_test_carriersim ",
        "Bearer sk_test_carri-ersim",
        "Bearer sk_test_carriérsim",
        "Bearer sk_prod_carriersim",
        "Bearer sk_test_",
        "bearer sk_test_carriersim",
        "Bearer  sk_test_carriersim",
        "Basic sk_test_carriersim",
        "sk_test_carriersim",
        "Bearer sk_live_\ncarriersim",
        "",
    };

    public static TheoryData<string> AccountIds => new()
    {
        "acct_01h2xcejqtf2nbrexx3vqjhp41",
        "acct_a",
        "acct_",
        "acct_" + new string('z', 64),
        "acct_" + new string('z', 65),
        "acct_01h2xcejqtf2nbrexx3vqjhp41\n",
        "acct_01h2xcejqtf2nbrexx3vqjhp41\n\n",
        "acct_ABC",
        "acct_abc-def",
        "acct_abc ",
        " acct_abc",
        "ACCT_abc",
        "acct_é",
        "teamb",
        "",
    };

    [Theory]
    [MemberData(nameof(Authorizations))]
    public void BearerKeyOf_AnyHeader_AgreesWithThePattern(string authorization)
    {
        var match = DialStackDialect.BearerKey().Match(authorization);

        Assert.Equal(match.Success ? match.Groups[1].Value : null, DialStackDialect.BearerKeyOf(authorization));
    }

    [Theory]
    [MemberData(nameof(AccountIds))]
    public void IsAccountId_AnyText_AgreesWithThePattern(string text) =>
        Assert.Equal(DialStackDialect.AccountId().IsMatch(text), DialStackDialect.IsAccountId(text));

    [Fact]
    public void NewRequestId_IsReqAnd24LowerCaseHexDigits_DifferentEachTime()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => DialStackDialect.NewRequestId()).ToList();

        Assert.All(ids, id => Assert.Matches("^req_[0-9a-f]{24}$", id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }
}
