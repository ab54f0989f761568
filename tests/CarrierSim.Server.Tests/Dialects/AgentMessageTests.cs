using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Server.Dialects.AgentMessage;

namespace CarrierSim.Server.Tests.Dialects;

public sealed class AgentMessageTests : IAsyncLifetime
{
    // Campaigns of org_acme, one per state the order rules distinguish.
    private const string ActiveCampaign = "b5d3c4e2-7f7e-44a1-8c12-2bcd9e3f0a01";
    private const string PendingCampaign = "c6e4d5f3-8a8f-45b2-9d23-3cde0f4a1b02";
    private const string UnverifiedBrandCampaign = "d7f5e6a4-9b90-46c3-8e34-4def1a5b2c03";
    private const string VettedCampaign = "e8a6f7b5-0ca1-47d4-9f45-5ef02b6c3d04";
    private const string OtherOrgCampaign = "f9b7a8c6-1db2-48e5-8a56-6f013c7d4e05";

    private static readonly Dictionary<string, string?> Accounts = new()
    {
        ["CarrierSim:Accounts:0:Dialect"] = "agentmessage",
        ["CarrierSim:Accounts:0:Id"] = "org_acme",
        ["CarrierSim:Accounts:0:Keys:0:Key"] = "am_live_acmeadmin",
        ["CarrierSim:Accounts:0:Keys:1:Key"] = "am_live_acmereader",
        ["CarrierSim:Accounts:0:Keys:1:Scopes:0"] = "numbers:read",
        ["CarrierSim:Accounts:0:Keys:2:Key"] = "am_live_acmewriter",
        ["CarrierSim:Accounts:0:Keys:2:Scopes:0"] = "numbers:write",
        ["CarrierSim:Accounts:0:Keys:3:Key"] = "am_live_acmestaff",
        ["CarrierSim:Accounts:0:Keys:3:Scopes:0"] = "numbers:read",
        ["CarrierSim:Accounts:0:Keys:3:Scopes:1"] = "numbers:write",
        ["CarrierSim:Accounts:0:Keys:4:Key"] = "legacy-acme-key",
        ["CarrierSim:Accounts:0:Campaigns:0:Id"] = ActiveCampaign,
        ["CarrierSim:Accounts:0:Campaigns:0:BrandStatus"] = "Verified",
        ["CarrierSim:Accounts:0:Campaigns:1:Id"] = PendingCampaign,
        ["CarrierSim:Accounts:0:Campaigns:1:Active"] = "false",
        ["CarrierSim:Accounts:0:Campaigns:2:Id"] = UnverifiedBrandCampaign,
        ["CarrierSim:Accounts:0:Campaigns:2:BrandStatus"] = "Unverified",
        ["CarrierSim:Accounts:0:Campaigns:3:Id"] = VettedCampaign,
        ["CarrierSim:Accounts:0:Campaigns:3:BrandStatus"] = "VettedVerified",
        ["CarrierSim:Accounts:0:Campaigns:4:Id"] = "cmp_spring_promo",
        ["CarrierSim:Accounts:1:Dialect"] = "agentmessage",
        ["CarrierSim:Accounts:1:Id"] = "org_broke",
        ["CarrierSim:Accounts:1:Credit"] = "0",
        ["CarrierSim:Accounts:1:Keys:0:Key"] = "am_live_brokeorg",
        ["CarrierSim:Accounts:2:Dialect"] = "agentmessage",
        ["CarrierSim:Accounts:2:Id"] = "org_small",
        ["CarrierSim:Accounts:2:Credit"] = "3",
        ["CarrierSim:Accounts:2:Keys:0:Key"] = "am_live_smallorg",
        ["CarrierSim:Accounts:3:Dialect"] = "agentmessage",
        ["CarrierSim:Accounts:3:Id"] = "org_other",
        ["CarrierSim:Accounts:3:Keys:0:Key"] = "am_live_otherorg",
        ["CarrierSim:Accounts:3:Campaigns:0:Id"] = OtherOrgCampaign,
    };

