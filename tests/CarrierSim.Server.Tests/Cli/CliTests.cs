using System.Xml.Linq;
using CarrierSim.Cli;
using CarrierSim.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CarrierSim.Server.Tests.Cli;

/// <summary><c>carrier-sim verify</c> and <c>carrier-sim admin</c> against a simulator on a real socket.</summary>
[Collection("console")]
public sealed class CliTests : IAsyncLifetime
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
    public async Task VerifyPassesAgainstTheSimulatorAndWritesJUnit()
    {
        var junit = Path.Combine(Path.GetTempPath(), $"carriersim-{Guid.NewGuid():N}.xml");

        var (exit, output) = await RunAsync("verify", "--dialect", "identitycall", "--base-url", _root + "/identitycall",
            "--state-change-url", _root + "/__admin/provider-states", "--junit", junit);

        Assert.True(exit == 0, output);
        Assert.Contains("PASS", output);
        var cases = XDocument.Load(junit).Descendants("testcase").ToList();
        Assert.True(cases.Count >= 5);
        Assert.DoesNotContain(cases, c => c.Element("failure") is not null);
        File.Delete(junit);
    }

    [Fact]
    public async Task VerifyFailsAgainstANonConformingImplementationAndNamesTheMismatch()
    {
        using var fake = WireMockServer.Start();
        fake.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new { data = Array.Empty<object>() }));

        var (exit, output) = await RunAsync("verify", "--dialect", "identitycall", "--base-url", fake.Url!);

        Assert.Equal(1, exit);
        Assert.Contains("FAIL", output);
        Assert.Contains("StatusMismatch", output);
    }

    [Theory]
    [InlineData("x", "1 characters long")]
    [InlineData(" ", "blank")]
    public async Task ServeRefusesAShortOrBlankAdminTokenInOneLine(string token, string reason)
    {
        var (exit, output) = await RunAsync("serve", "--port", "0", "--admin-token", token);

        Assert.Equal(1, exit);
        Assert.Contains(reason, output, StringComparison.Ordinal);
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("verify", "--dialect", "nope", "--base-url", "http://127.0.0.1:1")]
    [InlineData("verify", "--dialect", "dialstack", "--base-url", "not a url")]
    public async Task VerifyRejectsBadArguments(params string[] args)
    {
        var (exit, output) = await RunAsync(args);

        Assert.Equal(2, exit);
        Assert.False(string.IsNullOrWhiteSpace(output));
    }

    [Fact]
    public async Task AdminCommandsDriveTheControlPlane()
    {
        var (applied, _) = await RunAsync("admin", "scenario", "apply", "outage", "--url", _root);
        var (info, infoOutput) = await RunAsync("admin", "info", "--url", _root);
        var (health, _) = await RunAsync("health", "--url", _root);
        var (unreachable, message) = await RunAsync("admin", "info", "--url", "http://127.0.0.1:1");

        Assert.Equal((0, 0, 0, 1), (applied, info, health, unreachable));
        Assert.Contains("\"scenario\": \"outage\"", infoOutput);
        Assert.Contains("Is `carrier-sim serve` running?", message);
    }
}
