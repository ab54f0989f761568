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

        Assert.Equal(2, exit);
        Assert.Contains(reason, output, StringComparison.Ordinal);
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("verify", "--dialect", "nope", "--base-url", "http://127.0.0.1:1")]
    [InlineData("verify", "--dialect", "dialstack", "--base-url", "not a url")]
    [InlineData("verify", "--dialect", "dialstack")]
    [InlineData("verify", "--dialect", "dialstack", "--base-url", "http://127.0.0.1:1", "--no-such-option")]
    [InlineData("admin", "info", "--url", "not a url")]
    [InlineData("admin", "clock", "advance", "soon")]
    public async Task BadArgumentsExitWithTwo(params string[] args)
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
        Assert.Matches(@"(?m)^scenario\s+outage\s*$", infoOutput);
        Assert.Contains("Is `carrier-sim serve` running?", message);
    }

    [Fact]
    public async Task VerifyPrintsAConciseSummaryAndTheEngineReportOnlyWhenVerbose()
    {
        string[] args = ["verify", "--dialect", "identitycall", "--base-url", _root + "/identitycall", "--state-change-url", _root + "/__admin/provider-states"];

        var (exit, concise) = await RunAsync(args);
        var (verboseExit, verbose) = await RunAsync([.. args, "--verbose"]);

        Assert.Equal((0, 0), (exit, verboseExit));
        var lines = concise.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var passes = lines.Count(l => l.TrimStart().StartsWith("PASS ", StringComparison.Ordinal));
        Assert.True(passes >= 5, concise);
        Assert.True(lines.Length <= passes + 3, $"not concise: {lines.Length} lines for {passes} interactions:\n{concise}");
        Assert.Contains($"PASSED: {passes} passed, 0 failed of {passes} interaction(s) of identitycall", concise, StringComparison.Ordinal);
        Assert.DoesNotContain("returns a response which", concise, StringComparison.Ordinal);
        Assert.Contains("returns a response which", verbose, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', concise + verbose); // redirected: no colour codes
    }

    [Theory]
    [InlineData("lata", "426")] // a number where DialStack writes a 3-digit string
    [InlineData("city", "\"Raleigh\"")] // mixed case where DialStack writes upper case
    [InlineData("rate_center", "\"raleigh\"")]
    [InlineData("phone_number", "19197334821")]
    public async Task VerifyFailsAWronglyTypedDialStackSearchAndNamesTheField(string field, string wrongValue)
    {
        var good = new Dictionary<string, string>
        {
            ["phone_number"] = "\"+19197334821\"",
            ["city"] = "\"RALEIGH\"",
            ["state"] = "\"NC\"",
            ["rate_center"] = "\"RALEIGH\"",
            ["lata"] = "\"426\"",
        };
        using var right = WireMockServer.Start();
        using var wrong = WireMockServer.Start();
        right.Given(Request.Create().UsingGet()).RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(SearchBody(good)));
        wrong.Given(Request.Create().UsingGet()).RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(SearchBody(new(good) { [field] = wrongValue })));
        string[] only = ["--dialect", "dialstack", "--filter", "^a search for available numbers by area code$"];

        var (rightExit, rightOutput) = await RunAsync(["verify", "--base-url", right.Url!, .. only]);
        var (wrongExit, wrongOutput) = await RunAsync(["verify", "--base-url", wrong.Url!, .. only]);

        Assert.True(rightExit == 0, rightOutput); // the same answer with the right types passes, so the field alone fails the other
        Assert.Equal(1, wrongExit);
        Assert.Matches($@"FAIL\s+a search for available numbers by area code[^\n]*\n\s+BodyMismatch \$\.data\[0\]\.{field}:", wrongOutput.ReplaceLineEndings("\n"));
    }

    private static string SearchBody(Dictionary<string, string> number) =>
        "{\"data\":[{" + string.Join(',', number.Select(p => $"\"{p.Key}\":{p.Value}")) + "}]}";

    [Fact]
    public async Task AdminPrintsTablesAndRawJsonWithJson()
    {
        var (tableExit, table) = await RunAsync("admin", "scenario", "list", "--url", _root);
        var (jsonExit, json) = await RunAsync("admin", "scenario", "list", "--url", _root, "--json");

        Assert.Equal((0, 0), (tableExit, jsonExit));
        using var document = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal(System.Text.Json.JsonValueKind.Array, document.RootElement.GetProperty("builtIn").ValueKind);
        Assert.DoesNotContain("{", table, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^builtIn:$", table);
        Assert.Matches(@"(?m)^\W*name\W+description\W+rules\W*$", table); // the header row of the scenarios' table
        Assert.Matches(@"(?m)^\W*flaky-network\W", table);
    }

    [Fact]
    public async Task AdminTakesUrlAndTokenFromTheEnvironment()
    {
        var token = "env-token-0123456789abcdef";
        await using var guarded = CarrierSimApp.CreateBuilder([], new Dictionary<string, string?> { ["CarrierSim:Port"] = "0", ["CarrierSim:AdminToken"] = token }).Build().UseCarrierSim();
        await guarded.StartAsync(TestContext.Current.CancellationToken);
        var root = guarded.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        try
        {
            Environment.SetEnvironmentVariable(CliApp.UrlVariable, root);
            var (withoutToken, refused) = await RunAsync("admin", "info");
            Environment.SetEnvironmentVariable(CliApp.AdminTokenVariable, token);
            var (withToken, info) = await RunAsync("admin", "info");

            Assert.Equal(1, withoutToken);
            Assert.Single(refused.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("401", refused, StringComparison.Ordinal);
            Assert.Equal(0, withToken);
            Assert.Contains("CarrierSim", info, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(CliApp.UrlVariable, null);
            Environment.SetEnvironmentVariable(CliApp.AdminTokenVariable, null);
            await guarded.StopAsync(TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task AdminJournalFollowPrintsEachNewRequestUntilCancelled()
    {
        var buffer = new StringWriter();
        var output = TextWriter.Synchronized(buffer);
        string Printed()
        {
            // The synchronized writer locks on itself: read under the same lock.
            lock (output)
            {
                return buffer.ToString();
            }
        }

        var previousOut = Console.Out;
        Console.SetOut(output);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        try
        {
            var follow = CliApp.RunAsync(["admin", "journal", "--follow", "--dialect", "identitycall", "--url", _root], stop.Token);
            using var http = new HttpClient { BaseAddress = new Uri(_root + "/") };
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "idc_0123456789abcdefghijklmnopqrstuv");
            var deadline = System.Diagnostics.Stopwatch.StartNew();

            // Requests until one is printed: the stream may not be open when the first is sent.
            while (!Printed().Contains("identitycall.searchAvailableNumbers", StringComparison.Ordinal) && deadline.Elapsed < TimeSpan.FromSeconds(20))
            {
                using (await http.GetAsync("identitycall/api/v1/public/virtual_numbers/available", TestContext.Current.CancellationToken))
                {
                }

                await Task.Delay(200, TestContext.Current.CancellationToken);
            }

            await stop.CancelAsync();
            var exit = await follow.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

            Assert.Equal(0, exit);
            Assert.Matches(@"\d{2}:\d{2}:\d{2}\.\d{3} identitycall identitycall\.searchAvailableNumbers GET /identitycall/api/v1/public/virtual_numbers/available 200 ", Printed());
        }
        finally
        {
            Console.SetOut(previousOut);
        }
    }

    [Fact]
    public async Task ServeReportsAPortInUseInOneLine()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var (exit, output) = await RunAsync("serve", "--port", port);

        Assert.Equal(1, exit);
        Assert.Equal($"carrier-sim could not start: port {port} is already in use. Stop what is using it, or pass --port with a free port.", output.Trim());
    }

    [Theory]
    [InlineData("serve", "--port", "0", "--scenario", "missing-scenario.yaml")]
    [InlineData("serve", "--port", "0", "--config", "missing-config.json")]
    [InlineData("admin", "rules", "add", "missing-rule.json")]
    [InlineData("admin", "scenario", "apply", "missing-scenario.yaml")]
    public async Task AMissingFileIsAOneLineUsageError(params string[] args)
    {
        var (exit, output) = await RunAsync([.. args, .. args[0] == "admin" ? new[] { "--url", _root } : Array.Empty<string>()]);

        Assert.Equal(2, exit);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("does not exist", line, StringComparison.Ordinal);
        Assert.Contains(args.First(a => a.StartsWith("missing-", StringComparison.Ordinal)), line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownChaosKindIsAOneLineUsageErrorListingTheKinds()
    {
        var rule = Path.Combine(Path.GetTempPath(), $"carriersim-rule-{Guid.NewGuid():N}.json");
        var scenario = Path.Combine(Path.GetTempPath(), $"carriersim-scenario-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(rule, """{ "name": "x", "kind": "explode" }""", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(scenario, "rules:\n  - name: x\n    kind: explode\n", TestContext.Current.CancellationToken);
        try
        {
            var (addExit, add) = await RunAsync("admin", "rules", "add", rule, "--url", _root);
            var (applyExit, apply) = await RunAsync("admin", "scenario", "apply", scenario, "--url", _root);
            var (serveExit, serve) = await RunAsync("serve", "--port", "0", "--scenario", scenario);

            Assert.Equal((2, 2, 2), (addExit, applyExit, serveExit));
            foreach (var output in new[] { add, apply, serve })
            {
                var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
                Assert.Contains("\"explode\" is not a chaos kind", line, StringComparison.Ordinal);
                Assert.Contains("fault, latency, outcome", line, StringComparison.Ordinal);
            }
        }
        finally
        {
            File.Delete(rule);
            File.Delete(scenario);
        }
    }
}
