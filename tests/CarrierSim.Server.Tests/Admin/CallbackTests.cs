using System.Text.Json;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CarrierSim.Server.Tests.Admin;

/// <summary>Simulated traffic to owned AgentMessage numbers, received by a WireMock.Net endpoint.</summary>
public sealed class CallbackTests : IAsyncLifetime
{
    private readonly WireMockServer _receiver = WireMockServer.Start();
    private TestSimulator _sim = null!;
    private HttpClient _admin = null!;
    private string _number = "";

    public async ValueTask InitializeAsync()
    {
        _receiver.Given(Request.Create().WithPath("/inbound").UsingPost()).RespondWith(Response.Create().WithStatusCode(200));
        _receiver.Given(Request.Create().WithPath("/status").UsingPost()).RespondWith(Response.Create().WithStatusCode(204));
        _receiver.Given(Request.Create().WithPath("/broken").UsingPost()).RespondWith(Response.Create().WithStatusCode(500));
        _sim = await TestSimulator.StartAsync(new Dictionary<string, string?> { ["CarrierSim:AllowHttpCallbacks"] = "true" });
        _admin = _sim.Admin();
        var agent = _sim.AgentMessage();
        var found = await (await agent.PostJsonAsync("v1/phone-numbers/search", new { area_code = "919", quantity = 1 })).JsonAsync(200);
        _number = found.GetProperty("data")[0].GetProperty("number").GetString()!;
        await (await agent.PostJsonAsync("v1/phone-numbers/orders", new
        {
            numbers = new[] { _number },
            inbound_url = _receiver.Url + "/inbound",
            status_url = _receiver.Url + "/status",
        })).JsonAsync(200);
    }

    public async ValueTask DisposeAsync()
    {
        await _sim.DisposeAsync();
        _receiver.Stop();
    }

    private int Received(string path) => _receiver.LogEntries.Count(e => e.RequestMessage.Path == path);

    [Fact]
    public async Task InboundMessageIsPostedToTheInboundUrl()
    {
        var delivery = await (await _admin.PostJsonAsync("callbacks/inbound", new { number = _number, from = "+14155550130", body = "hello" })).JsonAsync(200);

        Assert.True(delivery.GetProperty("delivered").GetBoolean());
        Assert.Equal(1, delivery.GetProperty("attempts").GetArrayLength());
        var entry = Assert.Single(_receiver.LogEntries);
        var payload = JsonDocument.Parse(entry.RequestMessage.Body!).RootElement;
        Assert.Equal(("message.received", "hello", _number), (payload.GetProperty("event").GetString(), payload.GetProperty("body").GetString(), payload.GetProperty("to").GetString()));
        var recorded = await (await _admin.Get("callbacks/deliveries")).JsonAsync(200);
        Assert.Equal(1, recorded.GetArrayLength());
    }

    [Fact]
    public async Task StatusIsPostedToTheStatusUrl()
    {
        var delivery = await (await _admin.PostJsonAsync("callbacks/status", new { number = _number, status = "failed" })).JsonAsync(200);

        Assert.True(delivery.GetProperty("delivered").GetBoolean());
        Assert.Equal(1, Received("/status"));
        Assert.Equal("30003", delivery.GetProperty("payload").GetProperty("error_code").GetString());
    }

    [Fact]
    public async Task FailingEndpointIsRetriedThenGivenUp()
    {
        var id = (await (await _sim.AgentMessage().Get("v1/phone-numbers")).JsonAsync(200)).GetProperty("data")[0].GetProperty("id").GetString();
        await (await _sim.AgentMessage().PatchAsync($"v1/phone-numbers/{id}", new StringContent($$"""{"inbound_url":"{{_receiver.Url}}/broken"}""", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken)).JsonAsync(200);

        var delivery = await (await _admin.PostJsonAsync("callbacks/inbound", new { number = _number })).JsonAsync(200);

        Assert.False(delivery.GetProperty("delivered").GetBoolean());
        Assert.Equal(3, delivery.GetProperty("attempts").GetArrayLength());
        Assert.Equal(3, Received("/broken"));
    }

    [Fact]
    public async Task ChaosCanDropCallbacks()
    {
        await (await _admin.PostJsonAsync("chaos/rules", new { name = "drop", kind = "dropCallback", target = new { operation = "agentmessage.inboundCallback" } })).JsonAsync(201);

        var delivery = await (await _admin.PostJsonAsync("callbacks/inbound", new { number = _number })).JsonAsync(200);
        await (await _admin.PostJsonAsync("callbacks/status", new { number = _number })).JsonAsync(200);

        Assert.True(delivery.GetProperty("dropped").GetBoolean());
        Assert.Equal(0, Received("/inbound"));
        Assert.Equal(1, Received("/status"));
    }

    [Fact]
    public async Task ChaosCanDuplicateCallbacks()
    {
        await (await _admin.PostJsonAsync("chaos/rules", new { name = "twice", kind = "duplicateCallback" })).JsonAsync(201);

        await (await _admin.PostJsonAsync("callbacks/inbound", new { number = _number })).JsonAsync(200);

        Assert.Equal(2, Received("/inbound"));
        var bodies = _receiver.LogEntries.Select(e => JsonDocument.Parse(e.RequestMessage.Body!).RootElement.GetProperty("id").GetString()).Distinct();
        Assert.Single(bodies);
    }

    [Fact]
    public async Task ChaosCanDelayCallbacks()
    {
        await (await _admin.PostJsonAsync("chaos/rules", new { name = "late", kind = "latency", delayMs = 60_000, target = new { operation = "agentmessage.*Callback" } })).JsonAsync(201);

        var pending = await (await _admin.PostAsync("callbacks/inbound?wait=false", new StringContent($$"""{"number":"{{_number}}"}""", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken)).JsonAsync(202);
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.Equal(0, Received("/inbound"));

        _sim.Time.Advance(TimeSpan.FromMinutes(1));
        for (var i = 0; i < 50 && Received("/inbound") == 0; i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Equal(1, Received("/inbound"));
        Assert.False(pending.GetProperty("finished").GetBoolean());
    }

    [Fact]
    public async Task UnknownNumberGets404()
    {
        var json = await (await _admin.PostJsonAsync("callbacks/inbound", new { number = "+19194600000" })).ProblemAsync(404);

        Assert.Contains("order it through /agentmessage", json.GetProperty("detail").GetString());
    }
}
