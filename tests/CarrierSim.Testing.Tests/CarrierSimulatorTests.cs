using System.Net;
using System.Net.Sockets;
using CarrierSim.AdminClient;
using Microsoft.Extensions.Time.Testing;

namespace CarrierSim.Testing.Tests;

/// <summary>What both hosting variants must do alike; each derived class runs them on one variant.</summary>
public abstract class CarrierSimulatorContract
{
    protected abstract Task<CarrierSimulator> StartAsync(Action<CarrierSimulatorOptions>? configure = null);

    [Fact]
    public async Task InfoReportsTheConfiguredSeedAndAllDialects()
    {
        await using var sim = await StartAsync(o => o.Seed = 1234);

        var info = await sim.Admin.GetInfoAsync(Http.Cancel);

        Assert.Equal(1234, info.Seed);
        Assert.Equal(CarrierSimulatorOptions.AllDialects.Order(), info.Dialects.Select(d => d.Name).Order());
        Assert.Equal(CarrierSimulatorOptions.AllDialects, sim.Dialects);
    }

    [Theory]
    [InlineData("dialstack", "v1/phone-numbers")]
    [InlineData("agentmessage", "v1/phone-numbers")]
    [InlineData("dialnexa", "v1/organization-phone-numbers")]
    [InlineData("identitycall", "api/v1/public/virtual_numbers")]
    public async Task CreateClientIsAuthenticatedForEachDialect(string dialect, string listPath)
    {
        await using var sim = await StartAsync();
        using var anonymous = new HttpClient(sim.CreateHandler()) { BaseAddress = sim.BaseAddress(dialect) };

        using var unauthenticated = await anonymous.GetAsync(listPath, Http.Cancel);
        using var authenticated = await sim.CreateClient(dialect).GetAsync(listPath, Http.Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        Assert.True(authenticated.IsSuccessStatusCode, $"{dialect}: {(int)authenticated.StatusCode} {await authenticated.Content.ReadAsStringAsync(Http.Cancel)}");
    }

    [Theory]
    [InlineData("dialstack", "v1/phone-numbers")]
    [InlineData("agentmessage", "v1/phone-numbers")]
    [InlineData("dialnexa", "v1/organization-phone-numbers")]
    [InlineData("identitycall", "api/v1/public/virtual_numbers")]
    public async Task NamedAccountsGetWellFormedCredentials(string dialect, string listPath)
    {
        await using var sim = await StartAsync();

        using var response = await sim.CreateClient(dialect, "Team Alice #1").GetAsync(listPath, Http.Cancel);

        Assert.True(response.IsSuccessStatusCode, $"{dialect}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Http.Cancel)}");
    }

    [Fact]
    public async Task AccountsAreIsolatedTenants()
    {
        await using var sim = await StartAsync(o => o.OrderPendingFor = TimeSpan.Zero);
        var alice = sim.CreateClient("dialstack", "alice");
        var bob = sim.CreateClient("dialstack", "bob");
        var numbers = await alice.SearchDialStackAsync("area_code=919&quantity=1");
        await alice.OrderDialStackAsync(numbers);

        var alices = await alice.GetJsonAsync("v1/phone-numbers");
        var bobs = await bob.GetJsonAsync("v1/phone-numbers");

        Assert.Equal(numbers[0], alices.GetProperty("data")[0].GetProperty("phone_number").GetString());
        Assert.Equal(0, bobs.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task TheSameSeedGivesTheSameInventoryAndAnotherSeedAnother()
    {
        string[] first, again, other;
        await using (var sim = await StartAsync(o => o.Seed = 7))
        {
            first = await sim.CreateClient("dialstack").SearchDialStackAsync("area_code=919&quantity=5");
        }

        await using (var sim = await StartAsync(o => o.Seed = 7))
        {
            again = await sim.CreateClient("dialstack").SearchDialStackAsync("area_code=919&quantity=5");
        }

        await using (var sim = await StartAsync(o => o.Seed = 8))
        {
            other = await sim.CreateClient("dialstack").SearchDialStackAsync("area_code=919&quantity=5");
        }

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task ScenarioOptionAppliesAtStart()
    {
        await using var sim = await StartAsync(o => o.Scenario = "outage");

        using var response = await sim.CreateClient("dialstack").GetAsync("v1/available-phone-numbers?area_code=919", Http.Cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal("outage", (await sim.Admin.GetInfoAsync(Http.Cancel)).Scenario);
    }

    [Fact]
    public async Task DialectsOptionLimitsWhatIsServed()
    {
        await using var sim = await StartAsync(o => o.Dialects.Add("DialStack"));

        var info = await sim.Admin.GetInfoAsync(Http.Cancel);
        var error = Assert.Throws<ArgumentException>(() => sim.CreateClient("agentmessage"));

        Assert.Equal(["dialstack"], info.Dialects.Select(d => d.Name));
        Assert.Contains("not served", error.Message);
    }

    [Fact]
    public async Task DeclaredAccountsAreThereAtStartAndAfterReset()
    {
        await using var sim = await StartAsync(o => o.Accounts.Add(new AccountDefinition
        {
            Dialect = "agentmessage",
            Id = "org_broke",
            Credit = 0,
            Keys = [new AccountKeyDefinition { Key = "am_live_brokekey", Scopes = ["numbers:read"] }],
            Campaigns = [new AccountCampaign { Id = "cmp_1", Name = "Alerts", BrandName = "Acme", BrandStatus = BrandStatus.VettedVerified }],
        }));

        var declared = await sim.Admin.GetAccountAsync("agentmessage", "org_broke", Http.Cancel);
        await sim.Admin.ResetAsync(Http.Cancel);
        var afterReset = await sim.Admin.GetAccountAsync("agentmessage", "org_broke", Http.Cancel);

        Assert.Equal(0m, declared.Credit);
        Assert.Equal(["numbers:read"], declared.Keys.Single().Scopes);
        Assert.Equal(BrandStatus.VettedVerified, declared.Campaigns.Single().BrandStatus);
        Assert.Equal(0m, afterReset.Credit);
        Assert.Equal("am_live_brokekey", afterReset.Keys.Single().Key);
        Assert.Equal("cmp_1", afterReset.Campaigns.Single().Id);
    }

    [Fact]
    public async Task OrdersSettleOnAFakeTimeProvider()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 9, 0, 0, TimeSpan.Zero));
        await using var sim = await StartAsync(o =>
        {
            o.TimeProvider = time;
            o.OrderPendingFor = TimeSpan.FromMinutes(10);
        });
        var dialstack = sim.CreateClient("dialstack");
        var id = await dialstack.OrderDialStackAsync(await dialstack.SearchDialStackAsync());

        var pending = await dialstack.GetJsonAsync($"v1/phone-number-orders/{id}");
        time.Advance(TimeSpan.FromMinutes(10));
        var settled = await dialstack.GetJsonAsync($"v1/phone-number-orders/{id}");

        Assert.Equal("pending", pending.GetProperty("status").GetString());
        Assert.Equal("complete", settled.GetProperty("status").GetString());
        Assert.Equal(time.GetUtcNow(), sim.Clock.UtcNow);
    }

    [Fact]
    public async Task ClockAdvanceSettlesDueOrders()
    {
        await using var sim = await StartAsync(o => o.OrderPendingFor = TimeSpan.FromHours(1));
        var dialstack = sim.CreateClient("dialstack");
        var id = await dialstack.OrderDialStackAsync(await dialstack.SearchDialStackAsync());
        var frozenAt = sim.Clock.Freeze();

        var now = sim.Clock.Advance(TimeSpan.FromHours(1));
        var order = await sim.Admin.GetOrderAsync(id, Http.Cancel);

        Assert.True(sim.Clock.IsFrozen);
        Assert.Equal(frozenAt + TimeSpan.FromHours(1), now);
        Assert.Equal(OrderStatus.Complete, order.Status);
        Assert.Throws<ArgumentOutOfRangeException>(() => sim.Clock.Advance(TimeSpan.FromSeconds(-1)));
    }

    [Fact]
    public async Task AdminTokenIsRequiredAndSentByAdmin()
    {
        await using var sim = await StartAsync(o => o.AdminToken = "s3cret-admin-token");
        using var raw = new HttpClient(sim.CreateHandler()) { BaseAddress = sim.RootAddress };

        using var refused = await raw.GetAsync("__admin/info", Http.Cancel);
        using var health = await raw.GetAsync("__admin/health", Http.Cancel);
        var info = await sim.Admin.GetInfoAsync(Http.Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("CarrierSim", info.Name);
    }

    [Fact]
    public async Task DisposeDisposesCreatedClients()
    {
        var sim = await StartAsync();
        var client = sim.CreateClient("dialnexa");

        await sim.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.GetAsync("v1/organization-phone-numbers", Http.Cancel));
        Assert.Throws<ObjectDisposedException>(() => sim.CreateClient("dialnexa"));
        await sim.DisposeAsync();
    }

    [Fact]
    public async Task BadOptionsFailWithClearErrors()
    {
        var unknownDialect = await Assert.ThrowsAsync<ArgumentException>(() => StartAsync(o => o.Dialects.Add("nosuchvendor")));
        var unknownScenario = await Assert.ThrowsAsync<ArgumentException>(() => StartAsync(o => o.Scenario = "no-such-scenario"));
        var negativePending = await Assert.ThrowsAsync<ArgumentException>(() => StartAsync(o => o.OrderPendingFor = TimeSpan.FromSeconds(-1)));
        var badAccount = await Assert.ThrowsAsync<ArgumentException>(() => StartAsync(o => o.Accounts.Add(new AccountDefinition { Dialect = "nope", Id = "x" })));

        Assert.Contains("nosuchvendor", unknownDialect.Message);
        Assert.Contains("no-such-scenario", unknownScenario.Message);
        Assert.Contains("OrderPendingFor", negativePending.Message);
        Assert.Contains("dialect", badAccount.Message);
    }

    [Fact]
    public async Task UnknownDialectIsRejected()
    {
        await using var sim = await StartAsync();

        var error = Assert.Throws<ArgumentException>(() => sim.BaseAddress("DIALSTACK"));

        Assert.Contains("Unknown dialect", error.Message);
    }
}

public sealed class InMemorySimulatorTests : CarrierSimulatorContract
{
    protected override Task<CarrierSimulator> StartAsync(Action<CarrierSimulatorOptions>? configure = null) =>
        CarrierSimulator.StartInMemoryAsync(configure, Http.Cancel);

    [Fact]
    public async Task RunsWithoutASocket()
    {
        await using var sim = await StartAsync();

        Assert.True(sim.IsInMemory);
        Assert.Equal(new Uri("http://localhost/dialstack/"), sim.BaseAddress("dialstack"));
    }
}

public sealed class LoopbackSimulatorTests : CarrierSimulatorContract
{
    protected override Task<CarrierSimulator> StartAsync(Action<CarrierSimulatorOptions>? configure = null) =>
        CarrierSimulator.StartAsync(configure, Http.Cancel);

    [Fact]
    public async Task ListensOnARandomLoopbackPortAndFreesItOnDispose()
    {
        var sim = await StartAsync();
        var root = sim.RootAddress;
        using var plain = new HttpClient();

        using var health = await plain.GetAsync(new Uri(root, "__admin/health"), Http.Cancel);
        await sim.DisposeAsync();

        Assert.False(sim.IsInMemory);
        Assert.Equal("127.0.0.1", root.Host);
        Assert.NotEqual(0, root.Port);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => plain.GetAsync(new Uri(root, "__admin/health"), Http.Cancel));
        Assert.IsType<SocketException>(refused.InnerException);
    }

    [Fact]
    public async Task TwoSimulatorsGetTwoPorts()
    {
        await using var first = await StartAsync();
        await using var second = await StartAsync();

        Assert.NotEqual(first.RootAddress.Port, second.RootAddress.Port);
    }
}
