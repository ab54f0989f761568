using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using CarrierSim.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace CarrierSim.Server.Tests.Hosting;

/// <summary>The simulator on real sockets: ports, dialect selection, configuration.</summary>
public sealed class HostingTests
{
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<WebApplication> StartAsync(Dictionary<string, string?> settings)
    {
        var app = CarrierSimApp.CreateBuilder([], settings).Build().UseCarrierSim();
        await app.StartAsync(TestContext.Current.CancellationToken);
        return app;
    }

    [Fact]
    public async Task DialectIsServedAtTheRootOfItsOwnPort()
    {
        var main = FreePort();
        var own = FreePort();
        await using var app = await StartAsync(new()
        {
            ["CarrierSim:Port"] = main.ToString(), ["CarrierSim:DialectPorts:dialstack"] = own.ToString(),
        });
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sk_test_carriersim");
        http.DefaultRequestHeaders.Add("DialStack-Account", "acct_1");

        var mounted = await http.GetAsync($"http://127.0.0.1:{main}/dialstack/v1/available-phone-numbers?area_code=919", TestContext.Current.CancellationToken);
        var atRoot = await http.GetAsync($"http://127.0.0.1:{own}/v1/available-phone-numbers?area_code=919", TestContext.Current.CancellationToken);
        var health = await http.GetAsync($"http://127.0.0.1:{own}/__admin/health", TestContext.Current.CancellationToken);
        var unknown = await http.GetAsync($"http://127.0.0.1:{own}/v9/nothing-here", TestContext.Current.CancellationToken);
        var message = System.Text.Json.JsonDocument.Parse(await unknown.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("error").GetString();

        Assert.Equal(HttpStatusCode.OK, mounted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, atRoot.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        // On its own port the client's path has no /dialstack prefix, and the 404 names the path it sent.
        Assert.Contains("GET /v9/nothing-here", message, StringComparison.Ordinal);
        Assert.DoesNotContain("/dialstack", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyTheChosenDialectsAreServed()
    {
        var port = FreePort();
        await using var app = await StartAsync(new() { ["CarrierSim:Port"] = port.ToString(), ["CarrierSim:Dialects:0"] = "identitycall" });
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "idc_0123456789abcdefghijklmnopqrstuv");

        var served = await http.GetAsync($"http://127.0.0.1:{port}/identitycall/api/v1/public/virtual_numbers/available", TestContext.Current.CancellationToken);
        var absent = await http.GetAsync($"http://127.0.0.1:{port}/dialstack/v1/phone-numbers", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, absent.StatusCode);
    }

    [Fact]
    public void EnvironmentVariablesBindThroughTheSameOptions()
    {
        Environment.SetEnvironmentVariable("CarrierSim__Seed", "1234");
        try
        {
            var app = CarrierSimApp.CreateBuilder([]).Build();
            var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<CarrierSimOptions>>().Value;

            Assert.Equal(1234, options.Seed);
        }
        finally
        {
            Environment.SetEnvironmentVariable("CarrierSim__Seed", null);
        }
    }

    [Fact]
    public void BadScenarioFailsAtStart()
    {
        var app = CarrierSimApp.CreateBuilder([], new Dictionary<string, string?> { ["CarrierSim:Scenario"] = "no-such-scenario" }).Build();

        var error = Assert.Throws<ArgumentException>(() => app.UseCarrierSim());

        Assert.Contains("contested-inventory", error.Message);
    }

    [Theory]
    [InlineData("CarrierSim:Dialects:0", "nosuchvendor")]
    [InlineData("CarrierSim:DialectPorts:nosuchvendor", "8081")]
    [InlineData("CarrierSim:Accounts:0:Dialect", "nosuchvendor")]
    public async Task UnknownDialectFailsAtStartNamingTheRegisteredOnes(string key, string value)
    {
        var settings = new Dictionary<string, string?> { [key] = value, ["CarrierSim:Port"] = "0" };
        if (key.Contains("Accounts", StringComparison.Ordinal))
        {
            settings["CarrierSim:Accounts:0:Id"] = "acme";
        }

        await using var app = CarrierSimApp.CreateBuilder([], settings).Build();

        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Unknown dialect", error.Message, StringComparison.Ordinal);
        foreach (var id in CarrierSimDialects.Ids)
        {
            Assert.Contains(id, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task InfoListsEveryRegisteredDialectWithCredentialsAndItsDocument()
    {
        await using var sim = await TestSimulator.StartAsync();

        var info = await (await sim.Admin().Get("info")).JsonAsync(200);

        var dialects = info.GetProperty("dialects").EnumerateArray().ToList();
        Assert.Equal(CarrierSimDialects.Ids, dialects.Select(d => d.GetProperty("name").GetString()));
        foreach (var dialect in dialects)
        {
            var id = dialect.GetProperty("name").GetString()!;
            Assert.Equal($"/{id}/openapi.json", dialect.GetProperty("openApi").GetString());
            Assert.Equal(CarrierSimDialects.Credentials(id).Keys.Order(), dialect.GetProperty("headers").EnumerateObject().Select(h => h.Name).Order());
            Assert.False(string.IsNullOrEmpty(dialect.GetProperty("title").GetString()));
        }
    }
}
