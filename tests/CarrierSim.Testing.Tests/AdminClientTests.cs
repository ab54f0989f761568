using System.Net;
using System.Text.Json.Nodes;
using CarrierSim.AdminClient;

namespace CarrierSim.Testing.Tests;

/// <summary>Every method of the typed admin client against a real (in-memory) simulator.</summary>
public sealed class AdminClientTests : IAsyncLifetime
{
    private CarrierSimulator _sim = null!;
    private CarrierSimAdminClient _admin = null!;
    private HttpClient _dialstack = null!;

    public async ValueTask InitializeAsync()
    {
        _sim = await CarrierSimulator.StartInMemoryAsync(o => o.OrderPendingFor = TimeSpan.FromMinutes(5), Http.Cancel);
        _admin = _sim.Admin;
        _dialstack = _sim.CreateClient("dialstack");
    }

    public async ValueTask DisposeAsync() => await _sim.DisposeAsync();

    [Fact]
    public void ConstructorNeedsABaseAddress()
    {
        using var http = new HttpClient();

        var error = Assert.Throws<ArgumentException>(() => new CarrierSimAdminClient(http));

        Assert.Contains("BaseAddress", error.Message);
    }

    [Fact]
    public async Task InfoAndHealth()
    {
        var info = await _admin.GetInfoAsync(Http.Cancel);
        var health = await _admin.GetHealthAsync(Http.Cancel);

        Assert.Equal("CarrierSim", info.Name);
        Assert.Equal(42, info.Seed);
        Assert.Contains(info.Dialects, d => d.Name == "dialstack" && d.BasePath == "/dialstack" && d.Credentials.Contains("sk_test_carriersim"));
        Assert.Equal("ok", health.Status);
    }

