using System.Net;
using CarrierSim.Server.Hosting;
using CarrierSim.Server.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CarrierSim.Server.Tests.Platform;

/// <summary>The middleware in front of routing: what a request under a dialect gets when its endpoint fails, and what the journal keeps of it.</summary>
public sealed class DialectGateTests
{
    [Fact]
    public async Task AnEndpointThatThrows_AnswersTheVendors500_AndTheJournalKeepsThat500()
    {
        var cancel = TestContext.Current.CancellationToken;
        var builder = CarrierSimApp.CreateBuilder([], new Dictionary<string, string?> { ["CarrierSim:Seed"] = "7", ["CarrierSim:Port"] = "0" });
        builder.WebHost.UseTestServer();
        await using var app = builder.Build().UseCarrierSim();

        // A bug stand-in: an endpoint under the DialStack mount that fails.
        app.MapGet("/dialstack/v1/failing-endpoint", IResult () => throw new InvalidOperationException("a bug"));
        await app.StartAsync(cancel);
        using var client = app.GetTestClient();

        using var response = await client.GetAsync(new Uri("/dialstack/v1/failing-endpoint", UriKind.Relative), cancel);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.StartsWith("req_", Assert.Single(response.Headers.GetValues("X-Request-Id")), StringComparison.Ordinal);
        var body = await response.JsonAsync(500);
        Assert.Contains("CarrierSim bug", body.ToString(), StringComparison.Ordinal);

        var entry = Assert.Single(app.Services.GetRequiredService<RequestJournal>().Snapshot(), e => e.Path == "/dialstack/v1/failing-endpoint");
        Assert.Equal(500, entry.Status);
        Assert.Equal("dialstack", entry.Dialect);
    }

    [Fact]
    public async Task ARequestOutsideTheDialects_IsNotJournalled()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var sim = await TestSimulator.StartAsync();
        using var client = sim.Anonymous("dialstack");

        using var health = await client.GetAsync(new Uri("/__admin/health", UriKind.Relative), cancel);
        using var search = await sim.DialStack().Get("v1/available-phone-numbers?area_code=919&quantity=1");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        var entry = Assert.Single(sim.Services.GetRequiredService<RequestJournal>().Snapshot());
        Assert.Equal("dialstack.searchNumbers", entry.Operation);
        Assert.Equal(200, entry.Status);
    }
}
