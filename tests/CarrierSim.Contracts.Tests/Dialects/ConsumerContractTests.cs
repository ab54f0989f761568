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
        // Every committed pact folder has its contract here, and every contract its committed folder.
        var committed = Directory.GetDirectories(Support.RepositoryPaths.PactsDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(committed, DialectContracts.ByDialect.Keys.Order(StringComparer.Ordinal));
        Assert.True(DialectContracts.ByDialect.Count >= 8, $"only {DialectContracts.ByDialect.Count} contracts were found");
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
        foreach (var (dialect, cases) in DialectContracts.ByDialect)
        {
            var authenticated = cases.Where(c => c.Headers.Any(h => h.Name == "Authorization")).ToList();
            Assert.NotEmpty(authenticated);
            Assert.All(authenticated, c => DialectContracts.AssertCredentials(dialect, c.Headers));
        }
    }
}