    [Fact]
    public async Task ChaosRuleLifecycle()
    {
        var created = await _admin.PutChaosRuleAsync(new OutcomeRule
        {
            Name = "unavailable",
            StatusCode = 503,
            RetryAfterSeconds = 2,
            Target = new ChaosTarget { Operation = "dialstack.searchNumbers" },
        }, Http.Cancel);
        using var injected = await _dialstack.GetAsync("v1/available-phone-numbers?area_code=919", Http.Cancel);
        var afterOne = await _admin.GetChaosRuleAsync("unavailable", Http.Cancel);
        var halved = await _admin.UpdateChaosRuleAsync("unavailable", new JsonObject { ["injectionRate"] = 0.5 }, Http.Cancel);
        var disabled = await _admin.SetChaosRuleEnabledAsync("unavailable", false, Http.Cancel);
        var listed = await _admin.ListChaosRulesAsync(Http.Cancel);
        var injections = await _admin.ListInjectionsAsync(rule: "unavailable", cancellationToken: Http.Cancel);
        await _admin.DeleteChaosRuleAsync("unavailable", Http.Cancel);
        var gone = await Assert.ThrowsAsync<CarrierSimAdminException>(() => _admin.GetChaosRuleAsync("unavailable", Http.Cancel));

        Assert.Equal(0, created.Injected);
        Assert.Equal(1.0, created.InjectionRate);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, injected.StatusCode);
        Assert.Equal(1, afterOne.Injected);
        Assert.Equal(0.5, halved.InjectionRate);
        Assert.False(disabled.Enabled);
        Assert.Equal("unavailable", Assert.Single(listed).Name);
        var injection = Assert.Single(injections);
        Assert.Equal(ChaosKind.Outcome, injection.Kind);
        Assert.Equal("dialstack.searchNumbers", injection.Operation);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Contains("No chaos rule named 'unavailable'", gone.Error);
    }

    [Fact]
    public async Task ReadRulesCanBeSentBack()
    {
        await _admin.PutChaosRuleAsync(new LatencyRule { Name = "slow", DelayMs = 1 }, Http.Cancel);
        var read = await _admin.GetChaosRuleAsync("slow", Http.Cancel);

        var replaced = Assert.IsType<LatencyRule>(await _admin.PutChaosRuleAsync(Assert.IsType<LatencyRule>(read) with { DelayMs = 2 }, Http.Cancel));

        Assert.Equal(2, replaced.DelayMs);
        Assert.Equal(LatencyDistribution.Fixed, replaced.Distribution);
    }

    [Fact]
    public async Task AnAdvanceOutOfRangeGivesTheProblemsDetail()
    {
        var error = await Assert.ThrowsAsync<CarrierSimAdminException>(() => _admin.AdvanceClockAsync(TimeSpan.FromDays(40_000), Http.Cancel));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("at most 100 years", error.Error);
        Assert.Contains("at most 100 years", error.Message);
        Assert.Contains("\"detail\"", error.ResponseBody);
    }

    [Theory]
    [InlineData("""{"type":"about:blank","title":"Bad Request","status":400,"detail":"seconds must be finite"}""", "seconds must be finite")]
    [InlineData("""{"error":"The admin API needs the admin token"}""", "The admin API needs the admin token")]
    [InlineData("""{"type":"about:blank","title":"Not Found","status":404}""", "Not Found")]
    public async Task TheMessageComesFromTheProblemsDetailOrALegacyError(string body, string message)
    {
        using var http = new HttpClient(new Answer(body)) { BaseAddress = new Uri("http://localhost/") };
        var client = new CarrierSimAdminClient(http);

        var error = await Assert.ThrowsAsync<CarrierSimAdminException>(() => client.GetClockAsync(Http.Cancel));

        Assert.Equal(message, error.Error);
        Assert.EndsWith(": " + message, error.Message, StringComparison.Ordinal);
    }

    private sealed class Answer(string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/problem+json") });
    }

    [Fact]
    public async Task InvalidRuleGivesTheServersMessage()
    {
        var error = await Assert.ThrowsAsync<CarrierSimAdminException>(() =>
            _admin.PutChaosRuleAsync(new OutcomeRule { Name = "bad", StatusCode = 200 }, Http.Cancel));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("statusCode between 400 and 599", error.Error);
        Assert.Contains("POST /__admin/chaos/rules answered 400", error.Message);
    }

    [Fact]
    public async Task ClearRulesAndInjections()
    {
        await _admin.PutChaosRuleAsync(new DroughtRule { Name = "drought" }, Http.Cancel);
        var empty = await _dialstack.SearchDialStackAsync();

        await _admin.ClearChaosRulesAsync(Http.Cancel);
        await _admin.ClearInjectionsAsync(Http.Cancel);

        Assert.Empty(empty);
        Assert.Empty(await _admin.ListChaosRulesAsync(Http.Cancel));
        Assert.Empty(await _admin.ListInjectionsAsync(cancellationToken: Http.Cancel));
    }

    [Fact]
    public async Task Scenarios()
    {
        var catalog = await _admin.ListScenariosAsync(Http.Cancel);
        var applied = await _admin.ApplyScenarioAsync("partial-fills", Http.Cancel);
        var afterApply = await _admin.ListScenariosAsync(Http.Cancel);
        var custom = await _admin.ApplyCustomScenarioAsync(new ChaosScenario
        {
            Name = "mine",
            Rules = [new OutcomeRule { Name = "teapot", StatusCode = 418 }],
        }, Http.Cancel);
        var yaml = await _admin.ApplyCustomScenarioAsync("name: from-yaml\nrules:\n  - name: drought\n    kind: drought\n", ScenarioFormat.Yaml, Http.Cancel);
        var rules = await _admin.ListChaosRulesAsync(Http.Cancel);
        var unknown = await Assert.ThrowsAsync<CarrierSimAdminException>(() => _admin.ApplyScenarioAsync("no-such", Http.Cancel));

        Assert.Contains(catalog.BuiltIn, s => s.Name == "contested-inventory" && s.Rules.Single().Kind == ChaosKind.Race);
        Assert.Equal(0.5, Assert.IsType<PartialFillRule>(applied.Rules.Single()).FillRatio);
        Assert.Equal("partial-fills", afterApply.Current);
        Assert.Equal(418, Assert.IsType<OutcomeRule>(custom.Rules.Single()).StatusCode);
        Assert.Equal("from-yaml", yaml.Name);
        Assert.Equal(ChaosKind.Drought, Assert.Single(rules).Kind);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("contested-inventory", unknown.Error);
    }

    [Fact]
    public async Task Clock()
    {
        var frozen = await _admin.FreezeClockAsync(Http.Cancel);
        var advanced = await _admin.AdvanceClockAsync(TimeSpan.FromSeconds(90), Http.Cancel);
        var read = await _admin.GetClockAsync(Http.Cancel);
        var running = await _admin.UnfreezeClockAsync(Http.Cancel);

        Assert.True(frozen.Frozen);
        Assert.Equal(frozen.Now + TimeSpan.FromSeconds(90), advanced.Now);
        Assert.Equal(advanced, read);
        Assert.False(running.Frozen);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _admin.AdvanceClockAsync(TimeSpan.FromSeconds(-1), Http.Cancel));
    }

    [Fact]
    public async Task Accounts()
    {
        var created = await _admin.CreateAccountAsync(new AccountDefinition
        {
            Dialect = "dialnexa",
            Id = "ws_acme",
            Credit = 12.5m,
            EnabledCountries = ["US", "GB"],
            KycPendingCountries = ["GB"],
            Keys = [new AccountKeyDefinition { Key = "key_acme:secret_acme" }],
        }, Http.Cancel);
        var list = await _admin.ListAccountsAsync("dialnexa", Http.Cancel);
        var credited = await _admin.SetCreditAsync("dialnexa", "ws_acme", 0m, Http.Cancel);
        await _dialstack.SearchDialStackAsync();
        var dialstackTenant = Assert.Single(await _admin.ListAccountsAsync("dialstack", Http.Cancel));
        var byId = await _admin.GetAccountAsync("dialstack", dialstackTenant.Id, Http.Cancel);
        var missing = await Assert.ThrowsAsync<CarrierSimAdminException>(() => _admin.GetAccountAsync("dialnexa", "nobody", Http.Cancel));
        var invalid = await Assert.ThrowsAsync<CarrierSimAdminException>(() => _admin.CreateAccountAsync(new AccountDefinition { Dialect = "nope", Id = "x" }, Http.Cancel));

        Assert.Equal(12.5m, created.Credit);
        Assert.Equal(["GB"], created.KycPendingCountries);
        Assert.Equal("ws_acme", Assert.Single(created.Keys).TenantId);
        Assert.Contains(list, a => a.Id == "ws_acme");
        Assert.Equal(0m, credited.Credit);
        Assert.Equal("sk_test_carriersim/acct_01h2xcejqtf2nbrexx3vqjhp41", dialstackTenant.Id);
        Assert.Equal(dialstackTenant.Owner, byId.Owner);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
    }

    [Fact]
    public async Task Inventory()
    {
        var found = await _admin.SearchInventoryAsync(new InventoryQuery { AreaCode = "919", Quantity = 3 }, Http.Cancel);
        var number = found[0].PhoneNumber;
        var details = await _admin.GetNumberAsync(number, Http.Cancel);
        var taken = await _admin.ForceNumberStateAsync(number, ForcedNumberState.Taken, cancellationToken: Http.Cancel);
        var owned = await _admin.ForceNumberStateAsync(found[1].PhoneNumber, ForcedNumberState.Owned, "dialnexa", "ws_owner", Http.Cancel);
        var ownedDetails = await _admin.GetNumberAsync(found[1].PhoneNumber, Http.Cancel);
        var stats = await _admin.GetInventoryStatsAsync(Http.Cancel);
        var malformed = await Assert.ThrowsAsync<CarrierSimAdminException>(() => _admin.GetNumberAsync("919-555", Http.Cancel));
        var badQuery = await Assert.ThrowsAsync<CarrierSimAdminException>(() => _admin.SearchInventoryAsync(new InventoryQuery { AreaCode = "12" }, Http.Cancel));

        Assert.Equal(3, found.Count);
        Assert.All(found, n => Assert.StartsWith("+1919", n.PhoneNumber));
        Assert.Equal("available", details.Number.State);
        Assert.Null(details.Owner);
        Assert.Equal("taken", taken.State);
        Assert.Equal("owned", owned.State);
        Assert.Equal(new NumberOwner { Dialect = "dialnexa", Id = "ws_owner" }, ownedDetails.Owner);
        Assert.True(stats.Exchanges > 0);
        Assert.Equal(1, stats.Owned);
        Assert.Equal(1, stats.TakenByCompetitors);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badQuery.StatusCode);
        Assert.Throws<ArgumentException>(() => { _ = _admin.ForceNumberStateAsync(number, ForcedNumberState.Owned, cancellationToken: Http.Cancel); });
    }

    [Fact]
    public async Task Orders()
    {
        var numbers = await _dialstack.SearchDialStackAsync();
        var id = await _dialstack.OrderDialStackAsync(numbers);

        var pending = await _admin.ListOrdersAsync("dialstack", OrderStatus.Pending, Http.Cancel);
        var read = await _admin.GetOrderAsync(id, Http.Cancel);
        var failed = await _admin.TransitionOrderAsync(id, OrderStatus.Failed, Http.Cancel);
        var illegal = await Assert.ThrowsAsync<CarrierSimAdminException>(() => _admin.TransitionOrderAsync(id, OrderStatus.Complete, Http.Cancel));
        var missing = await Assert.ThrowsAsync<CarrierSimAdminException>(() => _admin.GetOrderAsync("ord_nope", Http.Cancel));

        Assert.Equal(id, Assert.Single(pending).Id);
        Assert.Equal(OrderType.Purchase, read.Type);
        Assert.Equal(numbers, read.Requested);
        Assert.NotNull(read.DueAt);
        Assert.Equal(OrderStatus.Failed, failed.Status);
        Assert.Equal(numbers.Order(), failed.Failed.Order());
        Assert.Equal(HttpStatusCode.Conflict, illegal.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("No order 'ord_nope'.", missing.Error);
    }

    [Fact]
    public async Task JournalAndReset()
    {
        await _dialstack.SearchDialStackAsync();
        using (await _dialstack.GetAsync("v1/phone-number-orders/ord_missing", Http.Cancel))
        {
        }

        var searches = await _admin.GetJournalAsync(operation: "dialstack.searchNumbers", cancellationToken: Http.Cancel);
        var notFound = await _admin.GetJournalAsync(dialect: "dialstack", status: 404, limit: 5, cancellationToken: Http.Cancel);
        await _admin.ClearJournalAsync(Http.Cancel);
        var cleared = await _admin.GetJournalAsync(cancellationToken: Http.Cancel);
        await _dialstack.SearchDialStackAsync();
        await _admin.ResetAsync(Http.Cancel);
        var afterReset = await _admin.GetJournalAsync(cancellationToken: Http.Cancel);

        var search = Assert.Single(searches.Entries);
        Assert.Equal("GET", search.Method);
        Assert.Equal(200, search.Status);
        Assert.Equal("/dialstack/v1/available-phone-numbers", search.Path);
        Assert.Equal("dialstack.getOrder", Assert.Single(notFound.Entries).Operation);
        Assert.Empty(cleared.Entries);
        Assert.Empty(afterReset.Entries);
        Assert.True(searches.Capacity > 0);
    }

    [Fact]
    public async Task FollowJournalYieldsKeptEntriesThenEachNewRequest()
    {
        await _dialstack.SearchDialStackAsync();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Http.Cancel);
        stop.CancelAfter(TimeSpan.FromSeconds(30));

        var seen = new List<JournalEntry>();
        await foreach (var entry in _admin.FollowJournalAsync(dialect: "dialstack", since: 0, cancellationToken: stop.Token))
        {
            seen.Add(entry);
            if (seen.Count == 1)
            {
                // Sent only once the stream is open and has delivered the kept entry: it must arrive live.
                using (await _dialstack.GetAsync("v1/phone-number-orders/ord_missing", Http.Cancel))
                {
                }
            }
            else
            {
                break;
            }
        }

        Assert.Equal(2, seen.Count);
        Assert.Equal(("dialstack.searchNumbers", 200), (seen[0].Operation, seen[0].Status));
        Assert.Equal(("dialstack.getOrder", 404), (seen[1].Operation, seen[1].Status));
        Assert.True(seen[1].Id > seen[0].Id);
        Assert.Equal("/dialstack/v1/phone-number-orders/ord_missing", seen[1].Path);
    }
}
