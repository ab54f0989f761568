using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CarrierSim.Server.Tests.Chaos;

/// <summary>Every chaos kind through a real dialect (DialStack), rules set through the admin API.</summary>
public sealed class DialStackChaosTests : IAsyncLifetime
{
    private TestSimulator _sim = null!;
    private HttpClient _client = null!;
    private HttpClient _admin = null!;

    public async ValueTask InitializeAsync()
    {
        _sim = await TestSimulator.StartAsync();
        _client = _sim.DialStack();
        _admin = _sim.Admin();
    }

    public async ValueTask DisposeAsync() => await _sim.DisposeAsync();

    private async Task AddRuleAsync(object rule) => await (await _admin.PostJsonAsync("chaos/rules", rule)).JsonAsync(201);

    private async Task<string[]> SearchAsync(string query = "area_code=919&quantity=2")
    {
        var json = await (await _client.Get($"v1/available-phone-numbers?{query}")).JsonAsync(200);
        return [.. json.GetProperty("data").EnumerateArray().Select(n => n.GetProperty("phone_number").GetString()!)];
    }

    private async Task<JsonElement> SettledOrderAsync(JsonElement order)
    {
        _sim.Time.Advance(TimeSpan.FromSeconds(5));
        return await (await _client.Get($"v1/phone-number-orders/{order.GetProperty("id").GetString()}")).JsonAsync(200);
    }

    [Fact]
    public async Task RaceTurnsAnOrderInto409()
    {
        await AddRuleAsync(new { name = "race", kind = "race", target = new { operation = "dialstack.createOrder" } });
        var numbers = await SearchAsync();

        var conflict = await (await _client.PostRawAsync("v1/phone-number-orders", JsonSerializer.Serialize(new { phone_numbers = numbers }))).JsonAsync(409);

        Assert.Equal(numbers.Order(), conflict.GetProperty("details").GetProperty("unavailable").EnumerateArray().Select(e => e.GetString()).Order());
        var injections = await (await _admin.Get("chaos/injections")).JsonAsync(200);
        Assert.Equal("race", injections[0].GetProperty("rule").GetString());
    }

    [Fact]
    public async Task RaceWithPartialAllowedEndsFailed()
    {
        await AddRuleAsync(new { name = "race", kind = "race", target = new { operation = "dialstack.createOrder" } });
        var numbers = await SearchAsync();

        var order = await (await _client.PostJsonAsync("v1/phone-number-orders", new { phone_numbers = numbers, partial_allowed = true })).JsonAsync(201);
        var settled = await SettledOrderAsync(order);

        Assert.Equal("failed", settled.GetProperty("status").GetString());
    }

    [Fact]
    public async Task PartialFillEndsPartial()
    {
        await AddRuleAsync(new { name = "half", kind = "partialFill", fillRatio = 0.5 });
        var numbers = await SearchAsync("area_code=919&quantity=4");

        var order = await (await _client.PostJsonAsync("v1/phone-number-orders", new { phone_numbers = numbers, partial_allowed = true })).JsonAsync(201);
        var settled = await SettledOrderAsync(order);

        Assert.Equal("partial", settled.GetProperty("status").GetString());
        Assert.Equal(2, settled.GetProperty("completed_numbers").GetArrayLength());
        Assert.Equal(2, settled.GetProperty("failed_numbers").GetArrayLength());
    }

    [Fact]
    public async Task FulfilmentFailureEndsFailedAndFreesTheNumbers()
    {
        await AddRuleAsync(new { name = "fail", kind = "fulfilmentFailure", message = "carrier said no" });
        var numbers = await SearchAsync();

        var order = await (await _client.PostJsonAsync("v1/phone-number-orders", new { phone_numbers = numbers })).JsonAsync(201);
        var settled = await SettledOrderAsync(order);

        Assert.Equal("failed", settled.GetProperty("status").GetString());
        Assert.Equal("carrier said no", settled.GetProperty("error_message").GetString());
        Assert.Equal(CarrierSim.Core.Inventory.NumberState.Available, _sim.Simulation.Inventory.GetStatus(CarrierSim.Core.Numbering.PhoneNumber.Parse(numbers[0]).Value).State);
    }

    [Fact]
    public async Task StuckPendingStaysPendingUntilItsTime()
    {
        await AddRuleAsync(new { name = "stuck", kind = "stuckPending", pendingSeconds = 60 });
        var order = await (await _client.PostJsonAsync("v1/phone-number-orders", new { phone_numbers = await SearchAsync() })).JsonAsync(201);

        var after5 = await SettledOrderAsync(order);
        _sim.Time.Advance(TimeSpan.FromSeconds(60));
        var after65 = await (await _client.Get($"v1/phone-number-orders/{order.GetProperty("id").GetString()}")).JsonAsync(200);

        Assert.Equal("pending", after5.GetProperty("status").GetString());
        Assert.Equal("complete", after65.GetProperty("status").GetString());
    }

