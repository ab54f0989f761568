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

        Assert.Equal(HttpStatusCode.OK, mounted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, atRoot.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
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
}
