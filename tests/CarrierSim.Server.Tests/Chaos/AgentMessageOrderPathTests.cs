using System.Net;
using System.Text.Json;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Core.Orders;

namespace CarrierSim.Server.Tests.Chaos;

/// <summary>
/// AgentMessage on the one order path: assigns and releases are orders of the order book, chaos reaches them
/// through the typed request, the number records are its projection, and unreadable bodies get the vendor's envelope.
/// </summary>
public sealed class AgentMessageOrderPathTests : IAsyncLifetime
{
    private TestSimulator _sim = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _sim = await TestSimulator.StartAsync();
        _client = _sim.AgentMessage();
    }

    public async ValueTask DisposeAsync() => await _sim.DisposeAsync();

    private decimal Credit => _sim.Simulation.Accounts.Find("agentmessage", "am_live_carriersim")!.Credit;

    private async Task<string[]> SearchAsync(int quantity)
    {
        var json = await (await _client.PostJsonAsync("v1/phone-numbers/search", new { area_code = "415", quantity })).JsonAsync(200);
        return [.. json.GetProperty("data").EnumerateArray().Select(n => n.GetProperty("number").GetString()!)];
    }

    private async Task<JsonElement> ListAsync() => (await (await _client.Get("v1/phone-numbers")).JsonAsync(200)).GetProperty("data");

    private NumberState State(string number) => _sim.Simulation.Inventory.GetStatus(PhoneNumber.Parse(number).Value).State;

    private List<Order> Orders() => [.. _sim.Simulation.Orders.All().Where(o => o.Origin == "agentmessage")];

    private static async Task<JsonElement> ConflictAsync(HttpResponseMessage response)
    {
        var json = await response.JsonAsync(409);
        Assert.False(json.GetProperty("success").GetBoolean());
        Assert.Equal("INSUFFICIENT_INVENTORY", json.GetProperty("error").GetProperty("code").GetString());
        return json;
    }

    private static string[] Unavailable(JsonElement json) =>
        [.. json.GetProperty("data").GetProperty("unavailable").EnumerateArray().Select(e => e.GetString()!)];

    [Fact]
    public async Task AssignIsAnOrderAndTheRecordsAreItsProjection()
    {
        var numbers = await SearchAsync(2);

        var json = await (await _client.PostJsonAsync("v1/phone-numbers/orders", new { numbers, label = "projected" })).JsonAsync(200);

        var order = Assert.Single(Orders());
        Assert.Equal(OrderType.Purchase, order.Type);
        Assert.Equal(OrderStatus.Complete, order.Status);
        Assert.Equal(numbers, order.Completed.Select(n => n.ToString()));
        Assert.Equal(98m, Credit);
        var listed = await ListAsync();
        Assert.Equal(numbers.Order(), listed.EnumerateArray().Select(n => n.GetProperty("number").GetString()).Order());
        Assert.All(listed.EnumerateArray(), n => Assert.Equal("projected", n.GetProperty("label").GetString()));
        Assert.Equal(numbers, json.GetProperty("data").EnumerateArray().Select(n => n.GetProperty("number").GetString()));
    }

    [Fact]
    public async Task FulfilmentFailureRuleFailsTheWholeAssignNamingEveryNumber()
    {
        var numbers = await SearchAsync(2);
        await (await _sim.Admin().PostJsonAsync("chaos/rules", new { name = "carrier-says-no", kind = "fulfilmentFailure", target = new { dialect = "agentmessage" } })).JsonAsync(201);

        var json = await ConflictAsync(await _client.PostJsonAsync("v1/phone-numbers/orders", new { numbers }));

        Assert.Equal(numbers, Unavailable(json));
        Assert.Equal(0, json.GetProperty("data").GetProperty("available_count").GetInt32());
        Assert.Equal("insufficient inventory: requested 2, available 0", json.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(100m, Credit);
        Assert.All(numbers, n => Assert.Equal(NumberState.Available, State(n)));
        Assert.Equal(0, (await ListAsync()).GetArrayLength());
        Assert.Equal(OrderStatus.Failed, Assert.Single(Orders()).Status);
    }

    [Fact]
    public async Task MagicFailsAtFulfilmentNumberFailsAloneAndTheRetryWithoutItSucceeds()
    {
        var numbers = await SearchAsync(2);
        const string Magic = "+14155550155";

        var json = await ConflictAsync(await _client.PostJsonAsync("v1/phone-numbers/orders", new { numbers = numbers.Append(Magic).ToArray() }));
        var stateAfterFailure = numbers.Select(State).ToList();
        var creditAfterFailure = Credit;
        var retry = await (await _client.PostJsonAsync("v1/phone-numbers/orders", new { numbers })).JsonAsync(200);

        Assert.Equal([Magic], Unavailable(json));
        Assert.Equal(2, json.GetProperty("data").GetProperty("available_count").GetInt32());
        Assert.All(stateAfterFailure, s => Assert.Equal(NumberState.Available, s));
        Assert.Equal(100m, creditAfterFailure);
        Assert.Equal(2, retry.GetProperty("data").GetArrayLength());
        Assert.Equal(98m, Credit);
        Assert.Equal(2, (await ListAsync()).GetArrayLength());
    }

    [Fact]
    public async Task ChaosTargetedAtANumberSeesTheNumbersOfTheTypedBody()
    {
        var numbers = await SearchAsync(2);
        var pattern = "^" + System.Text.RegularExpressions.Regex.Escape(numbers[1]) + "$";
        await (await _sim.Admin().PostJsonAsync("chaos/rules", new { name = "this-one", kind = "outcome", statusCode = 503, target = new { dialect = "agentmessage", numberPattern = pattern } })).JsonAsync(201);

        var untouched = await (await _client.PostJsonAsync("v1/phone-numbers/orders", new { numbers = numbers[..1] })).JsonAsync(200);
        var hit = await _client.PostJsonAsync("v1/phone-numbers/orders", new { numbers = numbers[1..] });

        var json = await hit.JsonAsync(503);
        Assert.Equal("SERVICE_UNAVAILABLE", json.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(numbers[0], untouched.GetProperty("data")[0].GetProperty("number").GetString());
        Assert.Equal(NumberState.Available, State(numbers[1]));
    }

    [Fact]
    public async Task ReleaseIsADisconnectOrderThatQuarantinesTheNumber()
    {
        var number = (await SearchAsync(1))[0];
        var assigned = await (await _client.PostJsonAsync("v1/phone-numbers/orders", new { numbers = new[] { number } })).JsonAsync(200);
        var id = assigned.GetProperty("data")[0].GetProperty("id").GetString();

        await (await _client.DeleteAsync($"v1/phone-numbers/{id}", TestContext.Current.CancellationToken)).JsonAsync(200);

        Assert.Equal(0, (await ListAsync()).GetArrayLength());
        Assert.Equal(NumberState.Quarantined, State(number));
        Assert.DoesNotContain(number, await SearchAsync(100));
        var release = Assert.Single(Orders(), o => o.Type == OrderType.Disconnect);
        Assert.Equal(OrderStatus.Complete, release.Status);
        Assert.Equal([number], release.Completed.Select(n => n.ToString()));
        Assert.Null(_sim.Simulation.Orders.All().FirstOrDefault(o => o.Origin == "agentmessage" && o.Status == OrderStatus.Pending));
        Assert.Equal(99m, Credit);
    }

    [Fact]
    public async Task ReleaseReturnedToTheCarrierIsAvailableAtOnce()
    {
        // A zero-config key has every scope, platform:inventory:write included.
        var admin = _client;
        var number = (await SearchAsync(1))[0];
        var assigned = await (await admin.PostJsonAsync("v1/phone-numbers/orders", new { numbers = new[] { number } })).JsonAsync(200);
        var id = assigned.GetProperty("data")[0].GetProperty("id").GetString();

        await (await admin.DeleteAsync($"v1/phone-numbers/{id}?return_to_carrier=true", TestContext.Current.CancellationToken)).JsonAsync(200);

        Assert.Equal(NumberState.Available, State(number));
        Assert.Contains(number, await SearchAsync(100));
        Assert.Equal(0, (await (await admin.Get("v1/phone-numbers")).JsonAsync(200)).GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task ConcurrentReleasesOfOneNumberSucceedOnce()
    {
        var number = (await SearchAsync(1))[0];
        var assigned = await (await _client.PostJsonAsync("v1/phone-numbers/orders", new { numbers = new[] { number } })).JsonAsync(200);
        var id = assigned.GetProperty("data")[0].GetProperty("id").GetString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => _client.DeleteAsync($"v1/phone-numbers/{id}", TestContext.Current.CancellationToken)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.NotFound));
        Assert.Equal(NumberState.Quarantined, State(number));
    }

    [Fact]
    public async Task ConcurrentAssignsAndReleasesNeverLeaveAStaleOrSharedRecord()
    {
        var numbers = await SearchAsync(12);
        var keys = Enumerable.Range(0, 4).Select(i => $"am_live_tenant{i}").ToArray();
        var clients = keys.Select(k => _sim.AgentMessage(k)).ToArray();
        var assigned = new int[keys.Length];

        async Task AssignAllAsync(int tenant)
        {
            var responses = await Task.WhenAll(numbers.Select(n => clients[tenant].PostJsonAsync("v1/phone-numbers/orders", new { numbers = new[] { n } })));
            Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"got {r.StatusCode}"));
            Interlocked.Add(ref assigned[tenant], responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        }

        async Task<List<(string Id, string Number)>> ListAsync(int tenant)
        {
            var json = await (await clients[tenant].Get("v1/phone-numbers?limit=100")).JsonAsync(200);
            return [.. json.GetProperty("data").EnumerateArray().Select(n => (n.GetProperty("id").GetString()!, n.GetProperty("number").GetString()!))];
        }

        // Every tenant races for every number; then each gives its numbers back to the carrier while all race again.
        await Task.WhenAll(Enumerable.Range(0, keys.Length).Select(AssignAllAsync));
        var held = await Task.WhenAll(Enumerable.Range(0, keys.Length).Select(ListAsync));
        var releases = Enumerable.Range(0, keys.Length).SelectMany(t => held[t].Select(r =>
            clients[t].DeleteAsync($"v1/phone-numbers/{r.Id}?return_to_carrier=true", TestContext.Current.CancellationToken)));
        var second = Enumerable.Range(0, keys.Length).Select(AssignAllAsync);
        await Task.WhenAll([.. releases, .. second]);

        Assert.Equal(numbers.Length, held.Sum(h => h.Count));
        var listed = await Task.WhenAll(Enumerable.Range(0, keys.Length).Select(ListAsync));
        var all = listed.SelectMany(l => l.Select(r => r.Number)).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        for (var t = 0; t < keys.Length; t++)
        {
            var account = _sim.Simulation.Accounts.Find("agentmessage", keys[t])!;
            var owned = numbers.Where(n => _sim.Simulation.Inventory.GetStatus(PhoneNumber.Parse(n).Value) == NumberStatus.OwnedBy(account.Owner)).Order();
            Assert.Equal(owned, listed[t].Select(r => r.Number).Order());
            Assert.Equal(100m - assigned[t], account.Credit);
        }
    }

    private async Task<(HttpResponseMessage Response, JsonElement Error)> PostAsync(string path, string contentType, string body)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        var response = await _client.PostAsync(path, content, TestContext.Current.CancellationToken);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.False(json.GetProperty("success").GetBoolean());
        var error = json.GetProperty("error");
        Assert.Equal(error.GetProperty("request_id").GetString(), Assert.Single(response.Headers.GetValues("X-Request-Id")));
        return (response, error);
    }

    [Theory]
    [InlineData("v1/phone-numbers/orders", "{\"numbers\":[\"+1415", "not valid JSON")]
    [InlineData("v1/phone-numbers/search", "{'area_code':'415'}", "not valid JSON")]
    [InlineData("v1/phone-numbers/orders", "\"+14155540123\"", "not valid JSON")]
    [InlineData("v1/phone-numbers/orders", "{\"numbers\":[\"+14155540123\"],\"numbers\":", "not valid JSON")]
    public async Task MalformedJsonGetsTheVendorsInvalidInput(string path, string body, string fragment)
    {
        var (response, error) = await PostAsync(path, "application/json", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_INPUT", error.GetProperty("code").GetString());
        Assert.Contains(fragment, error.GetProperty("message").GetString());
        Assert.EndsWith(": invalid input", error.GetProperty("message").GetString());
        Assert.Equal(100m, Credit);
        Assert.Empty(Orders());
    }

    [Theory]
    [InlineData("v1/phone-numbers/orders", "application/x-www-form-urlencoded", "numbers=%2B14155540123")]
    [InlineData("v1/phone-numbers/search", "application/x-www-form-urlencoded", "area_code=415")]
    [InlineData("v1/phone-numbers/orders", "text/plain", "+14155540123")]
    public async Task BodiesThatAreNotJsonGet415InTheVendorsEnvelope(string path, string contentType, string body)
    {
        var (response, error) = await PostAsync(path, contentType, body);

        // Routing refuses the Content-Type before the body is read (the endpoint accepts application/json only);
        // the platform still answers in the vendor's envelope, not as an unknown path.
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("INVALID_INPUT", error.GetProperty("code").GetString());
        Assert.Contains("application/json", error.GetProperty("message").GetString());
        Assert.EndsWith(": invalid input", error.GetProperty("message").GetString());
        Assert.Equal(100m, Credit);
        Assert.Empty(Orders());
        Assert.Equal(0, (await ListAsync()).GetArrayLength());
    }

    [Fact]
    public async Task MalformedPatchBodyGetsTheVendorsEnvelope()
    {
        var number = (await SearchAsync(1))[0];
        var assigned = await (await _client.PostJsonAsync("v1/phone-numbers/orders", new { numbers = new[] { number }, label = "keep" })).JsonAsync(200);
        var id = assigned.GetProperty("data")[0].GetProperty("id").GetString();

        var response = await _client.PatchAsync($"v1/phone-numbers/{id}", new StringContent("{\"label\":", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        var json = await response.JsonAsync(400);
        Assert.Equal("INVALID_INPUT", json.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("keep", (await ListAsync())[0].GetProperty("label").GetString());
    }
}