    private TestSimulator _sim = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _sim = await TestSimulator.StartAsync(Accounts);
        _client = _sim.AgentMessage();
    }

    public async ValueTask DisposeAsync() => await _sim.DisposeAsync();

    private async Task<string[]> SearchAsync(int quantity = 2, string areaCode = "415", HttpClient? client = null)
    {
        var json = await (await (client ?? _client).PostJsonAsync("v1/phone-numbers/search", new { area_code = areaCode, quantity })).JsonAsync(200);
        return [.. json.GetProperty("data").EnumerateArray().Select(n => n.GetProperty("number").GetString()!)];
    }

    private async Task<JsonElement> OrderAsync(object body, int status = 200, HttpClient? client = null) =>
        await (await (client ?? _client).PostJsonAsync("v1/phone-numbers/orders", body)).JsonAsync(status);

    private async Task<JsonElement> OrderOneAsync(HttpClient? client = null, object? routing = null)
    {
        var number = (await SearchAsync(1, client: client))[0];
        var body = new Dictionary<string, object?> { ["numbers"] = new[] { number } };
        foreach (var field in routing is null ? [] : JsonSerializer.SerializeToElement(routing).EnumerateObject())
        {
            body[field.Name] = field.Value;
        }

        return (await OrderAsync(body, client: client)).GetProperty("data")[0];
    }

    private static Task<HttpResponseMessage> PatchAsync(HttpClient client, string path, object body) =>
        client.PatchAsJsonAsync(path, body, TestContext.Current.CancellationToken);

    private static Task<HttpResponseMessage> PatchRawAsync(HttpClient client, string path, string body) =>
        client.PatchAsync(path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

    private static Task<HttpResponseMessage> DeleteAsync(HttpClient client, string path) =>
        client.DeleteAsync(path, TestContext.Current.CancellationToken);

    /// <summary>The documented error envelope, with its request id echoed in X-Request-Id.</summary>
    private static async Task<JsonElement> ErrorAsync(HttpResponseMessage response, int status, string code)
    {
        var json = await response.JsonAsync(status);
        Assert.False(json.GetProperty("success").GetBoolean());
        var error = json.GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        var requestId = error.GetProperty("request_id").GetString()!;
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{26}$", requestId);
        Assert.Equal(requestId, Assert.Single(response.Headers.GetValues("X-Request-Id")));
        return json;
    }

    private static string Detail(JsonElement json, string field) =>
        json.GetProperty("error").GetProperty("details").GetProperty(field).GetString()!;

    // ---- search ----

    [Fact]
    public async Task SearchReturnsLocalNumbersInTheAreaCode()
    {
        var json = await (await _client.PostJsonAsync("v1/phone-numbers/search", new { area_code = "415", number_type = "local", quantity = 5 })).JsonAsync(200);

        Assert.True(json.GetProperty("success").GetBoolean());
        var data = json.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(5, data.Count);
        Assert.All(data, n =>
        {
            Assert.Equal(["number", "number_type"], n.EnumerateObject().Select(p => p.Name).Order());
            Assert.Matches(@"^\+1415\d{7}$", n.GetProperty("number").GetString());
            Assert.Equal("local", n.GetProperty("number_type").GetString());
        });
    }

    [Fact]
    public async Task SearchDefaultsToTenNumbersAndReservesNothing()
    {
        var first = await (await _client.PostJsonAsync("v1/phone-numbers/search", new { area_code = "415" })).JsonAsync(200);
        var again = await (await _sim.AgentMessage("am_live_someoneelse").PostJsonAsync("v1/phone-numbers/search", new { area_code = "415" })).JsonAsync(200);

        Assert.Equal(10, first.GetProperty("data").GetArrayLength());
        Assert.Equal(first.GetProperty("data").ToString(), again.GetProperty("data").ToString());
    }

    [Fact]
    public async Task SearchWithPatternReturnsNumbersContainingIt()
    {
        var json = await (await _client.PostJsonAsync("v1/phone-numbers/search", new { area_code = "415", pattern = "554", quantity = 3 })).JsonAsync(200);
        var prefixed = await (await _client.PostJsonAsync("v1/phone-numbers/search", new { pattern = "+1212", quantity = 3 })).JsonAsync(200);

        Assert.Equal(3, json.GetProperty("data").GetArrayLength());
        Assert.All(json.GetProperty("data").EnumerateArray(), n => Assert.Matches(@"^\+1415\d*554\d*$", n.GetProperty("number").GetString()));
        Assert.All(prefixed.GetProperty("data").EnumerateArray(), n => Assert.StartsWith("+1212", n.GetProperty("number").GetString()));
    }

    [Fact]
    public async Task SearchPatternWithAnAreaCodeMatchesAfterTheAreaCode()
    {
        // With seed 42 the first number containing 554 in 415 is +14155464369, where 554 straddles the area code.
        await using var sim = await TestSimulator.StartAsync(new Dictionary<string, string?> { ["CarrierSim:Seed"] = "42" });

        var json = await (await sim.AgentMessage().PostJsonAsync("v1/phone-numbers/search", new { area_code = "415", pattern = "554", quantity = 5 })).JsonAsync(200);

        Assert.Equal(5, json.GetProperty("data").GetArrayLength());
        Assert.All(json.GetProperty("data").EnumerateArray(), n => Assert.Matches(@"^\+1415\d*554\d*$", n.GetProperty("number").GetString()));
    }

    [Fact]
    public async Task SearchForTollFreeNumbers()
    {
        var json = await (await _client.PostJsonAsync("v1/phone-numbers/search", new { number_type = "toll_free", area_code = "888", quantity = 2 })).JsonAsync(200);

        Assert.All(json.GetProperty("data").EnumerateArray(), n =>
        {
            Assert.StartsWith("+1888", n.GetProperty("number").GetString());
            Assert.Equal("toll_free", n.GetProperty("number_type").GetString());
        });
    }

    [Theory]
    [InlineData("""{"area_code":"41"}""", "area_code")]
    [InlineData("""{"area_code":415}""", "area_code")]
    [InlineData("""{"area_code":"800"}""", "area_code")]
    [InlineData("""{"area_code":"415","number_type":"toll_free"}""", "area_code")]
    [InlineData("""{"area_code":"416"}""", "area_code")]
    [InlineData("""{"number_type":"mobile"}""", "number_type")]
    [InlineData("""{"number_type":"short_code"}""", "number_type")]
    [InlineData("""{"quantity":0}""", "quantity")]
    [InlineData("""{"quantity":101}""", "quantity")]
    [InlineData("""{"quantity":"2"}""", "quantity")]
    [InlineData("""{"quantity":1.5}""", "quantity")]
    [InlineData("""{"pattern":"55x"}""", "pattern")]
    [InlineData("""{"pattern":"+44"}""", "pattern")]
    [InlineData("""{"pattern":""}""", "pattern")]
    public async Task BadSearchGets422NamingTheField(string body, string field)
    {
        var json = await ErrorAsync(await _client.PostRawAsync("v1/phone-numbers/search", body), 422, "VALIDATION_FAILED");

        Assert.Equal("validation failed", json.GetProperty("error").GetProperty("message").GetString());
        Assert.False(string.IsNullOrEmpty(Detail(json, field)));
    }

    [Fact]
    public async Task SearchWithAFieldTheVendorDoesNotTakeGets400InvalidInput()
    {
        var json = await ErrorAsync(await _client.PostJsonAsync("v1/phone-numbers/search", new { area_code = "415", contains = "555" }), 400, "INVALID_INPUT");

        Assert.Contains("contains", json.GetProperty("error").GetProperty("message").GetString());
        Assert.True(json.GetProperty("error").GetProperty("details").TryGetProperty("contains", out _));
    }

    [Fact]
    public async Task SearchThatCannotBeFilledGets409InsufficientInventory()
    {
        // Seven fixed digits in one area code leave at most one number.
        var json = await ErrorAsync(await _client.PostJsonAsync("v1/phone-numbers/search", new { area_code = "415", pattern = "5540123", quantity = 2 }), 409, "INSUFFICIENT_INVENTORY");

        var available = json.GetProperty("data").GetProperty("available_count").GetInt32();
        Assert.InRange(available, 0, 1);
        Assert.Equal($"insufficient inventory: requested 2, available {available}", json.GetProperty("error").GetProperty("message").GetString());
    }

    // ---- orders ----

    [Fact]
    public async Task OrderAssignsTheNumbersWithTheDocumentedShape()
    {
        var numbers = await SearchAsync(2);

        var json = await OrderAsync(new { numbers });

        Assert.True(json.GetProperty("success").GetBoolean());
        var data = json.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(numbers, data.Select(n => n.GetProperty("number").GetString()));
        Assert.All(data, n =>
        {
            Assert.Equal(
                ["campaign_id", "created_at", "id", "inbound_url", "label", "mms_enabled", "number", "number_type", "sms_enabled", "status_url", "updated_at"],
                n.EnumerateObject().Select(p => p.Name).Order());
            Assert.True(Guid.TryParseExact(n.GetProperty("id").GetString(), "D", out _));
            Assert.Equal("local", n.GetProperty("number_type").GetString());
            Assert.True(n.GetProperty("sms_enabled").GetBoolean());
            Assert.True(n.GetProperty("mms_enabled").GetBoolean());
            Assert.Equal(JsonValueKind.Null, n.GetProperty("inbound_url").ValueKind);
            Assert.Equal(JsonValueKind.Null, n.GetProperty("campaign_id").ValueKind);
            Assert.Equal("2026-11-23T12:00:00Z", n.GetProperty("created_at").GetString());
            Assert.Equal("2026-11-23T12:00:00Z", n.GetProperty("updated_at").GetString());
        });
        Assert.All(numbers, n => Assert.Equal(NumberState.Owned, _sim.Simulation.Inventory.GetStatus(PhoneNumber.Parse(n).Value).State));
    }

    [Fact]
    public async Task OrderStoresRoutingAndGetReturnsIt()
    {
        var number = await OrderOneAsync(routing: new
        {
            inbound_url = "https://customer.example/inbound",
            status_url = "https://customer.example/status",
            label = "support-line",
        });

        var fetched = await (await _client.Get($"v1/phone-numbers/{number.GetProperty("id").GetString()}")).JsonAsync(200);

        Assert.True(fetched.GetProperty("success").GetBoolean());
        var data = fetched.GetProperty("data");
        Assert.Equal("https://customer.example/inbound", data.GetProperty("inbound_url").GetString());
        Assert.Equal("https://customer.example/status", data.GetProperty("status_url").GetString());
        Assert.Equal("support-line", data.GetProperty("label").GetString());
        Assert.Equal(number.ToString(), data.ToString());
    }

    [Fact]
    public async Task OrderForTakenNumberReturns409WithTheSeedShapeAndAssignsNothing()
    {
        var numbers = await SearchAsync(2);
        _sim.Simulation.Inventory.TakeByCompetitor([PhoneNumber.Parse(numbers[1]).Value]);

        var json = await ErrorAsync(await _client.PostJsonAsync("v1/phone-numbers/orders", new { numbers }), 409, "INSUFFICIENT_INVENTORY");

        Assert.Equal("insufficient inventory: requested 2, available 1", json.GetProperty("error").GetProperty("message").GetString());
        Assert.False(json.GetProperty("error").TryGetProperty("details", out _));
        Assert.Equal(1, json.GetProperty("data").GetProperty("available_count").GetInt32());
        Assert.Equal([numbers[1]], json.GetProperty("data").GetProperty("unavailable").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(NumberState.Available, _sim.Simulation.Inventory.GetStatus(PhoneNumber.Parse(numbers[0]).Value).State);
        var list = await (await _client.Get("v1/phone-numbers")).JsonAsync(200);
        Assert.Equal(0, list.GetProperty("data").GetArrayLength());
        Assert.Equal(100m, _sim.Simulation.Accounts.Find("agentmessage", "am_live_carriersim")!.Credit);
    }

    [Fact]
    public async Task OrderForANumberAnotherOrganizationHoldsReturns409()
    {
        var numbers = await SearchAsync(1);
        await OrderAsync(new { numbers }, client: _sim.AgentMessage("am_live_otherorg"));

        var json = await ErrorAsync(await _client.PostJsonAsync("v1/phone-numbers/orders", new { numbers }), 409, "INSUFFICIENT_INVENTORY");

        Assert.Equal(0, json.GetProperty("data").GetProperty("available_count").GetInt32());
    }

    [Fact]
    public async Task OrderForANumberOutsideTheInventoryReturns409()
    {
        // 555-1234 is fictional (555 is not offered outside 555-01XX): never in the catalog, so never available.
        var json = await ErrorAsync(await _client.PostJsonAsync("v1/phone-numbers/orders", new { numbers = new[] { "+14155551234" } }), 409, "INSUFFICIENT_INVENTORY");

        Assert.Equal(["+14155551234"], json.GetProperty("data").GetProperty("unavailable").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task ConcurrentOrdersForOneNumberAssignItOnce()
    {
        var numbers = await SearchAsync(1);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            _sim.AgentMessage($"am_live_racer{i}").PostJsonAsync("v1/phone-numbers/orders", new { numbers })));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var winner = Array.FindIndex(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(99m, _sim.Simulation.Accounts.Find("agentmessage", $"am_live_racer{winner}")!.Credit);
        Assert.All(Enumerable.Range(0, 8).Where(i => i != winner), i => Assert.Equal(100m, _sim.Simulation.Accounts.Find("agentmessage", $"am_live_racer{i}")!.Credit));
    }

    [Fact]
    public async Task ANumberAssignedHereIsGoneForEveryDialect()
    {
        var numbers = await SearchAsync(1);
        await OrderAsync(new { numbers });

        var again = await SearchAsync(10);
        var dialStack = await _sim.DialStack().PostJsonAsync("v1/phone-number-orders", new { phone_numbers = numbers });

        Assert.DoesNotContain(numbers[0], again);
        Assert.Equal(HttpStatusCode.Conflict, dialStack.StatusCode);
    }

    [Theory]
    [InlineData("""{}""", "numbers", "required")]
    [InlineData("""{"numbers":[]}""", "numbers", "required")]
    [InlineData("""{"numbers":"+14155540123"}""", "numbers", "array")]
    [InlineData("""{"numbers":[14155540123]}""", "numbers", "array")]
    [InlineData("""{"numbers":["4155540123"]}""", "numbers", "must be E.164")]
    [InlineData("""{"numbers":["+442079460000"]}""", "numbers", "US")]
    [InlineData("""{"numbers":["+14155540123","+14155540123"]}""", "numbers", "twice")]
    [InlineData("""{"numbers":["+14155540123"],"inbound_url":"http://customer.example/inbound"}""", "inbound_url", "https://")]
    [InlineData("""{"numbers":["+14155540123"],"inbound_url":"http://localhost:9000/in"}""", "inbound_url", "https://")]
    [InlineData("""{"numbers":["+14155540123"],"status_url":"ftp://customer.example/status"}""", "status_url", "https://")]
    [InlineData("""{"numbers":["+14155540123"],"status_url":"/status"}""", "status_url", "https://")]
    [InlineData("""{"numbers":["+14155540123"],"status_url":true}""", "status_url", "string")]
    [InlineData("""{"numbers":["+14155540123"],"label":42}""", "label", "string")]
    [InlineData("""{"numbers":["+14155540123"],"campaign_id":""}""", "campaign_id", "campaign id")]
    [InlineData("""{"numbers":["+14155540123"],"campaign_id":"spring"}""", "campaign_id", "UUID")]
    public async Task BadOrderGets422NamingTheField(string body, string field, string fragment)
    {
        var json = await ErrorAsync(await _client.PostRawAsync("v1/phone-numbers/orders", body), 422, "VALIDATION_FAILED");

        Assert.Contains(fragment, Detail(json, field));
        Assert.Equal(100m, _sim.Simulation.Accounts.Find("agentmessage", "am_live_carriersim")!.Credit);
    }

    [Fact]
    public async Task OrderWithTooManyNumbersGets422()
    {
        var numbers = Enumerable.Range(0, 101).Select(i => $"+1415554{i:D4}").ToArray();

        var json = await ErrorAsync(await _client.PostJsonAsync("v1/phone-numbers/orders", new { numbers }), 422, "VALIDATION_FAILED");

        Assert.Contains("at most 100", Detail(json, "numbers"));
    }

    [Fact]
    public async Task OrderReportsEveryBadFieldAtOnce()
    {
        var json = await ErrorAsync(await _client.PostJsonAsync("v1/phone-numbers/orders", new
        {
            numbers = new[] { "4155540123" },
            inbound_url = "http://customer.example/in",
            status_url = "nope",
            label = new string('x', 256),
        }), 422, "VALIDATION_FAILED");

        Assert.Equal(["inbound_url", "label", "numbers", "status_url"], json.GetProperty("error").GetProperty("details").EnumerateObject().Select(p => p.Name).Order());
    }

    [Theory]
    [InlineData("""{"numbers":["+14155540123"],"colour":"red"}""", "colour")]
    [InlineData("""{"numbers":["+14155540123"],"partial_allowed":true}""", "partial_allowed")]
    [InlineData("""{"numbers":["+14155540123"]""", "not valid JSON")]
    [InlineData("""["+14155540123"]""", "not valid JSON")]
    [InlineData("", "empty")]
    [InlineData("null", "not null")]
    public async Task UnreadableOrderGets400InvalidInput(string body, string fragment)
    {
        var json = await ErrorAsync(await _client.PostRawAsync("v1/phone-numbers/orders", body), 400, "INVALID_INPUT");

        Assert.Contains(fragment, json.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task OversizedBodyGets413InTheEnvelope()
    {
        var body = $$"""{"numbers":["{{new string('1', 70_000)}}"]}""";

        var json = await ErrorAsync(await _client.PostRawAsync("v1/phone-numbers/orders", body), 413, "PAYLOAD_TOO_LARGE");

        Assert.Contains("64 KiB", json.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task PlainHttpCallbacksOnLoopbackAreAcceptedWhenTheOptionIsOn()
    {
        await using var sim = await TestSimulator.StartAsync(new Dictionary<string, string?> { ["CarrierSim:AllowHttpCallbacks"] = "true" });
        var client = sim.AgentMessage();
        var numbers = await SearchAsync(3, client: client);

        var ok = await (await client.PostJsonAsync("v1/phone-numbers/orders", new
        {
            numbers = numbers[..1],
            inbound_url = "http://localhost:5005/inbound",
            status_url = "http://127.0.0.1:5005/status",
        })).JsonAsync(200);
        var ipv6 = await (await client.PostJsonAsync("v1/phone-numbers/orders", new { numbers = numbers[1..2], inbound_url = "http://[::1]:5005/inbound" })).JsonAsync(200);
        var remote = await ErrorAsync(await client.PostJsonAsync("v1/phone-numbers/orders", new { numbers = numbers[2..], inbound_url = "http://customer.example/inbound" }), 422, "VALIDATION_FAILED");

        Assert.Equal("http://localhost:5005/inbound", ok.GetProperty("data")[0].GetProperty("inbound_url").GetString());
        Assert.Equal("http://[::1]:5005/inbound", ipv6.GetProperty("data")[0].GetProperty("inbound_url").GetString());
        Assert.Contains("localhost", Detail(remote, "inbound_url"));
    }

    // ---- campaigns ----

    [Theory]
    [InlineData(ActiveCampaign)]
    [InlineData(VettedCampaign)]
    [InlineData("cmp_spring_promo")]
    public async Task OrderLinkedToAnActiveVerifiedCampaignSucceeds(string campaignId)
    {
        var admin = _sim.AgentMessage("am_live_acmeadmin");

        var number = await OrderOneAsync(admin, new { campaign_id = campaignId });

        Assert.Equal(campaignId, number.GetProperty("campaign_id").GetString());
    }

    [Theory]
    [InlineData(PendingCampaign, "campaign must be ACTIVE")]
    [InlineData(UnverifiedBrandCampaign, "campaign brand must be VERIFIED or VETTED_VERIFIED")]
    public async Task OrderLinkedToAnUnusableCampaignGets422(string campaignId, string reason)
    {
        var admin = _sim.AgentMessage("am_live_acmeadmin");
        var numbers = await SearchAsync(1, client: admin);

        var json = await ErrorAsync(await admin.PostJsonAsync("v1/phone-numbers/orders", new { numbers, campaign_id = campaignId }), 422, "VALIDATION_FAILED");

        Assert.StartsWith(reason, Detail(json, "campaign_id"));
        Assert.Equal(NumberState.Available, _sim.Simulation.Inventory.GetStatus(PhoneNumber.Parse(numbers[0]).Value).State);
    }

    [Theory]
    [InlineData("01900000-0000-4000-8000-000000000000")]
    [InlineData(OtherOrgCampaign)]
    public async Task OrderLinkedToAnUnknownOrAnotherOrganizationsCampaignGets404(string campaignId)
    {
        var admin = _sim.AgentMessage("am_live_acmeadmin");
        var numbers = await SearchAsync(1, client: admin);

        var json = await ErrorAsync(await admin.PostJsonAsync("v1/phone-numbers/orders", new { numbers, campaign_id = campaignId }), 404, "NOT_FOUND");

        Assert.Contains(campaignId, json.GetProperty("error").GetProperty("hint").GetString());
        Assert.Equal(NumberState.Available, _sim.Simulation.Inventory.GetStatus(PhoneNumber.Parse(numbers[0]).Value).State);
    }

    // ---- credit ----

    [Fact]
    public async Task OrderWithoutCreditGets402AndAssignsNothing()
    {
        var broke = _sim.AgentMessage("am_live_brokeorg");
        var numbers = await SearchAsync(1, client: broke);

        var json = await ErrorAsync(await broke.PostJsonAsync("v1/phone-numbers/orders", new { numbers }), 402, "INSUFFICIENT_CREDIT");

        Assert.Equal("insufficient credit", json.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(NumberState.Available, _sim.Simulation.Inventory.GetStatus(PhoneNumber.Parse(numbers[0]).Value).State);

        // Credit is checked before the inventory: an order that would also hit a taken number still gets 402.
        _sim.Simulation.Inventory.TakeByCompetitor([PhoneNumber.Parse(numbers[0]).Value]);
        await ErrorAsync(await broke.PostJsonAsync("v1/phone-numbers/orders", new { numbers }), 402, "INSUFFICIENT_CREDIT");
    }

    [Fact]
    public async Task EachAssignedNumberCostsOneCreditCheckedForTheWholeOrder()
    {
        var small = _sim.AgentMessage("am_live_smallorg");
        var numbers = await SearchAsync(4, client: small);

        await OrderAsync(new { numbers = numbers[..2] }, client: small);
        var refused = await ErrorAsync(await small.PostJsonAsync("v1/phone-numbers/orders", new { numbers = numbers[2..] }), 402, "INSUFFICIENT_CREDIT");
        await OrderAsync(new { numbers = numbers[2..3] }, client: small);

        Assert.Contains("costs 2.00", refused.GetProperty("error").GetProperty("hint").GetString());
        Assert.Equal(NumberState.Available, _sim.Simulation.Inventory.GetStatus(PhoneNumber.Parse(numbers[3]).Value).State);
        Assert.Equal(0m, _sim.Simulation.Accounts.Find("agentmessage", "org_small")!.Credit);
    }

    // ---- auth and scopes ----

    [Fact]
    public async Task MissingOrMalformedKeyGets401()
    {
        var anonymous = await ErrorAsync(await _sim.Anonymous("agentmessage").PostJsonAsync("v1/phone-numbers/search", new { area_code = "415" }), 401, "UNAUTHORIZED");
        await ErrorAsync(await _sim.AgentMessage("sk_test_carriersim").Get("v1/phone-numbers"), 401, "UNAUTHORIZED");
        await ErrorAsync(await _sim.AgentMessage("am_prod_carriersim").Get("v1/phone-numbers"), 401, "UNAUTHORIZED");
        var basic = _sim.Anonymous("agentmessage");
        basic.DefaultRequestHeaders.Authorization = new("Basic", "am_live_carriersim");
        await ErrorAsync(await basic.Get("v1/phone-numbers"), 401, "UNAUTHORIZED");

        Assert.Equal("authentication failed", anonymous.GetProperty("error").GetProperty("message").GetString());
        Assert.Contains("Bearer am_live_", anonymous.GetProperty("error").GetProperty("hint").GetString());
    }

    [Fact]
    public async Task TestKeysAndDeclaredKeysOfAnyShapeAreAccepted()
    {
        await (await _sim.AgentMessage("am_test_carriersim").Get("v1/phone-numbers")).JsonAsync(200);
        await (await _sim.AgentMessage("legacy-acme-key").Get("v1/phone-numbers")).JsonAsync(200);
    }

    [Theory]
    [InlineData("am_live_acmereader", "POST", "v1/phone-numbers/search", "numbers:write")]
    [InlineData("am_live_acmereader", "POST", "v1/phone-numbers/orders", "numbers:write")]
    [InlineData("am_live_acmereader", "PATCH", "v1/phone-numbers/7c1f0a2d-9e8b-4c3a-9d2e-1f0a2b3c4d5e", "numbers:write")]
    [InlineData("am_live_acmereader", "DELETE", "v1/phone-numbers/7c1f0a2d-9e8b-4c3a-9d2e-1f0a2b3c4d5e", "numbers:write")]
    [InlineData("am_live_acmewriter", "GET", "v1/phone-numbers", "numbers:read")]
    [InlineData("am_live_acmewriter", "GET", "v1/phone-numbers/7c1f0a2d-9e8b-4c3a-9d2e-1f0a2b3c4d5e", "numbers:read")]
    public async Task KeyWithoutTheRequiredScopeGets403NamingIt(string key, string method, string path, string scope)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PATCH")
        {
            request.Content = JsonContent.Create(new { numbers = new[] { "+14155540123" } });
        }

        var json = await ErrorAsync(await _sim.AgentMessage(key).SendAsync(request, TestContext.Current.CancellationToken), 403, "FORBIDDEN");

        Assert.Equal("missing required scope", json.GetProperty("error").GetProperty("message").GetString());
        Assert.Contains(scope, json.GetProperty("error").GetProperty("hint").GetString());
    }

    [Fact]
    public async Task KeysOfOneOrganizationShareItsNumbers()
    {
        var number = await OrderOneAsync(_sim.AgentMessage("am_live_acmewriter"));

        var seenByReader = await (await _sim.AgentMessage("am_live_acmereader").Get("v1/phone-numbers")).JsonAsync(200);

        Assert.Equal(number.GetProperty("id").GetString(), Assert.Single(seenByReader.GetProperty("data").EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task OrganizationsNeverSeeEachOthersNumbers()
    {
        var number = await OrderOneAsync();
        var id = number.GetProperty("id").GetString();
        var other = _sim.AgentMessage("am_live_someoneelse");

        var list = await (await other.Get("v1/phone-numbers")).JsonAsync(200);
        await ErrorAsync(await other.Get($"v1/phone-numbers/{id}"), 404, "NOT_FOUND");
        await ErrorAsync(await PatchAsync(other, $"v1/phone-numbers/{id}", new { label = "mine now" }), 404, "NOT_FOUND");
        await ErrorAsync(await DeleteAsync(other, $"v1/phone-numbers/{id}"), 404, "NOT_FOUND");

        Assert.Equal(0, list.GetProperty("data").GetArrayLength());
        Assert.Equal(0, list.GetProperty("meta").GetProperty("total").GetInt32());
        await (await _client.Get($"v1/phone-numbers/{id}")).JsonAsync(200);
    }

    // ---- list ----

    [Fact]
    public async Task ListPagesNewestFirstWithCursors()
    {
        var numbers = await SearchAsync(5);
        foreach (var number in numbers)
        {
            await OrderAsync(new { numbers = new[] { number } });
            _sim.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var first = await (await _client.Get("v1/phone-numbers?limit=2")).JsonAsync(200);
        var meta = first.GetProperty("meta");
        Assert.Equal(5, meta.GetProperty("total").GetInt32());
        Assert.Equal(2, meta.GetProperty("limit").GetInt32());
        Assert.Equal(0, meta.GetProperty("offset").GetInt32());
        var seen = first.GetProperty("data").EnumerateArray().Select(d => d.GetProperty("number").GetString()).ToList();
        var cursor = meta.GetProperty("next_cursor").GetString();
        var offsets = new List<int>();
        while (cursor is not null)
        {
            var page = await (await _client.Get($"v1/phone-numbers?limit=2&cursor={cursor}")).JsonAsync(200);
            seen.AddRange(page.GetProperty("data").EnumerateArray().Select(d => d.GetProperty("number").GetString()));
            offsets.Add(page.GetProperty("meta").GetProperty("offset").GetInt32());
            var next = page.GetProperty("meta").GetProperty("next_cursor");
            cursor = next.ValueKind == JsonValueKind.Null ? null : next.GetString();
        }

        Assert.Equal(numbers.Reverse(), seen);
        Assert.Equal([2, 4], offsets);
        var all = await (await _client.Get("v1/phone-numbers")).JsonAsync(200);
        Assert.Equal(20, all.GetProperty("meta").GetProperty("limit").GetInt32());
        Assert.Equal(JsonValueKind.Null, all.GetProperty("meta").GetProperty("next_cursor").ValueKind);
    }

    [Fact]
    public async Task FilteredListPagesCanBeShortButTheCursorCarriesOn()
    {
        var numbers = await SearchAsync(4);
        for (var i = 0; i < numbers.Length; i++)
        {
            await OrderAsync(new { numbers = new[] { numbers[i] }, label = i % 2 == 0 ? "Support line" : "sales" });
            _sim.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var first = await (await _client.Get("v1/phone-numbers?limit=1&search=support")).JsonAsync(200);
        var labels = new List<string?>();
        var pages = 0;
        var page = first;
        while (true)
        {
            pages++;
            labels.AddRange(page.GetProperty("data").EnumerateArray().Select(d => d.GetProperty("label").GetString()));
            var next = page.GetProperty("meta").GetProperty("next_cursor");
            if (next.ValueKind == JsonValueKind.Null)
            {
                break;
            }

            page = await (await _client.Get($"v1/phone-numbers?limit=1&search=support&cursor={next.GetString()}")).JsonAsync(200);
        }

        Assert.Equal(0, first.GetProperty("data").GetArrayLength());
        Assert.Equal(2, first.GetProperty("meta").GetProperty("total").GetInt32());
        Assert.Equal(4, pages);
        Assert.Equal(["Support line", "Support line"], labels);
    }

    [Fact]
    public async Task ListFiltersByTypeCampaignAndNumber()
    {
        var admin = _sim.AgentMessage("am_live_acmeadmin");
        var local = await SearchAsync(2, client: admin);
        var tollFree = await (await admin.PostJsonAsync("v1/phone-numbers/search", new { number_type = "toll_free", quantity = 1 })).JsonAsync(200);
        await OrderAsync(new { numbers = local[..1], campaign_id = ActiveCampaign }, client: admin);
        await OrderAsync(new { numbers = local[1..] }, client: admin);
        await OrderAsync(new { numbers = new[] { tollFree.GetProperty("data")[0].GetProperty("number").GetString() } }, client: admin);

        async Task<string?[]> Numbers(string query) =>
            [.. (await (await admin.Get($"v1/phone-numbers?{query}")).JsonAsync(200)).GetProperty("data").EnumerateArray().Select(d => d.GetProperty("number").GetString())];

        Assert.Single(await Numbers("number_type=toll_free"));
        Assert.Equal(2, (await Numbers("number_type=local")).Length);
        Assert.Empty(await Numbers("number_type=short_code"));
        Assert.Equal([local[0]], await Numbers($"campaign_id={ActiveCampaign}"));
        Assert.Equal([local[1]], await Numbers($"search={Uri.EscapeDataString(local[1][2..])}"));
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("number_type=mobile", "number_type")]
    [InlineData("campaign_id=spring", "campaign_id")]
    [InlineData("cursor=bm90LWEtY3Vyc29y", "cursor")]
    [InlineData("cursor=%25%25%25", "cursor")]
    public async Task BadListQueryGets422NamingTheParameter(string query, string field)
    {
        var json = await ErrorAsync(await _client.Get($"v1/phone-numbers?{query}"), 422, "VALIDATION_FAILED");

        Assert.False(string.IsNullOrEmpty(Detail(json, field)));
    }

    // ---- get ----

    [Fact]
    public async Task GetUnknownOrMalformedIdGets404Or422()
    {
        var unknown = await ErrorAsync(await _client.Get("v1/phone-numbers/7c1f0a2d-9e8b-4c3a-9d2e-1f0a2b3c4d5e"), 404, "NOT_FOUND");
        var byNumber = await ErrorAsync(await _client.Get("v1/phone-numbers/+14155540123"), 422, "VALIDATION_FAILED");

        Assert.Equal("not found", unknown.GetProperty("error").GetProperty("message").GetString());
        Assert.Contains("UUID", Detail(byNumber, "id"));
    }

    // ---- update ----

    [Fact]
    public async Task UpdateChangesRoutingAndLeavesOmittedFieldsAlone()
    {
        var number = await OrderOneAsync(_sim.AgentMessage("am_live_acmeadmin"), new { inbound_url = "https://a.example/in", label = "old" });
        var id = number.GetProperty("id").GetString();
        var admin = _sim.AgentMessage("am_live_acmeadmin");
        _sim.Time.Advance(TimeSpan.FromMinutes(5));

        var updated = await (await PatchAsync(admin, $"v1/phone-numbers/{id}", new { status_url = "https://a.example/status", label = (string?)null, campaign_id = ActiveCampaign })).JsonAsync(200);
        var cleared = await (await PatchAsync(admin, $"v1/phone-numbers/{id}", new { inbound_url = "", label = "" })).JsonAsync(200);

        var data = updated.GetProperty("data");
        Assert.True(updated.GetProperty("success").GetBoolean());
        Assert.Equal("https://a.example/in", data.GetProperty("inbound_url").GetString());
        Assert.Equal("https://a.example/status", data.GetProperty("status_url").GetString());
        Assert.Equal("old", data.GetProperty("label").GetString());
        Assert.Equal(ActiveCampaign, data.GetProperty("campaign_id").GetString());
        Assert.Equal("2026-11-23T12:00:00Z", data.GetProperty("created_at").GetString());
        Assert.Equal("2026-11-23T12:05:00Z", data.GetProperty("updated_at").GetString());
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("data").GetProperty("inbound_url").ValueKind);
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("data").GetProperty("label").ValueKind);
        Assert.Equal("https://a.example/status", cleared.GetProperty("data").GetProperty("status_url").GetString());
        var fetched = await (await admin.Get($"v1/phone-numbers/{id}")).JsonAsync(200);
        Assert.Equal(cleared.GetProperty("data").ToString(), fetched.GetProperty("data").ToString());
    }

    [Theory]
    [InlineData("""{"campaign_id":""}""", "campaign_id")]
    [InlineData("""{"campaign_id":"d7f5e6a4-9b90-46c3-8e34-4def1a5b2c03"}""", "campaign_id")]
    [InlineData("""{"inbound_url":"http://a.example/in"}""", "inbound_url")]
    [InlineData("""{"status_url":5}""", "status_url")]
    public async Task BadUpdateGets422AndChangesNothing(string body, string field)
    {
        var admin = _sim.AgentMessage("am_live_acmeadmin");
        var number = await OrderOneAsync(admin, new { label = "keep" });
        var id = number.GetProperty("id").GetString();

        var json = await ErrorAsync(await PatchRawAsync(admin, $"v1/phone-numbers/{id}", body), 422, "VALIDATION_FAILED");

        Assert.False(string.IsNullOrEmpty(Detail(json, field)));
        var fetched = await (await admin.Get($"v1/phone-numbers/{id}")).JsonAsync(200);
        Assert.Equal(number.ToString(), fetched.GetProperty("data").ToString());
    }

    [Theory]
    [InlineData("""{"number":"+14155540000"}""", "number")]
    [InlineData("""{"label":"x","sms_enabled":false}""", "sms_enabled")]
    public async Task UpdateOfAFieldThatCannotChangeGets400InvalidInput(string body, string field)
    {
        var number = await OrderOneAsync();

        var json = await ErrorAsync(await PatchRawAsync(_client, $"v1/phone-numbers/{number.GetProperty("id").GetString()}", body), 400, "INVALID_INPUT");

        Assert.True(json.GetProperty("error").GetProperty("details").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task UpdateWithAnUnknownCampaignGets404()
    {
        var number = await OrderOneAsync();

        await ErrorAsync(await PatchAsync(_client, $"v1/phone-numbers/{number.GetProperty("id").GetString()}", new { campaign_id = ActiveCampaign }), 404, "NOT_FOUND");
    }

    // ---- release ----

    [Fact]
    public async Task ReleaseRecyclesTheNumberThroughQuarantine()
    {
        var number = await OrderOneAsync();
        var id = number.GetProperty("id").GetString();
        var e164 = number.GetProperty("number").GetString()!;

        var released = await (await DeleteAsync(_client, $"v1/phone-numbers/{id}")).JsonAsync(200);

        Assert.True(released.GetProperty("success").GetBoolean());
        Assert.Equal("released", released.GetProperty("data").GetProperty("status").GetString());
        await ErrorAsync(await _client.Get($"v1/phone-numbers/{id}"), 404, "NOT_FOUND");
        await ErrorAsync(await DeleteAsync(_client, $"v1/phone-numbers/{id}"), 404, "NOT_FOUND");
        Assert.Equal(0, (await (await _client.Get("v1/phone-numbers")).JsonAsync(200)).GetProperty("data").GetArrayLength());
        await ErrorAsync(await _client.PostJsonAsync("v1/phone-numbers/orders", new { numbers = new[] { e164 } }), 409, "INSUFFICIENT_INVENTORY");

        _sim.Time.Advance(TimeSpan.FromMinutes(31));
        var again = await OrderAsync(new { numbers = new[] { e164 } });

        Assert.NotEqual(id, again.GetProperty("data")[0].GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, again.GetProperty("data")[0].GetProperty("label").ValueKind);
    }

    [Fact]
    public async Task ReturnToCarrierNeedsThePlatformScopeAndSkipsQuarantine()
    {
        var staff = _sim.AgentMessage("am_live_acmestaff");
        var admin = _sim.AgentMessage("am_live_acmeadmin");
        var number = await OrderOneAsync(staff);
        var id = number.GetProperty("id").GetString();

        var forbidden = await ErrorAsync(await DeleteAsync(staff, $"v1/phone-numbers/{id}?return_to_carrier=true"), 403, "FORBIDDEN");
        await ErrorAsync(await DeleteAsync(admin, $"v1/phone-numbers/{id}?return_to_carrier=maybe"), 422, "VALIDATION_FAILED");
        await (await DeleteAsync(admin, $"v1/phone-numbers/{id}?return_to_carrier=true")).JsonAsync(200);

        Assert.Equal("return_to_carrier is admin-only: forbidden", forbidden.GetProperty("error").GetProperty("message").GetString());
        await OrderAsync(new { numbers = new[] { number.GetProperty("number").GetString() } });
    }

    // ---- chaos, in this vendor's terms ----

    [Theory]
    [InlineData("+14155550140")]
    [InlineData("+14155550150")]
    [InlineData("+14155550170")]
    public async Task MagicNumbersThatFailMakeTheWholeAssignAConflict(string magic)
    {
        var numbers = (await SearchAsync(1)).Append(magic).ToArray();

        var json = await ErrorAsync(await _client.PostJsonAsync("v1/phone-numbers/orders", new { numbers }), 409, "INSUFFICIENT_INVENTORY");

        Assert.Equal([magic], json.GetProperty("data").GetProperty("unavailable").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(1, json.GetProperty("data").GetProperty("available_count").GetInt32());
        Assert.Equal(NumberState.Available, _sim.Simulation.Inventory.GetStatus(PhoneNumber.Parse(numbers[0]).Value).State);
    }

    [Fact]
    public async Task TheDocumentsExampleNumberCanBeAssigned()
    {
        // The vendor's own example (+1 415 555 0123) is an ordinary number, not a magic failure.
        var json = await OrderAsync(new { numbers = new[] { "+14155550123" } });

        Assert.True(json.GetProperty("success").GetBoolean());
        Assert.Equal("+14155550123", json.GetProperty("data")[0].GetProperty("number").GetString());
    }

    [Fact]
    public async Task MagicNumbersForSuccessAndCarrierErrorWork()
    {
        var ok = await OrderAsync(new { numbers = new[] { "+14155550130" } });
        var down = await ErrorAsync(await _client.PostJsonAsync("v1/phone-numbers/orders", new { numbers = new[] { "+14155550190" } }), 503, "SERVICE_UNAVAILABLE");

        Assert.Equal("+14155550130", ok.GetProperty("data")[0].GetProperty("number").GetString());
        Assert.False(string.IsNullOrEmpty(down.GetProperty("error").GetProperty("message").GetString()));
    }

    [Theory]
    [InlineData("race", 2)]
    [InlineData("fail", 2)]
    [InlineData("partial=0.5", 1)]
    public async Task ChaosHeaderFailsAssignsAllOrNothing(string chaos, int unavailable)
    {
        var numbers = await SearchAsync(2);
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/phone-numbers/orders") { Content = JsonContent.Create(new { numbers }) };
        request.Headers.Add("X-CarrierSim-Chaos", chaos);

        var json = await ErrorAsync(await _client.SendAsync(request, TestContext.Current.CancellationToken), 409, "INSUFFICIENT_INVENTORY");

        Assert.Equal(unavailable, json.GetProperty("data").GetProperty("unavailable").GetArrayLength());
        Assert.Equal(0, (await (await _client.Get("v1/phone-numbers")).JsonAsync(200)).GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task ChaosOutcomesAndDroughtUseTheEnvelope()
    {
        using var limited = new HttpRequestMessage(HttpMethod.Post, "v1/phone-numbers/search") { Content = JsonContent.Create(new { area_code = "415" }) };
        limited.Headers.Add("X-CarrierSim-Chaos", "status=429;retry-after=3");
        using var drought = new HttpRequestMessage(HttpMethod.Post, "v1/phone-numbers/search") { Content = JsonContent.Create(new { area_code = "415" }) };
        drought.Headers.Add("X-CarrierSim-Chaos", "drought");
        using var malformed = new HttpRequestMessage(HttpMethod.Get, "v1/phone-numbers");
        malformed.Headers.Add("X-CarrierSim-Chaos", "explode");

        var rateLimited = await _client.SendAsync(limited, TestContext.Current.CancellationToken);
        await ErrorAsync(rateLimited, 429, "RATE_LIMITED");
        var empty = await ErrorAsync(await _client.SendAsync(drought, TestContext.Current.CancellationToken), 409, "INSUFFICIENT_INVENTORY");
        await ErrorAsync(await _client.SendAsync(malformed, TestContext.Current.CancellationToken), 400, "INVALID_INPUT");

        Assert.Equal(TimeSpan.FromSeconds(3), rateLimited.Headers.RetryAfter?.Delta);
        Assert.Equal(0, empty.GetProperty("data").GetProperty("available_count").GetInt32());
    }

    // ---- envelope for everything else ----

    [Theory]
    [InlineData("POST", "v1/phone-numbers/bulk")]
    [InlineData("GET", "v1/campaigns")]
    [InlineData("PUT", "v1/phone-numbers/7c1f0a2d-9e8b-4c3a-9d2e-1f0a2b3c4d5e")]
    public async Task UnemulatedPathGetsTheVendorsNotFound(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);

        var json = await ErrorAsync(await _client.SendAsync(request, TestContext.Current.CancellationToken), 404, "NOT_FOUND");

        Assert.Contains("does not emulate", json.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task SuccessfulResponsesCarryARequestIdToo()
    {
        var response = await _client.Get("v1/phone-numbers");

        await response.JsonAsync(200);
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{26}$", Assert.Single(response.Headers.GetValues("X-Request-Id")));
    }

    [Fact]
    public async Task ResetForgetsEveryNumberRecord()
    {
        await OrderOneAsync();

        _sim.Simulation.Reset();

        Assert.Equal(0, (await (await _client.Get("v1/phone-numbers")).JsonAsync(200)).GetProperty("data").GetArrayLength());
    }

    [Fact]
    public void StoreFindsANumbersRecordAcrossOrganizations()
    {
        var store = new AgentMessageStore(_sim.Simulation);
        var number = PhoneNumber.Parse("+14155540123").Value;
        var record = new AgentMessageNumber
        {
            Id = Guid.NewGuid(),
            Number = number,
            Owner = new OwnerId(99),
            Type = NumberType.Local,
            InboundUrl = "https://customer.example/inbound",
            CreatedAt = DateTimeOffset.UnixEpoch,
        };

        store.Add(record);
        var found = store.FindByNumber(number);
        var removed = store.TryRemove(record);

        Assert.Same(record, found);
        Assert.True(removed);
        Assert.Null(store.FindByNumber(number));
        Assert.False(store.TryRemove(record));
    }
}
