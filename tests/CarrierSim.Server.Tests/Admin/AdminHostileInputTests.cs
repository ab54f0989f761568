using System.Net;
using System.Text;
using System.Text.Json;

namespace CarrierSim.Server.Tests.Admin;

/// <summary>
/// Hostile input to the admin API and the chaos header (issue 10): every refusal is a 4xx RFC 9457
/// problem (or, for the chaos header, the vendor's 400), a refused request changes nothing, and the
/// simulator keeps answering afterwards.
/// </summary>
public sealed class AdminHostileInputTests : IAsyncLifetime
{
    private TestSimulator _sim = null!;
    private HttpClient _admin = null!;

    public async ValueTask InitializeAsync()
    {
        _sim = await TestSimulator.StartAsync();
        _admin = _sim.Admin();
    }

    public async ValueTask DisposeAsync() => await _sim.DisposeAsync();

    [Theory]
    [InlineData("GET", "nope", 404, null)]
    [InlineData("GET", "chaos/nope/deeper", 404, null)]
    [InlineData("POST", "chaos/nope", 404, null)]
    [InlineData("DELETE", "clock", 405, "GET")]
    [InlineData("PUT", "health", 405, "GET")]
    [InlineData("GET", "reset", 405, "POST")]
    [InlineData("PUT", "chaos/rules/slow", 405, "PATCH")]
    [InlineData("POST", "chaos/rules", 400, "duplicate")]
    [InlineData("GET", "journal?limit=abc", 400, "limit")]
    [InlineData("GET", "journal?status=teapot", 400, "status")]
    [InlineData("GET", "journal?limit=99999999999", 400, "limit")]
    [InlineData("GET", "chaos/injections?limit=abc", 400, "limit")]
    [InlineData("POST", "callbacks/inbound?wait=maybe", 400, "wait")]
    [InlineData("POST", "callbacks/status?wait=1", 400, "wait")]
    public async Task EveryAdminErrorIsAProblem(string method, string path, int status, string? hint)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT")
        {
            request.Content = new StringContent(hint == "duplicate" ? """{"name":"a","name":"b","kind":"race"}""" : """{"number":"+19194600000"}""", Encoding.UTF8, "application/json");
        }

        using var response = await _admin.SendAsync(request, TestContext.Current.CancellationToken);
        var problem = await response.ProblemAsync(status);

