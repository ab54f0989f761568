using System.Net.Http.Headers;
using CarrierSim.AdminClient;
using CarrierSim.Testcontainers;
using CarrierSim.Testing;
using CarrierSim.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using OrderHandling.Example.Ordering;

namespace OrderHandling.Example.Tests;

/// <summary>
/// The three ways to host the simulator, as docs/use-from-tests.md shows them: the code between
/// the snippet markers is what the document quotes (a test checks that they still match).
/// </summary>
public sealed class HostSnippetTests
{
    [Fact]
    public async Task InProcessHostOnALoopbackPort()
    {
        var ct = TestContext.Current.CancellationToken;

        // begin-snippet: in-process-host
        await using var sim = await CarrierSimulator.StartAsync(o =>
        {
            o.Seed = 7;                                      // same seed, same inventory
            o.OrderPendingFor = TimeSpan.FromMilliseconds(100);
        }, ct);                                              // a random port on 127.0.0.1
        using var dialstack = sim.CreateClient("dialstack"); // Bearer sk_test_… + DialStack-Account
        var found = await dialstack.GetStringAsync("v1/available-phone-numbers?area_code=919&quantity=2", ct);
        // end-snippet

        Assert.Contains("+1919", found);
        Assert.Equal("127.0.0.1", sim.RootAddress.Host);
    }

    [Fact]
    public async Task InMemoryHostBehindTheApplicationsOwnHttpPipeline()
    {
        var ct = TestContext.Current.CancellationToken;

        // begin-snippet: in-memory-host
        await using var sim = await CarrierSimulator.StartInMemoryAsync(o =>
        {
            o.Scenario = "partial-fills";                    // orders fill half their numbers
            o.OrderPendingFor = TimeSpan.FromMilliseconds(100);
        }, ct);

        var services = new ServiceCollection();
        services.AddDialStackOrdering(o =>                  // the application's registration, retries included
            {
                o.BaseAddress = sim.BaseAddress("dialstack");
                o.ApiKey = "sk_test_example";
                o.AccountId = "acct_example";
                o.PollInterval = TimeSpan.FromMilliseconds(50);
            })
            .ConfigurePrimaryHttpMessageHandler(sim.CreateHandler); // no socket: requests go to the TestServer
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<DialStackOrderingClient>();

        var result = await client.OrderNumbersAsync(new NumberRequest("919", 2), ct);
        // end-snippet

        // Half of each order fills: 1 of 2, then 0 of 1 twice; three orders is the client's limit.
        Assert.Single(result.Numbers);
        Assert.Equal(3, result.OrderIds.Count);
        Assert.StartsWith("Got 1 of 2 numbers after 3 orders", result.Shortfall);
    }

    [Fact]
    public async Task ContainerHost()
    {
        await DockerAvailability.RequireAsync();
        var ct = TestContext.Current.CancellationToken;

        // begin-snippet: container-host
        await using var container = new CarrierSimBuilder() // image: $CARRIERSIM_IMAGE, else carriersim:latest
            .WithSeed(7)
            .WithScenario("contested-inventory")
            .Build();                                        // generates an admin token
        await container.StartAsync(ct);                      // random host port; waits for /__admin/health
        var admin = container.CreateAdminClient();           // sends the admin token

        using var dialstack = new HttpClient { BaseAddress = container.GetBaseAddress("dialstack") };
        dialstack.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sk_test_example");
        dialstack.DefaultRequestHeaders.Add("DialStack-Account", "acct_example");
        var found = await dialstack.GetStringAsync("v1/available-phone-numbers?area_code=919&quantity=2", ct);
        var rules = await admin.ListChaosRulesAsync(ct);
        // end-snippet

        Assert.Contains("+1919", found);
        Assert.Equal(ChaosKind.Race, Assert.Single(rules).Kind);
    }
}
