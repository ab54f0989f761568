namespace CarrierSim.Contracts.Tests.Dialects;

/// <summary>Every documented interaction, sent by a plain HttpClient to the Pact mock server, which must see exactly the contract's request.</summary>
public sealed class ConsumerContractTests
{
    public static TheoryData<string, string> Interactions()
    {
        var data = new TheoryData<string, string>();
        foreach (var (dialect, cases) in DialectContracts.ByDialect)
        {
            foreach (var contractCase in cases)
            {
                data.Add(dialect, contractCase.Description);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Interactions))]
    public async Task DocumentedInteractionRoundTripsThroughTheMockServer(string dialect, string description)
    {
        await PactGenerator.RunAsync(DialectContracts.Find(dialect, description), pactDirectory: null, TestContext.Current.CancellationToken);
    }

    [Fact]
    public void EveryDialectHasSuccessAndErrorInteractions()
    {
        Assert.Equal(["agentmessage", "bandwidth", "dialnexa", "dialstack", "identitycall", "plivo", "telnyx", "twilio"], DialectContracts.ByDialect.Keys.Order());
        foreach (var (dialect, cases) in DialectContracts.ByDialect)
        {
            Assert.Contains(cases, c => c.Status is >= 200 and < 300);
            Assert.Contains(cases, c => c.Status == 401);
            Assert.Contains(cases, c => c.Status is >= 400 and < 500 and not 401);
            Assert.All(cases, c => Assert.Equal(dialect, c.Dialect));
            Assert.Equal(cases.Count, cases.Select(c => c.Description).Distinct().Count());
        }
    }

    [Fact]
    public void AuthenticatedRequestsCarryTheCredentialsTheSimulatorAccepts()
    {
        Assert.All(DialectContracts.ByDialect["dialstack"].Where(c => c.Headers.Any(h => h.Name == "Authorization")), c =>
        {
            Assert.Contains(c.Headers, h => h.Name == "Authorization" && h.Value.StartsWith("Bearer sk_test_", StringComparison.Ordinal));
            Assert.Contains(c.Headers, h => h.Name == "DialStack-Account" && h.Value.StartsWith("acct_", StringComparison.Ordinal));
        });
        Assert.All(Authorizations("agentmessage"), v => Assert.StartsWith("Bearer am_live_", v));
        Assert.All(Authorizations("dialnexa"), v => Assert.Matches(@"^Bearer [^:\s]+:[^:\s]+$", v));
        Assert.All(Authorizations("identitycall"), v => Assert.Matches("^Bearer idc_[A-Za-z0-9]{32}$", v));
        Assert.All(Authorizations("telnyx"), v => Assert.Matches("^Bearer KEY[A-Za-z0-9_-]{4,}$", v));
        Assert.All(Authorizations("plivo"), v => Assert.StartsWith("Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(PlivoContract.AuthId + ":")), v, StringComparison.Ordinal));
        Assert.All(Authorizations("bandwidth"), v => Assert.Equal("carriersim:carriersim", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(v["Basic ".Length..]))));
        Assert.All(Authorizations("twilio"), v => Assert.Matches("^AC[0-9a-f]{32}:.+$", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(v["Basic ".Length..]))));
    }

    private static IEnumerable<string> Authorizations(string dialect) =>
        DialectContracts.ByDialect[dialect].SelectMany(c => c.Headers).Where(h => h.Name == "Authorization").Select(h => h.Value);
}