        if (status == 405)
        {
            Assert.Contains(hint!, response.Content.Headers.Allow);
            Assert.Contains(hint!, problem.GetProperty("detail").GetString());
        }
        else if (hint == "duplicate")
        {
            Assert.Contains("name", problem.GetProperty("detail").GetString());
            Assert.Equal("[]", (await (await _admin.Get("chaos/rules")).JsonAsync(200)).ToString());
        }
        else if (status == 400)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(hint!, out _), problem.ToString());
            Assert.Contains(hint!, problem.GetProperty("detail").GetString());
        }
        else
        {
            Assert.Contains("/__admin/openapi.json", problem.GetProperty("detail").GetString());
        }

        await AssertHealthyAsync();
    }

    [Fact]
    public async Task ValidQueryValuesStillFilter()
    {
        await (await _admin.Get("journal?limit=5&status=200")).JsonAsync(200);
        await (await _admin.Get("chaos/injections?limit=5")).JsonAsync(200);
    }

    [Theory]
    [InlineData("""{"dialect":null,"id":"acme"}""", "dialect")]
    [InlineData("""{"dialect":"dialnexa","id":null}""", "id")]
    [InlineData("""{"dialect":"dialnexa","id":"acme","keys":null}""", "keys")]
    [InlineData("""{"dialect":"dialnexa","id":"acme","keys":[null]}""", "keys[0]")]
    [InlineData("""{"dialect":"dialnexa","id":"acme","keys":[{"key":"k1"},{"key":null}]}""", "keys[1].key")]
    [InlineData("""{"dialect":"dialnexa","id":"acme","keys":[{"key":"k1","scopes":[null]}]}""", "keys[0].scopes[0]")]
    [InlineData("""{"dialect":"agentmessage","id":"acme","campaigns":[null]}""", "campaigns[0]")]
    [InlineData("""{"dialect":"agentmessage","id":"acme","campaigns":[{"id":null}]}""", "campaigns[0].id")]
    [InlineData("""{"dialect":"agentmessage","id":"acme","campaigns":null}""", "campaigns")]
    [InlineData("""{"dialect":"dialnexa","id":"acme","kycPendingCountries":[null]}""", "kycPendingCountries[0]")]
    [InlineData("""{"dialect":"dialnexa","id":"acme","enabledCountries":["US",null]}""", "enabledCountries[1]")]
    public async Task NullInAnAccountIsRefusedNamingTheField(string body, string field)
    {
        var before = await AccountsAsync();

        var problem = await (await _admin.PostRawAsync("accounts", body)).ProblemAsync(400);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Contains(field + " must not be null", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await AccountsAsync());
        await AssertHealthyAsync();
    }

    [Theory]
    [InlineData("\"kind\":\"race\"", "\"target\":null", "target must be an object")]
    [InlineData("\"kind\":\"latency\"", "\"delayMs\":1e400", "delayMs")]
    [InlineData("\"kind\":\"latency\"", "\"delayMs\":-1", "delayMs")]
    [InlineData("\"kind\":\"latency\"", "\"delayMs\":600001", "delayMs must be a finite number of milliseconds from 0 to 600000")]
    [InlineData("\"kind\":\"latency\"", "\"delayMs\":\"NaN\"", "delayMs")]
    [InlineData("\"kind\":\"latency\"", "\"delayMs\":\"Infinity\"", "delayMs")]
    [InlineData("\"kind\":\"latency\",\"distribution\":\"uniform\",\"minMs\":0", "\"maxMs\":1e308", "maxMs must be a finite number")]
    [InlineData("\"kind\":\"latency\",\"distribution\":\"logNormal\",\"medianMs\":10", "\"sigma\":1e308", "sigma must be a finite number")]
    [InlineData("\"kind\":\"stuckPending\"", "\"pendingSeconds\":1e15", "pendingSeconds must be a finite number from 0 to 31536000")]
    [InlineData("\"kind\":\"outcome\",\"statusCode\":429", "\"retryAfterSeconds\":-1", "retryAfterSeconds must be from 0 to 86400")]
    [InlineData("\"kind\":\"outcome\",\"statusCode\":429", "\"retryAfterSeconds\":86401", "retryAfterSeconds must be from 0 to 86400")]
    [InlineData("\"kind\":\"partialFill\"", "\"fillRatio\":\"NaN\"", "fillRatio")]
    public async Task ARuleWithANullTargetOrANumberOutOfRangeIsRefusedAtCreation(string kind, string bad, string fragment)
    {
        // The same kind with a valid setting, to patch: the refused patch must leave it as it was.
        var key = bad[..bad.IndexOf(':', StringComparison.Ordinal)];
        var valid = key == "\"target\"" || kind.Contains(key, StringComparison.Ordinal) ? ""
            : "," + key + (key.Contains("retryAfter", StringComparison.Ordinal) ? ":1" : key.Contains("fillRatio", StringComparison.Ordinal) ? ":0.5" : ":10");
        await (await _admin.PostRawAsync("chaos/rules", $$"""{"name":"keep","enabled":false,{{kind}}{{valid}}}""")).JsonAsync(201);
        var before = await RulesAsync();

        var problem = await (await _admin.PostRawAsync("chaos/rules", $$"""{"name":"x",{{kind}},{{bad}}}""")).ProblemAsync(400);
        var patched = await (await _admin.PatchAsync("chaos/rules/keep", new StringContent($$"""{{{bad}}}""", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken)).ProblemAsync(400);

        Assert.Contains(fragment, problem.GetProperty("detail").GetString());
        Assert.Contains(fragment, patched.GetProperty("detail").GetString());
        Assert.Equal(before, await RulesAsync());
        await AssertHealthyAsync();
    }

    [Theory]
    [InlineData("""{"name":"s","rules":[null]}""", "application/json", "a rule must be a JSON object")]
    [InlineData("""{"name":"s","rules":[{"name":"r","kind":"race","target":null}]}""", "application/json", "target must be an object")]
    [InlineData("""{"name":"s","rules":[{"name":"r","kind":"latency","delayMs":1e400}]}""", "application/json", "delayMs")]
    [InlineData("name: s\nrules:\n  - null\n", "application/yaml", "a rule must be a JSON object")]
    [InlineData("name: s\nrules:\n  -\n", "application/yaml", "a rule must be a JSON object")]
    [InlineData("name: s\nrules:\n  - name: r\n    kind: race\n    target: null\n", "application/yaml", "target must be an object")]
    [InlineData("name: s\nrules:\n  - name: r\n    kind: stuckPending\n    pendingSeconds: 1e15\n", "application/yaml", "pendingSeconds")]
    [InlineData("name: s\nrules: null\n", "application/yaml", "rules")]
    public async Task AScenarioWithANullRuleIsRefused(string body, string contentType, string fragment)
    {
        await (await _admin.PostJsonAsync("chaos/rules", new { name = "keep", kind = "race" })).JsonAsync(201);
        var before = await RulesAsync();

        var problem = await (await _admin.PostAsync("scenarios", new StringContent(body, Encoding.UTF8, contentType), TestContext.Current.CancellationToken)).ProblemAsync(400);

        Assert.Contains(fragment, problem.GetProperty("detail").GetString());
        Assert.Equal(before, await RulesAsync());
        await AssertHealthyAsync();
    }

    [Theory]
    [InlineData(300_000_000_000d)]
    [InlineData(3_155_760_001d)]
    [InlineData(-1d)]
    public async Task AnAdvanceOutOfRangeIsRefusedAndChangesNothing(double seconds)
    {
        await AssertAdvanceRefusedAsync(JsonSerializer.Serialize(new { seconds }), "seconds");
    }

    [Theory]
    [InlineData("""{"seconds":"NaN"}""", null)]
    [InlineData("""{"seconds":"Infinity"}""", null)]
    [InlineData("""{"seconds":1e400}""", null)]
    [InlineData("""{"seconds":null}""", null)]
    [InlineData("""{"duration":"10675199.02:48:05"}""", "duration")]
    [InlineData("""{"duration":"-00:01:00"}""", "duration")]
    [InlineData("""{"duration":"soon"}""", "duration")]
    public async Task AnAdvanceThatIsNotANumberIsRefusedAndChangesNothing(string body, string? field)
    {
        await AssertAdvanceRefusedAsync(body, field);
    }

    [Fact]
    public async Task RepeatedLongAdvancesStopBeforeTheCalendarEndsAndTheClockStillReads()
    {
        await _admin.PostAsync("clock/freeze", null, TestContext.Current.CancellationToken);
        HttpResponseMessage response;
        var advances = 0;
        do
        {
            response = await _admin.PostJsonAsync("clock/advance", new { seconds = 3_155_760_000d });
            advances++;
        }
        while (response.StatusCode == HttpStatusCode.OK && advances < 200);

        var frozenAt = await ClockAsync();
        var problem = await response.ProblemAsync(400);

        Assert.Contains("past 9000-01-01", problem.GetProperty("detail").GetString());
        Assert.True(advances < 200);
        Assert.Equal(frozenAt, await ClockAsync());
        await AssertHealthyAsync();
    }

    [Theory]
    [InlineData("the account owns {count} active numbers", """{"count":"99999999999","api_key":"sk_test_carriersim","account":"acct_01h2xcejqtf2nbrexx3vqjhp41"}""", "params.count")]
    [InlineData("the account owns {count} active numbers", """{"count":1001,"api_key":"sk_test_carriersim","account":"acct_01h2xcejqtf2nbrexx3vqjhp41"}""", "params.count")]
    [InlineData("the account owns {count} active numbers", """{"count":"0","api_key":"sk_test_carriersim","account":"acct_01h2xcejqtf2nbrexx3vqjhp41"}""", "params.count")]
    [InlineData("the account owns {count} active numbers", """{"count":null,"api_key":"sk_test_carriersim","account":"acct_01h2xcejqtf2nbrexx3vqjhp41"}""", "params.count")]
    [InlineData("order {id} is complete", """{"id":"ord_1","api_key":"sk_test_carriersim","account":"acct_neverseen1","phone_numbers":[null]}""", "params.phone_numbers[0]")]
    [InlineData("order {id} is pending", """{"id":"ord_1","api_key":"sk_test_carriersim","account":"acct_neverseen2","phone_numbers":["+1999"]}""", "params.phone_numbers[0]")]
    [InlineData("the account owns active number {number} with id {id}", """{"number":"nope","id":"did_1","api_key":"sk_test_carriersim","account":"acct_neverseen3"}""", "params.number")]
    [InlineData("order {id} is partial", """{"id":"ord_1","api_key":"sk_test_carriersim","account":"acct_neverseen4","completed_numbers":["+19194600000"],"failed_numbers":[null]}""", "params.failed_numbers[0]")]
    public async Task ProviderStatesWithNullOrHugeParametersAreRefused(string state, string parameters, string field)
    {
        var orders = await (await _admin.Get("orders")).JsonAsync(200);
        var stats = await (await _admin.Get("inventory/stats")).JsonAsync(200);
        var accounts = await (await _admin.Get("accounts")).JsonAsync(200);

        var problem = await (await _admin.PostRawAsync("provider-states", $$"""{"action":"setup","state":"{{state}}","params":{{parameters}}}""")).ProblemAsync(400);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Contains(state, problem.GetProperty("detail").GetString());
        Assert.Equal(orders.ToString(), (await (await _admin.Get("orders")).JsonAsync(200)).ToString());
        Assert.Equal(stats.ToString(), (await (await _admin.Get("inventory/stats")).JsonAsync(200)).ToString());
        Assert.Equal(accounts.ToString(), (await (await _admin.Get("accounts")).JsonAsync(200)).ToString());
        await AssertHealthyAsync();
    }

    [Fact]
    public async Task AProviderStateCountInRangeStillSetsUp()
    {
        await (await _admin.PostRawAsync("provider-states", """{"action":"setup","state":"the account owns {count} active numbers","params":{"count":"2","api_key":"sk_test_carriersim","account":"acct_01h2xcejqtf2nbrexx3vqjhp41"}}""")).JsonAsync(200);

        var owned = await (await _sim.DialStack().Get("v1/phone-numbers")).JsonAsync(200);
        Assert.Equal(2, owned.GetProperty("data").GetArrayLength());
    }

    [Theory]
    [InlineData("pending=1e15")]
    [InlineData("pending=1e308")]
    [InlineData("pending=Infinity")]
    [InlineData("pending=NaN")]
    [InlineData("pending=-1")]
    [InlineData("pending=31536001")]
    [InlineData("latency=1e308")]
    [InlineData("latency=Infinity")]
    [InlineData("latency=600001")]
    [InlineData("partial=Infinity")]
    [InlineData("status=1e15")]
    [InlineData("status=Infinity")]
    [InlineData("status=429;retry-after=-1")]
    [InlineData("status=429;retry-after=86401")]
    [InlineData("status=429;retry-after=99999999999")]
    public async Task AChaosHeaderOutOfRangeIsTheVendorsBadRequest(string value)
    {
        using var dialstack = _sim.DialStack();
        dialstack.DefaultRequestHeaders.Add("X-CarrierSim-Chaos", value);

        using var response = await dialstack.GetAsync("v1/available-phone-numbers?area_code=919&quantity=1", TestContext.Current.CancellationToken);
        var json = await response.JsonAsync(400);

        Assert.False(response.Headers.Contains("Retry-After"));
        Assert.Contains("X-CarrierSim-Chaos", json.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, (await _sim.DialStack().Get("v1/available-phone-numbers?area_code=919&quantity=1")).StatusCode);
        await AssertHealthyAsync();
    }

    [Fact]
    public async Task AChaosHeaderInRangeStillApplies()
    {
        using var dialstack = _sim.DialStack();
        dialstack.DefaultRequestHeaders.Add("X-CarrierSim-Chaos", "status=429;retry-after=86400");

        using var response = await dialstack.GetAsync("v1/available-phone-numbers?area_code=919&quantity=1", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(86_400), response.Headers.RetryAfter?.Delta);
    }

    private async Task AssertAdvanceRefusedAsync(string body, string? field)
    {
        await _admin.PostAsync("clock/freeze", null, TestContext.Current.CancellationToken);
        var before = await ClockAsync();

        var problem = await (await _admin.PostRawAsync("clock/advance", body)).ProblemAsync(400);

        if (field is not null)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }

        Assert.Equal(before, await ClockAsync());
        await (await _admin.PostJsonAsync("clock/advance", new { seconds = 60 })).JsonAsync(200);
        Assert.Equal(before.AddSeconds(60), await ClockAsync());
        await AssertHealthyAsync();
    }

    private async Task<DateTimeOffset> ClockAsync() =>
        (await (await _admin.Get("clock")).JsonAsync(200)).GetProperty("now").GetDateTimeOffset();

    private async Task<string> AccountsAsync() => (await (await _admin.Get("accounts")).JsonAsync(200)).ToString();

    private async Task<string> RulesAsync() => (await (await _admin.Get("chaos/rules")).JsonAsync(200)).ToString();

    /// <summary>The admin API, the clock and a dialect all still answer.</summary>
    private async Task AssertHealthyAsync()
    {
        await (await _admin.Get("health")).JsonAsync(200);
        await (await _admin.Get("clock")).JsonAsync(200);
        await (await _admin.Get("chaos/rules")).JsonAsync(200);
        await (await _admin.Get("accounts")).JsonAsync(200);
        await (await _sim.DialStack().Get("v1/available-phone-numbers?area_code=919&quantity=1")).JsonAsync(200);
    }
}