    [Fact]
    public async Task DroughtEmptiesSearches()
    {
        await AddRuleAsync(new { name = "dry", kind = "drought", target = new { dialect = "dialstack" } });

        Assert.Empty(await SearchAsync());
    }

    [Theory]
    [InlineData(503, 4)]
    [InlineData(429, 2)]
    [InlineData(401, null)]
    [InlineData(403, null)]
    [InlineData(500, null)]
    public async Task OutcomeIsRenderedInTheVendorEnvelope(int status, int? retryAfter)
    {
        await AddRuleAsync(new { name = "outcome", kind = "outcome", statusCode = status, retryAfterSeconds = retryAfter });

        var response = await _client.Get("v1/available-phone-numbers?area_code=919");
        var json = await response.JsonAsync(status);

        Assert.False(string.IsNullOrEmpty(json.GetProperty("error").GetString()));
        Assert.Equal(retryAfter?.ToString(), response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString());
    }

    [Fact]
    public async Task TargetingLimitsRulesToTheirOperationAndAccount()
    {
        await AddRuleAsync(new { name = "only-orders-of-b", kind = "outcome", statusCode = 503, target = new { operation = "dialstack.createOrder", account = "sk_test_carriersim/acct_b" } });
        var numbers = await SearchAsync();

        await (await _client.PostJsonAsync("v1/phone-number-orders", new { phone_numbers = numbers[..1] })).JsonAsync(201);
        await (await _sim.DialStack(account: "acct_b").PostJsonAsync("v1/phone-number-orders", new { phone_numbers = numbers[1..] })).JsonAsync(503);
    }

