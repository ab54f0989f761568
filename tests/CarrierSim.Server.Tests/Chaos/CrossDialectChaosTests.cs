using System.Net;
using System.Text.Json;

namespace CarrierSim.Server.Tests.Chaos;

/// <summary>Chaos kinds rendered by every dialect in its own way.</summary>
public sealed class CrossDialectChaosTests : IAsyncLifetime
{
    private TestSimulator _sim = null!;

    public async ValueTask InitializeAsync() => _sim = await TestSimulator.StartAsync();

    public async ValueTask DisposeAsync() => await _sim.DisposeAsync();

    public static TheoryData<string> Dialects => new("dialstack", "agentmessage", "dialnexa", "identitycall");

    private HttpClient Client(string dialect) => dialect switch
    {
        "dialstack" => _sim.DialStack(),
        "agentmessage" => _sim.AgentMessage(),
        "dialnexa" => _sim.DialNexa(),
        _ => _sim.IdentityCall(),
    };

    private async Task<HttpResponseMessage> SearchAsync(string dialect) => dialect switch
    {
        "dialstack" => await Client(dialect).Get("v1/available-phone-numbers?area_code=919&quantity=2"),
        "agentmessage" => await Client(dialect).PostJsonAsync("v1/phone-numbers/search", new { area_code = "919", quantity = 2 }),
        "dialnexa" => await Client(dialect).Get("v1/organization-phone-numbers/plivo-numbers?country_iso=US&type=local&limit=2"),
        _ => await Client(dialect).Get("api/v1/public/virtual_numbers/available?country=US&number_type=local"),
    };

    private static IReadOnlyList<string> Numbers(string dialect, JsonElement json) => dialect switch
    {
        "dialstack" => [.. json.GetProperty("data").EnumerateArray().Select(n => n.GetProperty("phone_number").GetString()!)],
        "agentmessage" => [.. json.GetProperty("data").EnumerateArray().Select(n => n.GetProperty("number").GetString()!)],
        "dialnexa" => [.. json.GetProperty("objects").EnumerateArray().Select(n => "+" + n.GetProperty("number").GetString()!.TrimStart('+'))],
        _ => [.. json.GetProperty("data").EnumerateArray().Select(n => n.GetProperty("phone_number").GetString()!)],
    };

    private async Task<HttpResponseMessage> OrderAsync(string dialect, string number) => dialect switch
    {
        "dialstack" => await Client(dialect).PostJsonAsync("v1/phone-number-orders", new { phone_numbers = new[] { number } }),
        "agentmessage" => await Client(dialect).PostJsonAsync("v1/phone-numbers/orders", new { numbers = new[] { number } }),
        "dialnexa" => await Client(dialect).PostJsonAsync("v1/organization-phone-numbers/purchase", new { phone_number = number }),
        _ => await Client(dialect).PostJsonAsync("api/v1/public/virtual_numbers/purchase", new { phone_number = number }),
    };

    private async Task Rule(object rule) => await (await _sim.Admin().PostJsonAsync("chaos/rules", rule)).JsonAsync(201);

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task RaceGivesEachDialectsConflict(string dialect)
    {
        var number = Numbers(dialect, await (await SearchAsync(dialect)).JsonAsync(200))[0];
        await Rule(new { name = "race", kind = "race", target = new { dialect } });

        var response = await OrderAsync(dialect, number);

        var expected = dialect == "identitycall" ? 422 : 409;
        var json = await response.JsonAsync(expected);
        switch (dialect)
        {
            case "dialstack":
                Assert.Equal("phone_numbers_unavailable", json.GetProperty("code").GetString());
                break;
            case "agentmessage":
                Assert.Equal("INSUFFICIENT_INVENTORY", json.GetProperty("error").GetProperty("code").GetString());
                Assert.Equal(0, json.GetProperty("data").GetProperty("available_count").GetInt32());
                Assert.Equal([number], json.GetProperty("data").GetProperty("unavailable").EnumerateArray().Select(e => e.GetString()));
                break;
            case "dialnexa":
                Assert.Equal(409, json.GetProperty("statusCode").GetInt32());
                break;
            default:
                Assert.False(string.IsNullOrEmpty(json.GetProperty("error").GetString()));
                break;
        }
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task OutcomeUsesEachDialectsEnvelope(string dialect)
    {
        await Rule(new { name = "down", kind = "outcome", statusCode = 503, retryAfterSeconds = 3, target = new { dialect } });

        var response = await SearchAsync(dialect);
        var json = await response.JsonAsync(503);

        Assert.Equal(TimeSpan.FromSeconds(3), response.Headers.RetryAfter?.Delta);
        switch (dialect)
        {
            case "agentmessage":
                Assert.False(json.GetProperty("success").GetBoolean());
                Assert.False(string.IsNullOrEmpty(json.GetProperty("error").GetProperty("code").GetString()));
                break;
            case "dialnexa":
                Assert.Equal(503, json.GetProperty("statusCode").GetInt32());
                break;
            default:
                Assert.Equal(JsonValueKind.String, json.GetProperty("error").ValueKind);
                break;
        }
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task DroughtEmptiesEachDialectsSearch(string dialect)
    {
        await Rule(new { name = "dry", kind = "drought", target = new { dialect } });

        var response = await SearchAsync(dialect);

        // AgentMessage answers a shortfall with 409 INSUFFICIENT_INVENTORY rather than a short list.
        if (dialect == "agentmessage")
        {
            var json = await response.JsonAsync(409);
            Assert.Equal(0, json.GetProperty("data").GetProperty("available_count").GetInt32());
        }
        else
        {
            Assert.Empty(Numbers(dialect, await response.JsonAsync(200)));
        }
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task FaultsBreakEachDialectsTransport(string dialect)
    {
        await Rule(new { name = "garbled", kind = "fault", fault = "malformedBody", target = new { dialect }, maxInjections = 1 });
        await Rule(new { name = "reset", kind = "fault", fault = "connectionReset", target = new { dialect }, maxInjections = 1 });

        var garbled = await SearchAsync(dialect);
        var text = await garbled.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        await Assert.ThrowsAnyAsync<Exception>(() => SearchAsync(dialect));
        var healthy = await SearchAsync(dialect);

        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(text));
        Assert.NotEqual(HttpStatusCode.ServiceUnavailable, healthy.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task MagicTakenNumberGivesTheConflictEverywhere(string dialect)
    {
        var response = await OrderAsync(dialect, "+12125550141");

        Assert.Equal(dialect == "identitycall" ? HttpStatusCode.UnprocessableEntity : HttpStatusCode.Conflict, response.StatusCode);
    }
}
