using System.Xml.Linq;
using CarrierSim.Server.Hosting;
using CarrierSim.Server.Tests.Cli;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CarrierSim.Server.Tests.Dialects;

/// <summary>
/// On real sockets: <c>carrier-sim verify --dialect bandwidth</c> finds the shipped XML pact and passes against the
/// simulator, and the dialect on a port of its own answers an SDK's root-relative paths with links in the same form.
/// </summary>
[Collection("console")]
public sealed class BandwidthVerifyTests : IAsyncLifetime
{
    private CliHarness _sim = null!;
    private string _root = "";

    public async ValueTask InitializeAsync()
    {
        _sim = await CliHarness.StartAsync();
        _root = _sim.Root;
    }

    public async ValueTask DisposeAsync() => await _sim.DisposeAsync();

    private static Task<(int Exit, string Output)> RunAsync(params string[] args) => CliHarness.RunAsync(args);

    [Fact]
    public async Task VerifyDialectBandwidthPassesEveryShippedInteraction()
    {
        var junit = Path.Combine(Path.GetTempPath(), $"carriersim-bandwidth-{Guid.NewGuid():N}.xml");

        var (exit, output) = await RunAsync("verify", "--dialect", "bandwidth", "--base-url", _root + "/bandwidth",
            "--state-change-url", _root + "/__admin/provider-states", "--junit", junit);

        Assert.True(exit == 0, output);
        var cases = XDocument.Load(junit).Descendants("testcase").ToList();
        File.Delete(junit);
        Assert.True(cases.Count >= 14, output);
        Assert.DoesNotContain(cases, c => c.Element("failure") is not null);
        Assert.Contains(cases, c => ((string?)c.Attribute("name"))?.Contains("a reservation of a number taken by another buyer", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task OnItsOwnPortTheLocationKeepsTheClientsPath()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var app = CarrierSimApp.CreateBuilder([], new Dictionary<string, string?>
        {
            ["CarrierSim:Port"] = "0", ["CarrierSim:DialectPorts:bandwidth"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build().UseCarrierSim();
        await app.StartAsync(TestContext.Current.CancellationToken);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String("sdk:secret"u8.ToArray()));

        var search = XDocument.Parse(await http.GetStringAsync("v1.0/accounts/9900000/availableNumbers?areaCode=919&quantity=1", TestContext.Current.CancellationToken));
        var number = search.Descendants("TelephoneNumber").Single().Value;
        using var order = await http.PostAsync("v1.0/accounts/9900000/orders", new StringContent(
            $"<Order><ExistingTelephoneNumberOrderType><TelephoneNumberList><TelephoneNumber>{number}</TelephoneNumber></TelephoneNumberList></ExistingTelephoneNumberOrderType><SiteId>1</SiteId></Order>",
            System.Text.Encoding.UTF8, "application/xml"), TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.Created, order.StatusCode);
        var location = order.Headers.Location!;
        Assert.StartsWith($"http://127.0.0.1:{port}/v1.0/accounts/9900000/orders/", location.ToString(), StringComparison.Ordinal);
        using var fetched = await http.GetAsync(location, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, fetched.StatusCode);
    }

    [Fact]
    public async Task VerifyDialectBandwidthFailsAgainstAJsonImplementation()
    {
        // The DialStack mount answers JSON: every XML interaction must fail, naming the body or status.
        var (exit, output) = await RunAsync("verify", "--dialect", "bandwidth", "--base-url", _root + "/dialstack",
            "--state-change-url", _root + "/__admin/provider-states");

        Assert.NotEqual(0, exit);
        Assert.Contains("FAIL", output, StringComparison.Ordinal);
    }
}
