using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using CarrierSim.AdminClient;
using CarrierSim.Tests.Shared;

namespace CarrierSim.Testcontainers.Tests;

/// <summary>The module against a real Docker engine and the simulator image (skipped without them outside CI).</summary>
public sealed class CarrierSimContainerTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<CarrierSimContainer> StartAsync(Func<CarrierSimBuilder, CarrierSimBuilder>? configure = null)
    {
        await DockerAvailability.RequireAsync();
        var container = (configure ?? (b => b))(new CarrierSimBuilder()).Build();
        var watch = Stopwatch.StartNew();
        await container.StartAsync(Cancel);
        TestContext.Current.SendDiagnosticMessage($"container start to healthy: {watch.ElapsedMilliseconds} ms ({DockerAvailability.Image})");
        return container;
    }

    [Fact]
    public async Task StartsHealthyOnARandomHostPortWithAGeneratedAdminToken()
    {
        await using var container = await StartAsync();
        using var http = new HttpClient { BaseAddress = container.GetRootAddress() };

        using var health = await http.GetAsync("__admin/health", Cancel);
        using var withoutToken = await http.GetAsync("__admin/info", Cancel);
        var info = await container.CreateAdminClient().GetInfoAsync(Cancel);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
        Assert.NotEqual(CarrierSimBuilder.CarrierSimPort, container.GetRootAddress().Port);
        Assert.Equal(48, container.AdminToken.Length);
        Assert.Equal(DocumentedDialects(), info.Dialects.Select(d => d.Name).Order(StringComparer.Ordinal));
    }

    /// <summary>The dialects this checkout documents (docs/dialects/{id}.md, the authoring guide aside): the image must serve each.</summary>
    private static List<string> DocumentedDialects()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Simulator.sln")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        var dialects = Directory.GetFiles(Path.Combine(root.FullName, "docs", "dialects"), "*.md")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(name => name != "authoring")
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(dialects.Count >= 8, $"docs/dialects documents only {dialects.Count} dialects");
        return dialects!;
    }

    [Fact]
    public async Task DialectsAnswerAtTheirBaseAddress()
    {
        await using var container = await StartAsync();
        using var dialstack = new HttpClient { BaseAddress = container.GetBaseAddress("dialstack") };
        dialstack.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sk_test_carriersim");
        dialstack.DefaultRequestHeaders.Add("DialStack-Account", "acct_01h2xcejqtf2nbrexx3vqjhp41");

        var body = await dialstack.GetStringAsync("v1/available-phone-numbers?area_code=919&quantity=3", Cancel);

        Assert.Contains("\"phone_number\":\"+1919", body.Replace(" ", "", StringComparison.Ordinal));
        Assert.Equal(new Uri(container.GetRootAddress(), "dialstack/"), container.GetBaseAddress("dialstack"));
    }

    [Fact]
    public async Task EveryServedDialectAnswersWithTheCredentialsTheImageDeclares()
    {
        await using var container = await StartAsync();

        // The list and the credentials come from the image's registry, through /__admin/info.
        Assert.NotEmpty(container.Dialects);
        foreach (var dialect in container.Dialects)
        {
            using var client = container.CreateClient(dialect);
            using var document = await client.GetAsync("openapi.json", Cancel);
            using var unknown = await client.GetAsync("no/such/endpoint", Cancel);

            Assert.Equal(HttpStatusCode.OK, document.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
            Assert.Contains("Unknown endpoint", await unknown.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task BuilderSettingsReachTheSimulator()
    {
        await using var container = await StartAsync(b => b
            .WithSeed(1234)
            .WithScenario("outage")
            .WithDialects("dialnexa")
            .WithAdminToken("my-admin-token-0123")
            .WithAccounts("""[{"dialect": "dialnexa", "id": "ws_broke", "credit": 0, "keys": [{"key": "key_broke:secret"}]}]"""));
        var admin = container.CreateAdminClient();

        var info = await admin.GetInfoAsync(Cancel);
        var account = await admin.GetAccountAsync("dialnexa", "ws_broke", Cancel);

        Assert.Equal(1234, info.Seed);
        Assert.Equal("outage", info.Scenario);
        Assert.Equal(["dialnexa"], info.Dialects.Select(d => d.Name));
        Assert.Equal(0m, account.Credit);
        Assert.Equal("my-admin-token-0123", container.AdminToken);
        Assert.Throws<ArgumentException>(() => container.GetBaseAddress("dialstack"));
    }

    [Fact]
    public async Task AdminClientControlsTheContainer()
    {
        await using var container = await StartAsync(b => b.WithOrderPendingFor(TimeSpan.FromHours(1)));
        var admin = container.CreateAdminClient();

        await admin.ApplyScenarioAsync("contested-inventory", Cancel);
        var clock = await admin.FreezeClockAsync(Cancel);
        var advanced = await admin.AdvanceClockAsync(TimeSpan.FromMinutes(5), Cancel);
        var rules = await admin.ListChaosRulesAsync(Cancel);

        Assert.Equal(ChaosKind.Race, Assert.Single(rules).Kind);
        Assert.Equal(clock.Now + TimeSpan.FromMinutes(5), advanced.Now);
    }
}
