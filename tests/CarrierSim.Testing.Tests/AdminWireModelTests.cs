using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CarrierSim.AdminClient;

namespace CarrierSim.Testing.Tests;

/// <summary>The admin wire model round-trips: client → real in-process server → client, for every resource.</summary>
public sealed class AdminWireModelTests : IAsyncLifetime
{
    private CarrierSimulator _sim = null!;
    private CarrierSimAdminClient _admin = null!;

    public static TheoryData<ChaosRule> OneOfEachKind => new(Rules);

    private static IEnumerable<ChaosRule> Rules =>
    [
        new FaultRule { Name = "fault", Fault = FaultKind.EmptyResponse, Target = new ChaosTarget { Dialect = "dialnexa" } },
        new LatencyRule { Name = "latency", Distribution = LatencyDistribution.Uniform, MinMs = 1, MaxMs = 2, InjectionRate = 0.25 },
        new OutcomeRule { Name = "outcome", StatusCode = 429, RetryAfterSeconds = 3, Message = "slow down", MaxInjections = 2 },
        new RaceRule { Name = "race", Target = new ChaosTarget { Operation = "*.createOrder", NumberPattern = @"^\+1919" } },
        new PartialFillRule { Name = "partialFill", FillRatio = 0.25, Enabled = false },
        new FulfilmentFailureRule { Name = "fulfilmentFailure", Message = "no stock" },
        new StuckPendingRule { Name = "stuckPending", PendingSeconds = 30 },
        new DroughtRule { Name = "drought", Target = new ChaosTarget { Account = "acme" } },
        new DropCallbackRule { Name = "dropCallback", Target = new ChaosTarget { Operation = "agentmessage.inboundCallback" } },
        new DuplicateCallbackRule { Name = "duplicateCallback" },
    ];

    public async ValueTask InitializeAsync()
    {
        _sim = await CarrierSimulator.StartInMemoryAsync(cancellationToken: Http.Cancel);
        _admin = _sim.Admin;
    }

    public async ValueTask DisposeAsync() => await _sim.DisposeAsync();

    [Theory]
    [MemberData(nameof(OneOfEachKind))]
    public async Task EveryRuleKindRoundTrips(ChaosRule rule)
    {
        var created = await _admin.PutChaosRuleAsync(rule, Http.Cancel);
        var fetched = await _admin.GetChaosRuleAsync(rule.Name, Http.Cancel);
        var listed = Assert.Single(await _admin.ListChaosRulesAsync(Http.Cancel));

        Assert.Equal(rule with { Injected = 0 }, created);
        Assert.Equal(created, fetched);
        Assert.Equal(created, listed);
    }

    [Fact]
    public async Task CallbackRulesAndTheirInjectionsCanBeListed()
    {
        // Regression: the client's ChaosKind lacked dropCallback and duplicateCallback, so listing threw.
        await using var sim = await CarrierSimulator.StartInMemoryAsync(o => o.AllowHttpCallbacks = true, Http.Cancel);
        var admin = sim.Admin;
        await admin.PutChaosRuleAsync(new DropCallbackRule { Name = "drop", Target = new ChaosTarget { Operation = "agentmessage.inboundCallback" } }, Http.Cancel);
        await admin.PutChaosRuleAsync(new DuplicateCallbackRule { Name = "twice", Target = new ChaosTarget { Operation = "agentmessage.statusCallback" } }, Http.Cancel);
        using var agentmessage = sim.CreateClient("agentmessage");
        using var search = await agentmessage.PostAsJsonAsync("v1/phone-numbers/search", new { area_code = "415", quantity = 1 }, Http.Cancel);
        var number = (await search.Content.ReadFromJsonAsync<JsonElement>(Http.Cancel)).GetProperty("data")[0].GetProperty("number").GetString()!;
        using var order = await agentmessage.PostAsJsonAsync("v1/phone-numbers/orders",
            new { numbers = new[] { number }, inbound_url = "http://127.0.0.1:9/inbound", status_url = "http://127.0.0.1:9/status" }, Http.Cancel);
        Assert.True(order.IsSuccessStatusCode, await order.Content.ReadAsStringAsync(Http.Cancel));

        var inbound = await admin.SimulateInboundMessageAsync(new CallbackMessage { Number = number }, wait: false, Http.Cancel);
        var status = await admin.SimulateMessageStatusAsync(new CallbackMessage { Number = number }, wait: false, Http.Cancel);
        var rules = await admin.ListChaosRulesAsync(Http.Cancel);
        var injections = await admin.ListInjectionsAsync(cancellationToken: Http.Cancel);
        var scenario = await admin.ApplyCustomScenarioAsync(new ChaosScenario { Name = "callbacks", Rules = [.. rules] }, Http.Cancel);

        Assert.True(inbound.Dropped);
        Assert.Equal(2, status.Copies);
        Assert.Equal([ChaosKind.DropCallback, ChaosKind.DuplicateCallback], rules.Select(r => r.Kind));
        Assert.Equal([1, 1], rules.Select(r => r.Injected));
        Assert.Equal([ChaosKind.DropCallback, ChaosKind.DuplicateCallback], injections.Select(i => i.Kind));
        Assert.Equal([typeof(DropCallbackRule), typeof(DuplicateCallbackRule)], scenario.Rules.Select(r => r.GetType()));
    }

