using System.Xml.Linq;
using CarrierSim.Cli;
using CarrierSim.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CarrierSim.Server.Tests.Dialects;

/// <summary><c>carrier-sim verify --dialect bandwidth</c> finds the shipped XML pact and passes against the simulator on a real socket.</summary>
[Collection("console")]
public sealed class BandwidthVerifyTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private string _root = "";

    public async ValueTask InitializeAsync()
    {
        _app = CarrierSimApp.CreateBuilder([], new Dictionary<string, string?> { ["CarrierSim:Port"] = "0" }).Build().UseCarrierSim();
        await _app.StartAsync(TestContext.Current.CancellationToken);
        _root = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var previousOut = Console.Out;
        var previousError = Console.Error;
        Console.SetOut(output);
        Console.SetError(output);
        try
        {
            var exit = await CliApp.Create().Parse(args).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);
            return (exit, output.ToString());
        }
        finally
        {
            Console.SetOut(previousOut);
            Console.SetError(previousError);
        }
    }

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
    public async Task VerifyDialectBandwidthFailsAgainstAJsonImplementation()
    {
        // The DialStack mount answers JSON: every XML interaction must fail, naming the body or status.
        var (exit, output) = await RunAsync("verify", "--dialect", "bandwidth", "--base-url", _root + "/dialstack",
            "--state-change-url", _root + "/__admin/provider-states");

        Assert.NotEqual(0, exit);
        Assert.Contains("FAIL", output, StringComparison.Ordinal);
    }
}