    [Fact]
    public async Task MaxInjectionsStopsTheRule()
    {
        await AddRuleAsync(new { name = "twice", kind = "outcome", statusCode = 503, maxInjections = 2 });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await _client.Get("v1/available-phone-numbers?area_code=919")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK, HttpStatusCode.OK], statuses);
    }

    [Fact]
    public async Task EmptyBodyAndMalformedFaultsBreakTheBody()
    {
        await AddRuleAsync(new { name = "empty", kind = "fault", fault = "emptyBody", maxInjections = 1 });
        await AddRuleAsync(new { name = "garbled", kind = "fault", fault = "malformedBody" });

        var empty = await _client.Get("v1/available-phone-numbers?area_code=919");
        var malformed = await _client.Get("v1/available-phone-numbers?area_code=919");

        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Equal("", await empty.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var text = await malformed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(text));
    }

    [Fact]
    public async Task EmptyResponseClosesTheConnectionWithNoResponse()
    {
        await AddRuleAsync(new { name = "nothing", kind = "fault", fault = "emptyResponse", maxInjections = 1 });

        await Assert.ThrowsAnyAsync<Exception>(() => _client.Get("v1/available-phone-numbers?area_code=919"));
        var after = await _client.Get("v1/available-phone-numbers?area_code=919");

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Theory]
    [InlineData("lost")]
    [InlineData("lost=reset")]
    public async Task ALostResponseAfterCommitLeavesTheOrderPlaced(string header)
    {
        var number = (await (await _client.Get("v1/available-phone-numbers?area_code=919&quantity=1")).JsonAsync(200)).GetProperty("data")[0].GetProperty("phone_number").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/phone-number-orders") { Content = JsonContent.Create(new { phone_numbers = new[] { number } }) };
        request.Headers.Add("X-CarrierSim-Chaos", header);

        await Assert.ThrowsAnyAsync<Exception>(() => _client.SendAsync(request, TestContext.Current.CancellationToken));
        var orders = await (await _client.Get("v1/phone-number-orders")).JsonAsync(200);
        var retry = await (await _client.PostJsonAsync("v1/phone-number-orders", new { phone_numbers = new[] { number } })).JsonAsync(409);

        // The carrier committed it: the order is listed, and a blind retry is told the number is already taken.
        Assert.Contains(orders.GetProperty("data").EnumerateArray(), o => o.GetProperty("phone_numbers").EnumerateArray().Any(n => n.GetString() == number));
        Assert.False(string.IsNullOrEmpty(retry.GetProperty("code").GetString()));
    }

    [Theory]
    [InlineData("lost=502", 502)]
    [InlineData("lost=504", 504)]
    public async Task AGatewayErrorAfterCommitIsInTheVendorsEnvelope(string header, int status)
    {
        var number = (await (await _client.Get("v1/available-phone-numbers?area_code=919&quantity=1")).JsonAsync(200)).GetProperty("data")[0].GetProperty("phone_number").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/phone-number-orders") { Content = JsonContent.Create(new { phone_numbers = new[] { number } }) };
        request.Headers.Add("X-CarrierSim-Chaos", header);

        var error = await (await _client.SendAsync(request, TestContext.Current.CancellationToken)).JsonAsync(status);
        var owned = await (await _client.Get("v1/phone-number-orders")).JsonAsync(200);

        Assert.Equal("server_error", error.GetProperty("code").GetString());
        Assert.Contains("may have been processed", error.GetProperty("error").GetString());
        Assert.Single(owned.GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task ConnectionResetAbortsTheRequest()
    {
        await AddRuleAsync(new { name = "reset", kind = "fault", fault = "connectionReset" });

        await Assert.ThrowsAnyAsync<Exception>(() => _client.Get("v1/available-phone-numbers?area_code=919"));
    }

    [Fact]
    public async Task HangLastsUntilTheClientGivesUp()
    {
        await AddRuleAsync(new { name = "hang", kind = "fault", fault = "hang" });
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _client.GetAsync("v1/available-phone-numbers?area_code=919", timeout.Token));
    }

    [Fact]
    public async Task LatencyDelaysTheAnswerOnTheSimulatorClock()
    {
        await AddRuleAsync(new { name = "slow", kind = "latency", delayMs = 5000 });

        var request = _client.Get("v1/available-phone-numbers?area_code=919");
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.False(request.IsCompleted);
        _sim.Time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(HttpStatusCode.OK, (await request).StatusCode);
    }

    [Fact]
    public async Task HeaderForcesOneOutcomeForOneRequest()
    {
        var forced = new HttpRequestMessage(HttpMethod.Get, "v1/available-phone-numbers?area_code=919");
        forced.Headers.Add("X-CarrierSim-Chaos", "status=503;retry-after=7");

        var first = await _client.SendAsync(forced, TestContext.Current.CancellationToken);
        var second = await _client.Get("v1/available-phone-numbers?area_code=919");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), first.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    [Fact]
    public async Task MalformedChaosHeaderGets400InTheEnvelope()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "v1/available-phone-numbers?area_code=919");
        request.Headers.Add("X-CarrierSim-Chaos", "explode");

        var json = await (await _client.SendAsync(request, TestContext.Current.CancellationToken)).JsonAsync(400);

        Assert.Contains("use one of", json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task MagicNumbersForceOutcomesWithoutSetUp()
    {
        var taken = await (await _client.PostJsonAsync("v1/phone-number-orders", new { phone_numbers = new[] { "+19195550140" } })).JsonAsync(409);
        var failing = await (await _client.PostJsonAsync("v1/phone-number-orders", new { phone_numbers = new[] { "+19195550150" } })).JsonAsync(201);
        var stuck = await (await _client.PostJsonAsync("v1/phone-number-orders", new { phone_numbers = new[] { "+19195550160" } })).JsonAsync(201);
        var partial = await (await _client.PostJsonAsync("v1/phone-number-orders", new { phone_numbers = new[] { "+19195550170", "+19195550131" }, partial_allowed = true })).JsonAsync(201);
        var down = await (await _client.PostJsonAsync("v1/phone-number-orders", new { phone_numbers = new[] { "+19195550190" } })).JsonAsync(503);

        Assert.Equal("phone_numbers_unavailable", taken.GetProperty("code").GetString());
        Assert.Equal("failed", (await SettledOrderAsync(failing)).GetProperty("status").GetString());
        Assert.Equal("pending", (await SettledOrderAsync(stuck)).GetProperty("status").GetString());
        var settled = await SettledOrderAsync(partial);
        Assert.Equal("partial", settled.GetProperty("status").GetString());
        Assert.Equal(["+19195550170"], settled.GetProperty("failed_numbers").EnumerateArray().Select(e => e.GetString()));
        Assert.False(string.IsNullOrEmpty(down.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task ContestedInventoryScenarioGivesTheConflict()
    {
        await (await _admin.PostAsync("scenarios/contested-inventory/apply", null, TestContext.Current.CancellationToken)).JsonAsync(200);
        var numbers = await SearchAsync();

        await (await _client.PostJsonAsync("v1/phone-number-orders", new { phone_numbers = numbers })).JsonAsync(409);
        var injections = await (await _admin.Get("chaos/injections")).JsonAsync(200);

        Assert.Equal("numbers-taken-at-order", injections[0].GetProperty("rule").GetString());
    }
}