    [Fact]
    public async Task ScenarioWithEveryKindRoundTrips()
    {
        var sent = new ChaosScenario { Name = "all", Description = "one of each", Rules = [.. Rules] };

        var applied = await _admin.ApplyCustomScenarioAsync(sent, Http.Cancel);
        var catalog = await _admin.ListScenariosAsync(Http.Cancel);
        var rules = await _admin.ListChaosRulesAsync(Http.Cancel);

        Assert.Equal(sent.Rules, applied.Rules);
        Assert.Equal(("all", "one of each"), (applied.Name, applied.Description));
        Assert.Equal("all", catalog.Current);
        Assert.Equal(sent.Rules, rules.Select(r => r with { Injected = null }));
    }

    [Fact]
    public async Task CallbackCallsReachTheServer()
    {
        var unknown = await Assert.ThrowsAsync<CarrierSimAdminException>(() =>
            _admin.SimulateInboundMessageAsync(new CallbackMessage { Number = "+19194601234", Body = "hi" }, cancellationToken: Http.Cancel));
        var badStatus = await Assert.ThrowsAsync<CarrierSimAdminException>(() =>
            _admin.SimulateMessageStatusAsync(new CallbackMessage { Number = "+19194601234", Status = "lost" }, cancellationToken: Http.Cancel));
        var missing = await Assert.ThrowsAsync<CarrierSimAdminException>(() =>
            _admin.SimulateMessageStatusAsync(new CallbackMessage { Number = "" }, wait: false, cancellationToken: Http.Cancel));
        var deliveries = await _admin.ListCallbackDeliveriesAsync("+19194601234", Http.Cancel);
        await _admin.ClearCallbackDeliveriesAsync(Http.Cancel);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("not an AgentMessage number", unknown.Error);
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        Assert.Contains("status must be", badStatus.Error);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Empty(deliveries);
    }

    [Fact]
    public async Task ProviderStates()
    {
        await _admin.SetUpProviderStateAsync("", null, Http.Cancel);
        await _admin.TearDownProviderStateAsync("anything", Http.Cancel);
        var unknown = await Assert.ThrowsAsync<CarrierSimAdminException>(() =>
            _admin.SetUpProviderStateAsync("the moon is full", new JsonObject { ["phase"] = "full" }, Http.Cancel));

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("the moon is full", unknown.Error);
    }

    [Fact]
    public void ClientJsonReadsKindAnywhere()
    {
        var rule = JsonSerializer.Deserialize<ChaosRule>("""{"name":"p","pendingSeconds":5,"kind":"stuckPending"}""", CarrierSimAdminClient.JsonOptions);

        Assert.Equal(new StuckPendingRule { Name = "p", PendingSeconds = 5 }, rule);
    }
}
