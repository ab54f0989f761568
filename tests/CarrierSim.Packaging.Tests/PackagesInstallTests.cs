using System.Net;
using System.Net.Sockets;
using System.Xml.Linq;

namespace CarrierSim.Packaging.Tests;

/// <summary>
/// What a new user gets: the packages and the `carrier-sim` tool, packed from this build into a local feed, installed
/// into a fresh project outside the repository (its own nuget.config: the feed plus nuget.org), and used. Takes minutes;
/// each command, its exit code and its time go into the test output (`dotnet test --output detailed` shows them).
/// </summary>
public sealed class PackagesInstallTests : IClassFixture<PackedFeed>
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(10);
    private readonly PackedFeed _feed;

    public PackagesInstallTests(PackedFeed feed)
    {
        _feed = feed;
        Progress.Write($"test {TestContext.Current.Test?.TestDisplayName}");
    }

    [Fact]
    public void EveryPackageCarriesTheMetadataAndTheOneVersion()
    {
        foreach (var (_, id) in PackedFeed.Packages)
        {
            Assert.True(File.Exists(_feed.PackagePath(id)), $"{id}.{_feed.Version}.nupkg is not in the feed: {string.Join(", ", Directory.GetFiles(_feed.Feed).Select(Path.GetFileName))}");
            var metadata = _feed.Nuspec(id);
            string Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value ?? "";

            Assert.Equal(id, Value("id"));
            Assert.Equal(_feed.Version, Value("version"));
            Assert.Equal("MIT", Value("license"));
            Assert.Equal("README.md", Value("readme"));
            Assert.True(Value("description").Length > 40, $"{id} has no real description: '{Value("description")}'");
            Assert.Contains("carriersim", Value("tags"), StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(Value("authors")), $"{id} has no authors");
            var repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
            Assert.Equal("https://github.com/carriersim/carriersim", repository.Attribute("url")?.Value);

            var entries = _feed.Entries(id);
            Assert.Contains("README.md", entries);
            Assert.Contains("LICENSE", entries);
            Assert.Contains("NOTICE", entries);

            // Every CarrierSim dependency is a package in this feed, at this version (the NU1101 of issue 17).
            var dependencies = metadata.Descendants().Where(e => e.Name.LocalName == "dependency" && e.Attribute("id")!.Value.StartsWith("CarrierSim.", StringComparison.Ordinal));
            foreach (var dependency in dependencies)
            {
                var name = dependency.Attribute("id")!.Value;
                Assert.True(PackedFeed.Packages.Any(p => p.Id == name), $"{id} depends on {name}, which is not packed");
                Assert.Equal(_feed.Version, dependency.Attribute("version")!.Value);
            }
        }

        var testing = _feed.Nuspec("CarrierSim.Testing").Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => e.Attribute("id")!.Value);
        Assert.Contains("CarrierSim.Server", testing);
    }

    [Fact]
    public void ContractsPackageShipsThePactEngineAndThePacts()
    {
        var entries = _feed.Entries("CarrierSim.Contracts");

        Assert.Contains("runtimes/linux-x64/native/libpact_ffi.so", entries);
        foreach (var dialect in Directory.GetDirectories(Path.Combine(_feed.Root, "contracts", "pacts")).Select(Path.GetFileName))
        {
            Assert.Contains($"contentFiles/any/any/pacts/{dialect}/carriersim-docs-{dialect}.json", entries);
        }

        var files = _feed.Nuspec("CarrierSim.Contracts").Descendants().Where(e => e.Name.LocalName == "files" && e.Parent?.Name.LocalName == "contentFiles").ToList();
        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.Equal("true", f.Attribute("copyToOutput")?.Value));
    }

    [Fact]
    public void ToolPackageIsTheCarrierSimCommand()
    {
        var entries = _feed.Entries("carrier-sim");
        var settings = entries.Single(e => e.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal));
        var folder = settings[..settings.LastIndexOf('/')];

        Assert.Contains($"{folder}/carrier-sim.dll", entries);
        Assert.Contains($"{folder}/libpact_ffi.so", entries);
        Assert.Contains($"{folder}/pacts/dialstack/carriersim-docs-dialstack.json", entries);
        var packageTypes = _feed.Nuspec("carrier-sim").Descendants().Where(e => e.Name.LocalName == "packageType").Select(e => e.Attribute("name")?.Value);
        Assert.Contains("DotnetTool", packageTypes);
    }

    [Fact]
    public async Task FreshConsumerSearchesOrdersAndVerifiesWithThePackages()
    {
        var ct = TestContext.Current.CancellationToken;
        var consumer = Path.Combine(_feed.WorkDirectory, "consumer");
        Directory.CreateDirectory(consumer);
        WriteConsumer(consumer);

        var result = await Command.RunAsync(Command.Dotnet, ["test", "-v", "minimal"], consumer, Long, Isolated(), ct);

        result.EnsureSuccess();
        Assert.Matches(@"(?m)succeeded:\s*1\b", result.Output);
        Assert.Matches(@"(?m)failed:\s*0\b", result.Output);
        var restored = Path.Combine(_feed.WorkDirectory, "packages", "carriersim.testing", _feed.Version);
        Assert.True(Directory.Exists(restored), $"CarrierSim.Testing was not restored from the feed into {restored}");
    }

    [Fact]
    public async Task InstalledToolVerifiesASimulatorItStarts()
    {
        var ct = TestContext.Current.CancellationToken;
        var tools = Path.Combine(_feed.WorkDirectory, "tools");
        var toolConfig = Path.Combine(_feed.WorkDirectory, "tool-nuget.config");
        // The tool has no dependencies: the local feed alone must be enough to install it.
        File.WriteAllText(toolConfig, """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
              </packageSources>
            </configuration>
            """);

        (await Command.RunAsync(
            Command.Dotnet,
            ["tool", "install", "--tool-path", tools, "carrier-sim", "--version", _feed.Version, "--add-source", _feed.Feed, "--configfile", toolConfig],
            _feed.WorkDirectory, Long, Isolated(), ct)).EnsureSuccess();
        var tool = Path.Combine(tools, "carrier-sim");
        Assert.True(File.Exists(tool), $"dotnet tool install did not create {tool}");

        var port = FreePort();
        var root = $"http://127.0.0.1:{port}";
        var (server, serverOutput) = Command.Start(tool, ["serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)], _feed.WorkDirectory);
        try
        {
            await WaitForHealthAsync(server, serverOutput, new Uri($"{root}/__admin/health"), ct);

            var verified = await Command.RunAsync(
                tool,
                ["verify", "--dialect", "dialstack", "--base-url", $"{root}/dialstack", "--state-change-url", $"{root}/__admin/provider-states"],
                _feed.WorkDirectory, Long, cancellationToken: ct);
            verified.EnsureSuccess();

            // The same contracts against another vendor's API must fail: the tool really checks.
            var wrong = await Command.RunAsync(
                tool,
                ["verify", "--dialect", "dialstack", "--base-url", $"{root}/agentmessage", "--state-change-url", $"{root}/__admin/provider-states"],
                _feed.WorkDirectory, Long, cancellationToken: ct);
            Assert.True(wrong.ExitCode == 1, $"verifying the DialStack contracts against the AgentMessage dialect exited {wrong.ExitCode}, expected 1:\n{CommandResult.Tail(wrong.Output)}");
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync(CancellationToken.None);
            server.Dispose();
        }
    }

    /// <summary>
    /// NuGet settings for the children: a global packages folder of their own, so that packages of this version left
    /// by an earlier run are never reused, with the machine's folder as a read-only fallback for everything else.
    /// </summary>
    private Dictionary<string, string> Isolated() => new()
    {
        ["NUGET_PACKAGES"] = Path.Combine(_feed.WorkDirectory, "packages"),
    };

    private void WriteConsumer(string consumer)
    {
        var central = XDocument.Load(Path.Combine(_feed.Root, "Directory.Packages.props"));
        string Pinned(string id) => central.Descendants("PackageVersion").Single(e => e.Attribute("Include")?.Value == id).Attribute("Version")!.Value;
        var machinePackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

        // Stops MSBuild from looking further up for Directory.Build.props / Directory.Packages.props.
        File.WriteAllText(Path.Combine(_feed.WorkDirectory, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(_feed.WorkDirectory, "Directory.Build.targets"), "<Project />\n");
        File.Copy(Path.Combine(_feed.Root, "global.json"), Path.Combine(consumer, "global.json"), overwrite: true);
        File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="carriersim-local" value="{_feed.Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="carriersim-local">
                  <package pattern="CarrierSim.*" />
                  <package pattern="carrier-sim" />
                </packageSource>
                <packageSource key="nuget.org">
                  <package pattern="*" />
                </packageSource>
              </packageSourceMapping>
              <fallbackPackageFolders>
                <add key="machine" value="{machinePackages}" />
              </fallbackPackageFolders>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(consumer, "Consumer.Tests.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <OutputType>Exe</OutputType>
                <IsPackable>false</IsPackable>
                <IsTestProject>true</IsTestProject>
                <UseMicrosoftTestingPlatformRunner>true</UseMicrosoftTestingPlatformRunner>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="CarrierSim.Testing" Version="{_feed.Version}" />
                <PackageReference Include="CarrierSim.AdminClient" Version="{_feed.Version}" />
                <PackageReference Include="CarrierSim.Contracts" Version="{_feed.Version}" />
                <PackageReference Include="xunit.v3" Version="{Pinned("xunit.v3")}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(consumer, "OrderingTests.cs"), """
            using System.Net;
            using System.Net.Http.Json;
            using System.Text.Json;
            using CarrierSim.AdminClient;
            using CarrierSim.Contracts;
            using CarrierSim.Testing;
            using Xunit;

            namespace Consumer.Tests;

            public sealed class OrderingTests
            {
                [Fact]
                public async Task SearchOrderPollAndVerifyTheContract()
                {
                    var ct = TestContext.Current.CancellationToken;
                    await using var sim = await CarrierSimulator.StartAsync(o => o.OrderPendingFor = TimeSpan.FromMilliseconds(200), ct);
                    using var dialstack = sim.CreateClient("dialstack");

                    var search = await dialstack.GetFromJsonAsync<JsonElement>("v1/available-phone-numbers?area_code=919&quantity=2", ct);
                    var numbers = search.GetProperty("data").EnumerateArray().Select(n => n.GetProperty("phone_number").GetString()!).ToArray();
                    Assert.Equal(2, numbers.Length);
                    Assert.All(numbers, n => Assert.StartsWith("+1919", n, StringComparison.Ordinal));

                    using var created = await dialstack.PostAsJsonAsync("v1/phone-number-orders", new { phone_numbers = numbers }, ct);
                    Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                    var id = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetString()!;

                    var status = "pending";
                    for (var i = 0; i < 100 && status == "pending"; i++)
                    {
                        await Task.Delay(50, ct);
                        status = (await dialstack.GetFromJsonAsync<JsonElement>($"v1/phone-number-orders/{id}", ct)).GetProperty("status").GetString()!;
                    }

                    Assert.Equal("complete", status);
                    var orders = await sim.Admin.ListOrdersAsync("dialstack", cancellationToken: ct);
                    Assert.Equal(OrderStatus.Complete, Assert.Single(orders).Status);

                    // CarrierSim.Contracts: the Pact engine (a runtime asset) and the pacts (content files) came with the package.
                    var result = await new PactVerifier(new VerificationOptions
                    {
                        ProviderName = "dialstack",
                        ProviderBaseUrl = new Uri(sim.RootAddress, "dialstack"),
                        PactDirectories = [Path.Combine(AppContext.BaseDirectory, "pacts", "dialstack")],
                        StateChangeUrl = new Uri(sim.RootAddress, "__admin/provider-states"),
                    }).VerifyAsync();
                    Assert.True(result.Succeeded, result.FormatReport());
                    Assert.True(result.VerifiedCount > 5, $"only {result.VerifiedCount} interactions verified");
                }
            }
            """);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitForHealthAsync(System.Diagnostics.Process server, System.Text.StringBuilder output, Uri health, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(server.HasExited, $"carrier-sim serve exited ({(server.HasExited ? server.ExitCode : 0)}) before it answered:\n{Command.Snapshot(output)}");
            try
            {
                using var response = await http.GetAsync(health, ct);
                if (response.IsSuccessStatusCode)
                {
                    Progress.Write($"  simulator up at {health.GetLeftPart(UriPartial.Authority)}");
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // Timed out: try again.
            }

            await Task.Delay(250, ct);
        }

        Assert.Fail($"carrier-sim serve did not answer {health} within a minute:\n{Command.Snapshot(output)}");
    }
}
