using System.Text.Json;

namespace CarrierSim.Server.Tests.Dialects;

/// <summary>DialStack's routing endpoint (<c>POST /v1/phone-numbers/{id}/route</c>) and the status of a pending order's rows.</summary>
public sealed class DialStackRoutingTests : IAsyncLifetime
{
    private TestSimulator _sim = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _sim = await TestSimulator.StartAsync();
        _client = _sim.DialStack();
    }

    public async ValueTask DisposeAsync() => await _sim.DisposeAsync();

    /// <summary>Orders one number and returns its DID row (inactive while the order is pending).</summary>
    private async Task<JsonElement> OrderOneAsync()
    {
        var found = await (await _client.Get("v1/available-phone-numbers?area_code=919&quantity=1")).JsonAsync(200);
        var number = found.GetProperty("data")[0].GetProperty("phone_number").GetString();
        await (await _client.PostJsonAsync("v1/phone-number-orders", new { phone_numbers = new[] { number } })).JsonAsync(201);
        var rows = await (await _client.Get("v1/phone-numbers?limit=100")).JsonAsync(200);
        return rows.GetProperty("data").EnumerateArray().Single(d => d.GetProperty("phone_number").GetString() == number);
    }

    private Task<HttpResponseMessage> RouteAsync(string id, string body, HttpClient? client = null) =>
        (client ?? _client).PostRawAsync($"v1/phone-numbers/{id}/route", body);

    [Fact]
    public async Task APendingOrdersRowCanBeRoutedAndKeepsItsTargetWhenItActivates()
    {
        var did = await OrderOneAsync();
        var id = did.GetProperty("id").GetString()!;
        Assert.Equal("inactive", did.GetProperty("status").GetString());

        var routed = await (await RouteAsync(id, """{"routing_target":"rg_01abc"}""")).JsonAsync(200);
        _sim.Time.Advance(TimeSpan.FromSeconds(2));
        var active = await (await _client.Get($"v1/phone-numbers/{id}")).JsonAsync(200);

        Assert.Equal("rg_01abc", routed.GetProperty("routing_target").GetString());
        Assert.Equal("inactive", routed.GetProperty("status").GetString());
        Assert.Equal("active", active.GetProperty("status").GetString());
        Assert.Equal("rg_01abc", active.GetProperty("routing_target").GetString());
    }

    [Theory]
    [InlineData("user_01h2xcejqtf2nbrexx3vqjhp42")]
    [InlineData("dp_01abc")]
    [InlineData("va_01abc")]
    [InlineData("qu_01abc")]
    [InlineData("svm_01abc")]
    public async Task EveryTargetTypeOfTheSdkIsAccepted(string target)
    {
        var id = (await OrderOneAsync()).GetProperty("id").GetString()!;

        var routed = await (await RouteAsync(id, $$"""{"routing_target":"{{target}}"}""")).JsonAsync(200);

        Assert.Equal(target, routed.GetProperty("routing_target").GetString());
    }

    [Fact]
    public async Task NullClearsTheRouting()
    {
        var id = (await OrderOneAsync()).GetProperty("id").GetString()!;
        await (await RouteAsync(id, """{"routing_target":"qu_01abc"}""")).JsonAsync(200);

        var cleared = await (await RouteAsync(id, """{"routing_target":null}""")).JsonAsync(200);

        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("routing_target").ValueKind);
    }

    [Theory]
    [InlineData("""{"routing_target":"grp_01abc"}""", "user_…")]
    [InlineData("""{"routing_target":"rg_"}""", "rg_…")]
    [InlineData("""{"routing_target":"rg_01ABC"}""", "svm_…")]
    [InlineData("""{"routing_target":7}""", "must be a string")]
    [InlineData("""{}""", "is required")]
    public async Task ABadTargetIs400NamingTheAllowedPrefixes(string body, string expected)
    {
        var id = (await OrderOneAsync()).GetProperty("id").GetString()!;

        var error = await (await RouteAsync(id, body)).JsonAsync(400);

        Assert.Equal("validation_error", error.GetProperty("code").GetString());
        Assert.Contains(expected, error.GetProperty("details").GetProperty("routing_target").GetString());
        var unchanged = await (await _client.Get($"v1/phone-numbers/{id}")).JsonAsync(200);
        Assert.Equal(JsonValueKind.Null, unchanged.GetProperty("routing_target").ValueKind);
    }

    [Fact]
    public async Task AnotherFieldIs400()
    {
        var id = (await OrderOneAsync()).GetProperty("id").GetString()!;

        var error = await (await RouteAsync(id, """{"routing_target":"rg_01abc","inbound_routing":"drop"}""")).JsonAsync(400);

        Assert.Contains("send only routing_target", error.GetProperty("details").GetProperty("inbound_routing").GetString());
    }

    [Fact]
    public async Task ReleasedRowsUnknownIdsAndOtherAccountsRowsAre404()
    {
        using var failing = _sim.DialStack(account: "acct_failing");
        var found = await (await failing.Get("v1/available-phone-numbers?area_code=919&quantity=1")).JsonAsync(200);
        var number = found.GetProperty("data")[0].GetProperty("phone_number").GetString();
        var order = new HttpRequestMessage(HttpMethod.Post, "v1/phone-number-orders") { Content = System.Net.Http.Json.JsonContent.Create(new { phone_numbers = new[] { number } }) };
        order.Headers.Add("X-CarrierSim-Chaos", "fail");
        await (await failing.SendAsync(order, TestContext.Current.CancellationToken)).JsonAsync(201);
        _sim.Time.Advance(TimeSpan.FromSeconds(2));
        var released = (await (await failing.Get("v1/phone-numbers?status=released")).JsonAsync(200)).GetProperty("data")[0].GetProperty("id").GetString()!;
        var mine = (await OrderOneAsync()).GetProperty("id").GetString()!;

        var onReleased = await (await RouteAsync(released, """{"routing_target":"rg_01abc"}""", failing)).JsonAsync(404);
        var unknown = await (await RouteAsync("did_nope", """{"routing_target":"rg_01abc"}""")).JsonAsync(404);
        var notTheirs = await (await RouteAsync(mine, """{"routing_target":"rg_01abc"}""", failing)).JsonAsync(404);

        Assert.All(new[] { onReleased, unknown, notTheirs }, e => Assert.Equal("resource_not_found", e.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task APendingOrdersRowsAreInactiveAndTheStatusFilterAgreesWithTheField()
    {
        var did = await OrderOneAsync();

        var inactive = await (await _client.Get("v1/phone-numbers?status=inactive")).JsonAsync(200);
        var pending = await (await _client.Get("v1/phone-numbers?status=pending")).JsonAsync(200);

        Assert.Equal(did.GetProperty("id").GetString(), Assert.Single(inactive.GetProperty("data").EnumerateArray()).GetProperty("id").GetString());
        Assert.Empty(pending.GetProperty("data").EnumerateArray());
        foreach (var status in new[] { "active", "inactive", "released" })
        {
            var rows = await (await _client.Get($"v1/phone-numbers?status={status}")).JsonAsync(200);
            Assert.All(rows.GetProperty("data").EnumerateArray(), d => Assert.Equal(status, d.GetProperty("status").GetString()));
        }
    }
}
