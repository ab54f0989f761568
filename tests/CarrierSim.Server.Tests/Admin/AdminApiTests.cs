using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace CarrierSim.Server.Tests.Admin;

public sealed class AdminApiTests : IAsyncLifetime
{
    private TestSimulator _sim = null!;
    private HttpClient _admin = null!;
    private HttpClient _dialstack = null!;

    public async ValueTask InitializeAsync()
    {
        _sim = await TestSimulator.StartAsync(new Dictionary<string, string?> { ["CarrierSim:JournalCapacity"] = "5" });
        _admin = _sim.Admin();
        _dialstack = _sim.DialStack();
    }

    public async ValueTask DisposeAsync() => await _sim.DisposeAsync();

    [Fact]
    public async Task ChaosRulesCrud()
    {
        var created = await (await _admin.PostJsonAsync("chaos/rules", new { name = "slow", kind = "latency", delayMs = 10 })).JsonAsync(201);
        var replaced = await (await _admin.PostJsonAsync("chaos/rules", new { name = "slow", kind = "latency", delayMs = 20 })).JsonAsync(200);
        var patched = await (await _admin.PatchAsync("chaos/rules/slow", JsonContent("""{"enabled": false, "injectionRate": 0.5}"""), TestContext.Current.CancellationToken)).JsonAsync(200);
        var listed = await (await _admin.Get("chaos/rules")).JsonAsync(200);
        var fetched = await (await _admin.Get("chaos/rules/slow")).JsonAsync(200);

        Assert.Equal(10, created.GetProperty("delayMs").GetDouble());
        Assert.Equal(20, replaced.GetProperty("delayMs").GetDouble());
        Assert.False(patched.GetProperty("enabled").GetBoolean());
        Assert.Equal(0.5, fetched.GetProperty("injectionRate").GetDouble());
        Assert.Equal(1, listed.GetArrayLength());
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync("chaos/rules/slow", TestContext.Current.CancellationToken)).StatusCode);
        await (await _admin.Get("chaos/rules/slow")).ProblemAsync(404);
    }

    [Theory]
    [InlineData("""{"name":"x","kind":"outcome"}""", "statusCode")]
    [InlineData("""{"name":"x","kind":"race","injectionRate":3}""", "injectionRate")]
    [InlineData("""{"name":"x","kind":"race","colour":"red"}""", "colour")]
    [InlineData("""{"name":"x","kind":"race","target":{"numberPattern":"("}}""", "numberPattern")]
    [InlineData("""{"name":"x","kind":"teleport"}""", "kind \"teleport\" is not a chaos kind; use one of: fault, latency, outcome, race, partialFill, fulfilmentFailure, stuckPending, drought, dropCallback, duplicateCallback, lostResponse.")]
    [InlineData("""{"name":"x"}""", "kind is required; use one of: fault, latency, outcome, race, partialFill, fulfilmentFailure, stuckPending, drought, dropCallback, duplicateCallback, lostResponse.")]
    [InlineData("""{"name":"x","fillRatio":1.5,"kind":"partialFill"}""", "fillRatio in [0, 1)")]
    [InlineData("""{"name":"x","kind":"race","statusCode":503}""", "statusCode")]
    public async Task InvalidRulesGet400WithTheReason(string body, string fragment)
    {
        var json = await (await _admin.PostRawAsync("chaos/rules", body)).ProblemAsync(400);

        Assert.Contains(fragment, json.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ScenariosListAndApply()
    {
        var list = await (await _admin.Get("scenarios")).JsonAsync(200);
        await (await _admin.PostAsync("scenarios/flaky-network/apply", null, TestContext.Current.CancellationToken)).JsonAsync(200);
        var rules = await (await _admin.Get("chaos/rules")).JsonAsync(200);
        var info = await (await _admin.Get("info")).JsonAsync(200);
        await (await _admin.PostAsync("scenarios/nope/apply", null, TestContext.Current.CancellationToken)).ProblemAsync(404);
        var custom = new StringContent("name: mine\nrules:\n  - name: dry\n    kind: drought\n", System.Text.Encoding.UTF8, "application/yaml");
        await (await _admin.PostAsync("scenarios", custom, TestContext.Current.CancellationToken)).JsonAsync(200);

        Assert.Contains(list.GetProperty("builtIn").EnumerateArray(), s => s.GetProperty("name").GetString() == "contested-inventory");
        Assert.Equal(4, rules.GetArrayLength());
        Assert.Equal("flaky-network", info.GetProperty("scenario").GetString());
        Assert.Equal("mine", (await (await _admin.Get("info")).JsonAsync(200)).GetProperty("scenario").GetString());
    }

    [Fact]
    public async Task ClockAdvanceMovesOrdersAlong()
    {
        await (await _admin.PostJsonAsync("clock/freeze", new { })).JsonAsync(200);
        var numbers = (await (await _dialstack.Get("v1/available-phone-numbers?area_code=919&quantity=1")).JsonAsync(200))
            .GetProperty("data").EnumerateArray().Select(n => n.GetProperty("phone_number").GetString()).ToArray();
        var order = await (await _dialstack.PostJsonAsync("v1/phone-number-orders", new { phone_numbers = numbers })).JsonAsync(201);
        var id = order.GetProperty("id").GetString();

        var before = await (await _admin.Get($"orders/{id}")).JsonAsync(200);
        var clock = await (await _admin.PostJsonAsync("clock/advance", new { seconds = 2 })).JsonAsync(200);
        var after = await (await _admin.Get($"orders/{id}")).JsonAsync(200);

        Assert.Equal("pending", before.GetProperty("status").GetString());
        Assert.True(clock.GetProperty("frozen").GetBoolean());
        Assert.Equal("complete", after.GetProperty("status").GetString());
        await (await _admin.PostJsonAsync("clock/advance", new { seconds = -1 })).ProblemAsync(400);
    }

    [Fact]
    public async Task OrdersCanBeForcedThroughTheTransitionTable()
    {
        var numbers = (await (await _dialstack.Get("v1/available-phone-numbers?area_code=919&quantity=2")).JsonAsync(200))
            .GetProperty("data").EnumerateArray().Select(n => n.GetProperty("phone_number").GetString()).ToArray();
        var id = (await (await _dialstack.PostJsonAsync("v1/phone-number-orders", new { phone_numbers = numbers })).JsonAsync(201)).GetProperty("id").GetString();

        var failed = await (await _admin.PostJsonAsync($"orders/{id}/transition", new { status = "failed" })).JsonAsync(200);
        var again = await (await _admin.PostJsonAsync($"orders/{id}/transition", new { status = "complete" })).ProblemAsync(409);
        var seen = await (await _dialstack.Get($"v1/phone-number-orders/{id}")).JsonAsync(200);
        var listed = await (await _admin.Get("orders?dialect=dialstack&status=failed")).JsonAsync(200);

        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Contains("cannot go from Failed to Complete", again.GetProperty("detail").GetString());
        Assert.Equal("failed", seen.GetProperty("status").GetString());
        Assert.Equal(1, listed.GetArrayLength());
    }

    [Fact]
    public async Task InventorySearchExposesEveryEngineFilter()
    {
        var byRateCenter = await (await _admin.Get("inventory/search?rateCenter=RALEIGH&state=NC&quantity=5")).JsonAsync(200);
        var byLata = await (await _admin.Get("inventory/search?lata=426&endsWith=42&quantity=3")).JsonAsync(200);
        var byBlock = await (await _admin.Get("inventory/search?npaNxxX=9194601&quantity=3")).JsonAsync(200);
        var international = await (await _admin.Get("inventory/search?country=GB&type=mobile&quantity=3")).JsonAsync(200);
        var bad = await (await _admin.Get("inventory/search?quantity=500")).ProblemAsync(400);

        Assert.All(byRateCenter.EnumerateArray(), n => Assert.Equal("RALEIGH", n.GetProperty("rateCenter").GetString()));
        Assert.All(byLata.EnumerateArray(), n => Assert.EndsWith("42", n.GetProperty("phoneNumber").GetString()));
        Assert.All(byBlock.EnumerateArray(), n => Assert.StartsWith("+19194601", n.GetProperty("phoneNumber").GetString()));
        Assert.All(international.EnumerateArray(), n => Assert.StartsWith("+447", n.GetProperty("phoneNumber").GetString()));
        Assert.Contains("quantity", bad.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task NumbersCanBeForcedToAnyState()
    {
        var number = (await (await _admin.Get("inventory/search?areaCode=919&quantity=1")).JsonAsync(200))[0].GetProperty("phoneNumber").GetString();
        var escaped = Uri.EscapeDataString(number!);

        var taken = await (await _admin.PutAsync($"inventory/numbers/{escaped}", JsonContent("""{"state":"taken"}"""), TestContext.Current.CancellationToken)).JsonAsync(200);
        var order = await (await _dialstack.PostJsonAsync("v1/phone-number-orders", new { phone_numbers = new[] { number } })).JsonAsync(409);
        var owned = await (await _admin.PutAsync($"inventory/numbers/{escaped}", JsonContent("""{"state":"owned","dialect":"dialstack","account":"sk_test_carriersim/acct_x"}"""), TestContext.Current.CancellationToken)).JsonAsync(200);
        var details = await (await _admin.Get($"inventory/numbers/{escaped}")).JsonAsync(200);
        var stats = await (await _admin.Get("inventory/stats")).JsonAsync(200);

        Assert.Equal("taken", taken.GetProperty("state").GetString());
        Assert.Equal("owned", owned.GetProperty("state").GetString());
        Assert.Equal("sk_test_carriersim/acct_x", details.GetProperty("owner").GetProperty("id").GetString());
        Assert.Equal(1, stats.GetProperty("owned").GetInt32());
        await (await _admin.PutAsync($"inventory/numbers/{escaped}", JsonContent("""{"state":"lost"}"""), TestContext.Current.CancellationToken)).ProblemAsync(400);
    }

    [Fact]
    public async Task AccountsCanBeDeclaredAndListed()
    {
        var created = await (await _admin.PostJsonAsync("accounts", new
        {
            dialect = "agentmessage", id = "org_broke", credit = 0,
            keys = new[] { new { key = "am_live_broke123", scopes = new[] { "numbers:read" } } },
        })).JsonAsync(201);
        await _dialstack.Get("v1/phone-numbers");
        var all = await (await _admin.Get("accounts")).JsonAsync(200);
        var credit = await (await _admin.PostJsonAsync("accounts/agentmessage/org_broke", new { credit = 12.5 })).JsonAsync(200);

        Assert.Equal(0, created.GetProperty("credit").GetDecimal());
        Assert.Contains(all.EnumerateArray(), a => a.GetProperty("dialect").GetString() == "dialstack");
        Assert.Equal(12.5m, credit.GetProperty("credit").GetDecimal());
        await (await _admin.PostJsonAsync("accounts", new { dialect = "nope", id = "x" })).ProblemAsync(400);
    }

    [Fact]
    public async Task DeletingATenantGivesItsNumbersBackAndForgetsItsOrders()
    {
        const string Tenant = "sk_test_carriersim/acct_01h2xcejqtf2nbrexx3vqjhp41";
        var numbers = (await (await _admin.Get("inventory/search?areaCode=919&quantity=2")).JsonAsync(200)).EnumerateArray()
            .Select(n => n.GetProperty("phoneNumber").GetString()!).ToArray();
        var order = await (await _dialstack.PostJsonAsync("v1/phone-number-orders", new { phone_numbers = numbers })).JsonAsync(201);
        var orderId = order.GetProperty("id").GetString();

        var deleted = await (await _admin.DeleteAsync($"accounts/dialstack/{Tenant}", TestContext.Current.CancellationToken)).JsonAsync(200);
        var again = await (await _admin.DeleteAsync($"accounts/dialstack/{Tenant}", TestContext.Current.CancellationToken)).ProblemAsync(404);
        var afterwards = await (await _dialstack.Get($"v1/phone-number-orders/{orderId}")).JsonAsync(404);
        var listed = await (await _dialstack.Get("v1/phone-numbers")).JsonAsync(200);
        var state = await (await _admin.Get($"inventory/numbers/{Uri.EscapeDataString(numbers[0])}")).JsonAsync(200);

        Assert.Equal("dialstack", deleted.GetProperty("dialect").GetString());
        Assert.Equal(Tenant, deleted.GetProperty("id").GetString());
        Assert.Equal(2, deleted.GetProperty("numbersReleased").GetInt32());
        Assert.Equal(1, deleted.GetProperty("ordersForgotten").GetInt32());
        Assert.Contains("GET /__admin/accounts", again.GetProperty("detail").GetString());
        Assert.Equal("resource_not_found", afterwards.GetProperty("code").GetString());
        Assert.Equal(0, listed.GetProperty("data").GetArrayLength());
        Assert.Equal("available", state.GetProperty("number").GetProperty("state").GetString());
        Assert.False(state.TryGetProperty("owner", out var owner) && owner.ValueKind != JsonValueKind.Null);
    }

    [Fact]
    public async Task JournalIsBoundedAndFilterable()
    {
        for (var i = 0; i < 8; i++)
        {
            await _dialstack.Get("v1/phone-numbers");
        }

        await _dialstack.Get("v1/available-phone-numbers");
        var all = await (await _admin.Get("journal")).JsonAsync(200);
        var bad = await (await _admin.Get("journal?status=400")).JsonAsync(200);
        var byOperation = await (await _admin.Get("journal?operation=dialstack.listNumbers")).JsonAsync(200);

        Assert.Equal(5, all.GetProperty("entries").GetArrayLength());
        Assert.Equal(5, all.GetProperty("capacity").GetInt32());
        Assert.Equal("dialstack.searchNumbers", Assert.Single(bad.GetProperty("entries").EnumerateArray()).GetProperty("operation").GetString());
        Assert.Equal(4, byOperation.GetProperty("entries").GetArrayLength());
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync("journal", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(0, (await (await _admin.Get("journal")).JsonAsync(200)).GetProperty("entries").GetArrayLength());
    }

    [Fact]
    public async Task JournalStreamSendsKeptEntriesThenEachNewRequest()
    {
        await _dialstack.Get("v1/phone-numbers");
        var kept = (await (await _admin.Get("journal")).JsonAsync(200)).GetProperty("entries")[0].GetProperty("id").GetInt64();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        using var response = await _admin.GetAsync($"journal/stream?since={kept - 1}&dialect=dialstack", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));

        var first = await NextEvent(reader, timeout.Token);
        await _dialstack.Get("v1/available-phone-numbers");
        var second = await NextEvent(reader, timeout.Token);

        Assert.Equal(kept, first.Id);
        Assert.Equal("dialstack.listNumbers", first.Data.GetProperty("operation").GetString());
        Assert.True(second.Id > kept);
        Assert.Equal("dialstack.searchNumbers", second.Data.GetProperty("operation").GetString());
        Assert.Equal(400, second.Data.GetProperty("status").GetInt32());
        await (await _admin.Get("journal/stream?since=soon")).ProblemAsync(400);
    }

    private static async Task<(long Id, JsonElement Data)> NextEvent(StreamReader reader, CancellationToken ct)
    {
        long? id = null;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = long.Parse(line[4..], System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                Assert.NotNull(id);
                return (id.Value, JsonDocument.Parse(line[6..]).RootElement.Clone());
            }
        }

        throw new InvalidOperationException("The stream ended before an event.");
    }

    [Fact]
    public async Task ResetForgetsEverything()
    {
        var number = (await (await _admin.Get("inventory/search?areaCode=919&quantity=1")).JsonAsync(200))[0].GetProperty("phoneNumber").GetString();
        await _dialstack.PostJsonAsync("v1/phone-number-orders", new { phone_numbers = new[] { number } });
        await _admin.PostJsonAsync("chaos/rules", new { name = "dry", kind = "drought" });

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.PostAsync("reset", null, TestContext.Current.CancellationToken)).StatusCode);

        Assert.Equal(0, (await (await _admin.Get("orders")).JsonAsync(200)).GetArrayLength());
        Assert.Equal(0, (await (await _admin.Get("chaos/rules")).JsonAsync(200)).GetArrayLength());
        Assert.Empty((await (await _dialstack.Get("v1/phone-numbers")).JsonAsync(200)).GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task UnknownProviderStateGets400NamingIt()
    {
        var json = await (await _admin.PostJsonAsync("provider-states", new { action = "setup", state = "the moon is full", @params = new { } })).ProblemAsync(400);
        var teardown = await _admin.PostJsonAsync("provider-states", new { action = "teardown", state = "the moon is full" });

        Assert.Contains("the moon is full", json.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, teardown.StatusCode);
    }

    [Fact]
    public async Task ProviderStateForcesANumberAvailable()
    {
        await (await _admin.PostJsonAsync("provider-states", new { action = "setup", state = "number {number} was taken by another buyer", @params = new { number = "+912234567890" } })).JsonAsync(200);
        var taken = await (await _admin.Get("inventory/numbers/%2B912234567890")).JsonAsync(200);
        await (await _admin.PostJsonAsync("provider-states", new { action = "setup", state = "number {number} is available", @params = new { number = "+912234567890" } })).JsonAsync(200);
        var available = await (await _admin.Get("inventory/numbers/%2B912234567890")).JsonAsync(200);

        Assert.Equal("taken", taken.GetProperty("number").GetProperty("state").GetString());
        Assert.Equal("available", available.GetProperty("number").GetProperty("state").GetString());
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}

public sealed class AdminTokenTests
{
    [Fact]
    public async Task AdminTokenIsRequiredExceptForHealth()
    {
        await using var sim = await TestSimulator.StartAsync(new Dictionary<string, string?> { ["CarrierSim:AdminToken"] = "s3cret-admin-token" });
        var admin = sim.Admin();

        Assert.Equal(HttpStatusCode.OK, (await admin.Get("health")).StatusCode);
        using var deniedResponse = await admin.Get("info");
        Assert.Equal("application/problem+json", deniedResponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bearer", deniedResponse.Headers.WwwAuthenticate.ToString());
        var denied = await deniedResponse.JsonAsync(401);
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, (await admin.Get("chaos/rules")).StatusCode);
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "s3cret-admin-token");

        Assert.Equal(HttpStatusCode.OK, (await admin.Get("info")).StatusCode);
        Assert.Equal(401, denied.GetProperty("status").GetInt32());
        Assert.Equal("Unauthorized", denied.GetProperty("title").GetString());
        Assert.Contains("admin token", denied.GetProperty("detail").GetString());
    }
}
