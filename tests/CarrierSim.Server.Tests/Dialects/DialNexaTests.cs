using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Core.Orders;

namespace CarrierSim.Server.Tests.Dialects;

public sealed class DialNexaTests : IAsyncLifetime
{
    private const string Numbers = "v1/organization-phone-numbers";
    private const string RestrictedKey = "key_restricted:s3cret";
    private const string SharedKeyOne = "key_one:secret_one";
    private const string SharedKeyTwo = "key_two";
    private const string ReaderKey = "key_reader:secret";

    private TestSimulator _sim = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        // Declared workspaces, as provider states would set them up: one with GB not enabled and KYC
        // pending for IN, one reached by two keys (one declared without its secret), one read-only key.
        _sim = await TestSimulator.StartAsync(new Dictionary<string, string?>
        {
            ["CarrierSim:Accounts:0:Dialect"] = "dialnexa",
            ["CarrierSim:Accounts:0:Id"] = "ws_restricted",
            ["CarrierSim:Accounts:0:EnabledCountries:0"] = "US",
            ["CarrierSim:Accounts:0:EnabledCountries:1"] = "IN",
            ["CarrierSim:Accounts:0:KycPendingCountries:0"] = "IN",
            ["CarrierSim:Accounts:0:Keys:0:Key"] = RestrictedKey,
            ["CarrierSim:Accounts:1:Dialect"] = "dialnexa",
            ["CarrierSim:Accounts:1:Id"] = "ws_shared",
            ["CarrierSim:Accounts:1:Keys:0:Key"] = SharedKeyOne,
            ["CarrierSim:Accounts:1:Keys:1:Key"] = SharedKeyTwo,
            ["CarrierSim:Accounts:2:Dialect"] = "dialnexa",
            ["CarrierSim:Accounts:2:Id"] = "ws_reader",
            ["CarrierSim:Accounts:2:Keys:0:Key"] = ReaderKey,
            ["CarrierSim:Accounts:2:Keys:0:Scopes:0"] = "phone_numbers:read",
        });
        _client = _sim.DialNexa();
    }

    public async ValueTask DisposeAsync() => await _sim.DisposeAsync();

    private async Task<JsonElement[]> SearchAsync(string query, HttpClient? client = null)
    {
        var json = await (await (client ?? _client).Get($"{Numbers}/plivo-numbers?{query}")).JsonAsync(200);
        return [.. json.GetProperty("objects").EnumerateArray()];
    }

    private async Task<string[]> SearchNumbersAsync(string query) =>
        [.. (await SearchAsync(query)).Select(n => n.GetProperty("number").GetString()!)];

    private async Task<JsonElement> PurchaseAsync(string number, int status = 201, HttpClient? client = null) =>
        await (await (client ?? _client).PostJsonAsync($"{Numbers}/purchase", new { phone_number = number })).JsonAsync(status);

    private async Task<string> BuyActiveAsync(string number)
    {
        var id = (await PurchaseAsync(number)).GetProperty("id").GetString()!;
        _sim.Time.Advance(TimeSpan.FromSeconds(2));
        return id;
    }

    private static void AssertError(JsonElement json, int status, string error, string fragment)
    {
        Assert.Equal(["error", "message", "statusCode"], json.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(status, json.GetProperty("statusCode").GetInt32());
        Assert.Equal(error, json.GetProperty("error").GetString());
        Assert.Contains(fragment, json.GetProperty("message").ToString(), StringComparison.OrdinalIgnoreCase);
    }

    private Task<HttpResponseMessage> PatchRawAsync(string path, string body, HttpClient? client = null) =>
        (client ?? _client).PatchAsync(path, new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

    private Task<HttpResponseMessage> DeleteAsync(string path, HttpClient? client = null) =>
        (client ?? _client).DeleteAsync(path, TestContext.Current.CancellationToken);

    [Fact]
    public async Task SearchReturnsPlivoObjectsForUsLocalNumbers()
    {
        var json = await (await _client.Get($"{Numbers}/plivo-numbers?country_iso=US&type=local")).JsonAsync(200);

        Assert.Equal(["api_id", "meta", "objects"], json.EnumerateObject().Select(p => p.Name).Order());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("api_id").GetString()));
        var objects = json.GetProperty("objects").EnumerateArray().ToList();
        Assert.Equal(20, objects.Count);
        Assert.Equal(objects.Count, json.GetProperty("meta").GetProperty("total_count").GetInt32());
        foreach (var n in objects)
        {
            Assert.Equal(
                ["city", "country_iso", "lata", "mms_enabled", "monthly_rental_rate", "number", "number_format", "rate_center", "region", "setup_rate", "sms_enabled", "type", "voice_enabled"],
                n.EnumerateObject().Select(p => p.Name).Order());
            Assert.Matches(@"^\+1[2-9]\d{9}$", n.GetProperty("number").GetString());
            Assert.Equal(n.GetProperty("number").GetString(), n.GetProperty("number_format").GetString());
            Assert.Equal("local", n.GetProperty("type").GetString());
            Assert.Equal("US", n.GetProperty("country_iso").GetString());
            Assert.Equal("0.80", n.GetProperty("monthly_rental_rate").GetString());
            Assert.Equal("0.00", n.GetProperty("setup_rate").GetString());
            Assert.True(n.GetProperty("voice_enabled").GetBoolean());
            Assert.True(n.GetProperty("sms_enabled").GetBoolean());
        }
    }

    [Fact]
    public async Task SearchForTollFreeUsesPlivoTypeName()
    {
        var objects = await SearchAsync("country_iso=US&type=tollfree&limit=5");

        Assert.Equal(5, objects.Length);
        Assert.All(objects, n => Assert.Equal("tollfree", n.GetProperty("type").GetString()));
        Assert.All(objects, n => Assert.Matches(@"^\+18(00|33|44|55|66|77|88)\d{7}$", n.GetProperty("number").GetString()));
    }

    [Fact]
    public async Task SearchForUsMobileReportsMobileFromTheGeographicPool()
    {
        var objects = await SearchAsync("country_iso=us&type=mobile&limit=3");

        Assert.Equal(3, objects.Length);
        Assert.All(objects, n => Assert.Equal("mobile", n.GetProperty("type").GetString()));
        Assert.All(objects, n => Assert.Equal("US", n.GetProperty("country_iso").GetString()));
    }

    [Theory]
    [InlineData("CA", "+1")]
    [InlineData("GB", "+44")]
    [InlineData("IN", "+91")]
    [InlineData("DE", "+49")]
    [InlineData("FR", "+33")]
    [InlineData("AU", "+61")]
    public async Task SearchAbroadOffersTheCountrysNumbers(string country, string callingCode)
    {
        var objects = await SearchAsync($"country_iso={country}&limit=5");

        Assert.NotEmpty(objects);
        Assert.All(objects, n => Assert.Equal(country, n.GetProperty("country_iso").GetString()));
        Assert.All(objects, n => Assert.StartsWith(callingCode, n.GetProperty("number").GetString()));
    }

    [Fact]
    public async Task SearchPatternNarrowsToThePrefix()
    {
        var numbers = await SearchNumbersAsync("country_iso=US&pattern=919&limit=7");

        Assert.Equal(7, numbers.Length);
        Assert.All(numbers, n => Assert.StartsWith("+1919", n));
    }

    [Theory]
    [InlineData("type=local", "country_iso is required")]
    [InlineData("country_iso=USA", "country_iso must be")]
    [InlineData("country_iso=US&type=premium", "type must be one of")]
    [InlineData("country_iso=US&limit=21", "limit must be")]
    [InlineData("country_iso=US&limit=abc", "limit must be")]
    [InlineData("country_iso=US&pattern=%2B1919", "pattern must be")]
    public async Task BadSearchGets400WithAStringMessage(string query, string fragment)
    {
        var json = await (await _client.Get($"{Numbers}/plivo-numbers?{query}")).JsonAsync(400);

        AssertError(json, 400, "Bad Request", fragment);
        Assert.Equal(JsonValueKind.String, json.GetProperty("message").ValueKind);
    }

    [Fact]
    public async Task SearchWithSeveralBadParametersListsEveryMessage()
    {
        var json = await (await _client.Get($"{Numbers}/plivo-numbers?type=premium&limit=0")).JsonAsync(400);

        var messages = json.GetProperty("message").EnumerateArray().Select(m => m.GetString()!).ToList();
        Assert.Equal(3, messages.Count);
        Assert.Contains(messages, m => m.StartsWith("country_iso", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("type", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("limit", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer")]
    [InlineData("Bearer key_only")]
    [InlineData("Bearer :secret")]
    [InlineData("Bearer key_id:")]
    [InlineData("Basic a2V5OnNlY3JldA==")]
    public async Task MissingOrMalformedKeyGets401(string? authorization)
    {
        var client = _sim.Anonymous("dialnexa");
        if (authorization is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        }

        var json = await (await client.Get($"{Numbers}/plivo-numbers?country_iso=US")).JsonAsync(401);

        AssertError(json, 401, "Unauthorized", "API key is missing or invalid");
    }

    [Fact]
    public async Task DeclaredKeyIdWithAnotherSecretGets401()
    {
        var json = await (await _sim.DialNexa("key_restricted:wrong").Get(Numbers)).JsonAsync(401);

        AssertError(json, 401, "Unauthorized", "API key is missing or invalid");
    }

    [Fact]
    public async Task ReadOnlyKeyCanListButGets403OnPurchase()
    {
        var reader = _sim.DialNexa(ReaderKey);
        var number = (await SearchNumbersAsync("country_iso=US&limit=1"))[0];

        await (await reader.Get(Numbers)).JsonAsync(200);
        var json = await PurchaseAsync(number, 403, reader);

        AssertError(json, 403, "Forbidden", "phone_numbers:write");
        Assert.Equal(NumberState.Available, _sim.Simulation.Inventory.GetStatus(PhoneNumber.Parse(number).Value).State);
    }

    [Fact]
    public async Task KeysOfOneWorkspaceShareItsNumbers()
    {
        var number = (await SearchNumbersAsync("country_iso=US&limit=1"))[0];
        var id = (await PurchaseAsync(number, client: _sim.DialNexa(SharedKeyOne))).GetProperty("id").GetString();

        var viaKeyIdOnly = await (await _sim.DialNexa($"{SharedKeyTwo}:any_secret").Get($"{Numbers}/{id}")).JsonAsync(200);
        var ownWorkspace = await (await _client.Get(Numbers)).JsonAsync(200);

        Assert.Equal(number, viaKeyIdOnly.GetProperty("phone_number").GetString());
        Assert.Equal(0, ownWorkspace.GetProperty("meta").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task UndeclaredKeysWithTheSameKeyIdShareAWorkspace()
    {
        var number = (await SearchNumbersAsync("country_iso=US&limit=1"))[0];
        var id = (await PurchaseAsync(number, client: _sim.DialNexa("key_fresh:secret_a"))).GetProperty("id").GetString();

        await (await _sim.DialNexa("key_fresh:secret_b").Get($"{Numbers}/{id}")).JsonAsync(200);
        await (await _sim.DialNexa("key_other:secret_a").Get($"{Numbers}/{id}")).JsonAsync(404);
    }

    [Fact]
    public async Task PurchaseReturns201PendingThenActiveOnTheClock()
    {
        var number = (await SearchNumbersAsync("country_iso=US&type=local&limit=1"))[0];

        var bought = await PurchaseAsync(number);

        Assert.Equal(["agent_id", "created_at", "id", "label", "nickname", "phone_number", "provider", "status"], bought.EnumerateObject().Select(p => p.Name).Order());
        Assert.Matches("^phn_[0-9a-z]+$", bought.GetProperty("id").GetString());
        Assert.Equal(number, bought.GetProperty("phone_number").GetString());
        Assert.Equal("pending", bought.GetProperty("status").GetString());
        Assert.Equal("plivo", bought.GetProperty("provider").GetString());
        Assert.Equal("2026-11-23T12:00:00.000Z", bought.GetProperty("created_at").GetString());
        Assert.Equal(JsonValueKind.Null, bought.GetProperty("label").ValueKind);
        Assert.Equal(JsonValueKind.Null, bought.GetProperty("agent_id").ValueKind);
        Assert.Equal(JsonValueKind.Null, bought.GetProperty("nickname").ValueKind);
        var id = bought.GetProperty("id").GetString();

        var stillPending = await (await _client.Get($"{Numbers}/{id}")).JsonAsync(200);
        Assert.Equal("pending", stillPending.GetProperty("status").GetString());

        _sim.Time.Advance(TimeSpan.FromSeconds(1));
        var active = await (await _client.Get($"{Numbers}/{id}")).JsonAsync(200);
        var listed = await (await _client.Get(Numbers)).JsonAsync(200);

        Assert.Equal("active", active.GetProperty("status").GetString());
        Assert.Equal("active", listed.GetProperty("data")[0].GetProperty("status").GetString());
        Assert.Equal(NumberStatus.OwnedBy(_sim.Simulation.Accounts.Find("dialnexa", "key_carriersim")!.Owner), _sim.Simulation.Inventory.GetStatus(PhoneNumber.Parse(number).Value));
    }

    [Fact]
    public async Task ListShowsActiveOnceTheClockPassesTheDueTime()
    {
        var number = (await SearchNumbersAsync("country_iso=US&limit=1"))[0];
        await PurchaseAsync(number);

        var pending = await (await _client.Get(Numbers)).JsonAsync(200);
        _sim.Time.Advance(TimeSpan.FromSeconds(1));
        var active = await (await _client.Get(Numbers)).JsonAsync(200);

        Assert.Equal("pending", pending.GetProperty("data")[0].GetProperty("status").GetString());
        Assert.Equal("active", active.GetProperty("data")[0].GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("plivo", "plivo")]
    [InlineData("Twilio", "twilio")]
    [InlineData(null, "plivo")]
    public async Task PurchaseRecordsTheProvider(string? provider, string expected)
    {
        var number = (await SearchNumbersAsync("country_iso=US&limit=1"))[0];

        var bought = await (await _client.PostJsonAsync($"{Numbers}/purchase", new { phone_number = number, provider })).JsonAsync(201);

        Assert.Equal(expected, bought.GetProperty("provider").GetString());
    }

    [Theory]
    [InlineData("GB")]
    [InlineData("IN")]
    [InlineData("AU")]
    public async Task PurchaseOfANumberAbroadWorks(string country)
    {
        var number = (await SearchNumbersAsync($"country_iso={country}&limit=1"))[0];

        var bought = await PurchaseAsync(number);
        var listed = await (await _client.Get($"{Numbers}?country_code={country}")).JsonAsync(200);

        Assert.Equal(number, bought.GetProperty("phone_number").GetString());
        Assert.Equal(number, listed.GetProperty("data")[0].GetProperty("phone_number").GetString());
    }

    [Fact]
    public async Task PurchaseOfACanadianNumberWorks()
    {
        var number = (await SearchNumbersAsync("country_iso=CA&limit=1"))[0];
        Assert.NotNull(_sim.Simulation.Inventory.Describe(PhoneNumber.Parse(number).Value));

        var bought = await PurchaseAsync(number);
        var listed = await (await _client.Get($"{Numbers}?country_code=CA")).JsonAsync(200);

        Assert.Equal(number, bought.GetProperty("phone_number").GetString());
        Assert.Equal(number, listed.GetProperty("data")[0].GetProperty("phone_number").GetString());
    }

    [Fact]
    public async Task PurchaseOfNumberTakenByCompetitorSinceTheSearchReturns409()
    {
        var number = (await SearchNumbersAsync("country_iso=US&limit=1"))[0];
        _sim.Simulation.Inventory.TakeByCompetitor([PhoneNumber.Parse(number).Value]);

        var json = await PurchaseAsync(number, 409);

        AssertError(json, 409, "Conflict", "claimed by another buyer");
        Assert.Equal(0, (await (await _client.Get(Numbers)).JsonAsync(200)).GetProperty("meta").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task PurchaseOfNumberAnotherWorkspaceBoughtReturns409()
    {
        var number = (await SearchNumbersAsync("country_iso=US&limit=1"))[0];
        await PurchaseAsync(number, client: _sim.DialNexa("key_rival:secret"));

        var json = await PurchaseAsync(number, 409);

        AssertError(json, 409, "Conflict", number);
    }

    [Fact]
    public async Task PurchaseOfANumberThisWorkspaceHoldsReturns409()
    {
        var number = (await SearchNumbersAsync("country_iso=US&limit=1"))[0];
        await PurchaseAsync(number);

        var json = await PurchaseAsync(number, 409);

        AssertError(json, 409, "Conflict", "already registered to this workspace");
    }

    [Fact]
    public async Task PurchaseOfANumberNotInTheCatalogReturns400NoLongerAvailable()
    {
        var json = await PurchaseAsync("+19999999999", 400);

        AssertError(json, 400, "Bad Request", "no longer available");
    }

    [Fact]
    public async Task PurchaseOfARecentlyReleasedNumberReturns400NoLongerAvailable()
    {
        var number = (await SearchNumbersAsync("country_iso=US&limit=1"))[0];
        var rival = _sim.DialNexa("key_rival:secret");
        var id = (await PurchaseAsync(number, client: rival)).GetProperty("id").GetString();
        await (await DeleteAsync($"{Numbers}/{id}", rival)).JsonAsync(200);

        var json = await PurchaseAsync(number, 400);

        AssertError(json, 400, "Bad Request", "no longer available");
    }

    [Fact]
    public async Task PurchaseInACountryNotEnabledReturns400()
    {
        var restricted = _sim.DialNexa(RestrictedKey);
        var number = (await SearchNumbersAsync("country_iso=GB&limit=1"))[0];

        var json = await PurchaseAsync(number, 400, restricted);

        AssertError(json, 400, "Bad Request", "Country GB is not enabled on this workspace");
        Assert.Equal(NumberState.Available, _sim.Simulation.Inventory.GetStatus(PhoneNumber.Parse(number).Value).State);
    }

    [Fact]
    public async Task PurchaseWithKycIncompleteForTheCountryReturns403()
    {
        var restricted = _sim.DialNexa(RestrictedKey);
        var india = (await SearchNumbersAsync("country_iso=IN&limit=1"))[0];
        var us = (await SearchNumbersAsync("country_iso=US&limit=1"))[0];

        var json = await PurchaseAsync(india, 403, restricted);
        await PurchaseAsync(us, 201, restricted);

        AssertError(json, 403, "Forbidden", "KYC verification is required for IN");
    }

    [Fact]
    public async Task CountryChecksApplyToNumbersOutsideTheCatalogToo()
    {
        var restricted = _sim.DialNexa(RestrictedKey);

        AssertError(await PurchaseAsync("+442073238299", 400, restricted), 400, "Bad Request", "GB is not enabled");
        AssertError(await PurchaseAsync("+912234567890", 403, restricted), 403, "Forbidden", "KYC");
    }

    [Theory]
    [InlineData("""{"phone_number":"2234567890"}""", "phone_number must be a valid E.164 phone number")]
    [InlineData("""{"phone_number":"+1 (919) 46O-1234"}""", "phone_number must be a valid E.164 phone number")]
    [InlineData("""{"phone_number":19194601234}""", "phone_number must be a valid E.164 phone number")]
    [InlineData("""{}""", "phone_number should not be empty")]
    [InlineData("""{"phone_number":"+19194601234","provider":"vonage"}""", "provider must be one of the following values: plivo, twilio")]
    [InlineData("""{"phone_number":"+19194601234","provider":7}""", "provider must be one of")]
    [InlineData("""{"phone_number":"+19194601234","colour":"red"}""", "property colour should not exist")]
    [InlineData("""{"phone_number":""", "not valid JSON")]
    [InlineData("""[]""", "JSON object")]
    [InlineData("", "empty")]
    public async Task BadPurchaseBodyGets400InTheNestJsEnvelope(string body, string fragment)
    {
        var json = await (await _client.PostRawAsync($"{Numbers}/purchase", body)).JsonAsync(400);

        AssertError(json, 400, "Bad Request", fragment);
        Assert.Equal(JsonValueKind.String, json.GetProperty("message").ValueKind);
    }

    [Fact]
    public async Task PurchaseWithSeveralProblemsListsThemAsAnArray()
    {
        var json = await (await _client.PostRawAsync($"{Numbers}/purchase", """{"provider":"vonage","colour":"red"}""")).JsonAsync(400);

        var messages = json.GetProperty("message").EnumerateArray().Select(m => m.GetString()!).ToList();
        Assert.Equal(3, messages.Count);
        Assert.Contains("property colour should not exist", messages[1], StringComparison.Ordinal);
        Assert.StartsWith("phone_number should not be empty", messages[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task OversizedBodyGets413InTheEnvelope()
    {
        var body = $$"""{"phone_number":"+1{{new string('9', 70_000)}}"}""";

        var json = await (await _client.PostRawAsync($"{Numbers}/purchase", body)).JsonAsync(413);

        AssertError(json, 413, "Payload Too Large", "64 KiB");
    }

    [Fact]
    public async Task AFailedOrderRemovesTheNumberAndFreesIt()
    {
        var number = (await SearchNumbersAsync("country_iso=US&limit=1"))[0];
        var id = (await PurchaseAsync(number)).GetProperty("id").GetString()!;

        _sim.Simulation.Orders.ForceTransition(_sim.Simulation.Orders.Find(id)!, OrderStatus.Failed);

        await (await _client.Get($"{Numbers}/{id}")).JsonAsync(404);
        Assert.Equal(0, (await (await _client.Get(Numbers)).JsonAsync(200)).GetProperty("meta").GetProperty("total").GetInt32());
        Assert.Equal(NumberState.Available, _sim.Simulation.Inventory.GetStatus(PhoneNumber.Parse(number).Value).State);
    }

    [Fact]
    public async Task ListPagesWithPageLimitAndCamelCaseTotalPages()
    {
        var numbers = await SearchNumbersAsync("country_iso=US&limit=3");
        foreach (var number in numbers)
        {
            await PurchaseAsync(number);
            _sim.Time.Advance(TimeSpan.FromMilliseconds(10));
        }

        var first = await (await _client.Get($"{Numbers}?page=1&limit=2")).JsonAsync(200);
        var second = await (await _client.Get($"{Numbers}?page=2&limit=2")).JsonAsync(200);
        var beyond = await (await _client.Get($"{Numbers}?page=3&limit=2")).JsonAsync(200);
        var defaults = await (await _client.Get(Numbers)).JsonAsync(200);

        Assert.Equal(["data", "meta"], first.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(["limit", "page", "total", "totalPages"], first.GetProperty("meta").EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(2, first.GetProperty("meta").GetProperty("totalPages").GetInt32());
        Assert.Equal(3, first.GetProperty("meta").GetProperty("total").GetInt32());
        Assert.Equal(2, second.GetProperty("meta").GetProperty("page").GetInt32());
        Assert.Empty(beyond.GetProperty("data").EnumerateArray());
        Assert.Equal(20, defaults.GetProperty("meta").GetProperty("limit").GetInt32());
        Assert.Equal(1, defaults.GetProperty("meta").GetProperty("page").GetInt32());
        var seen = first.GetProperty("data").EnumerateArray().Concat(second.GetProperty("data").EnumerateArray()).Select(n => n.GetProperty("phone_number").GetString());
        Assert.Equal(numbers.Reverse(), seen);
    }

    [Fact]
    public async Task EmptyListHasZeroTotalPages()
    {
        var json = await (await _client.Get(Numbers)).JsonAsync(200);

        Assert.Empty(json.GetProperty("data").EnumerateArray());
        Assert.Equal(0, json.GetProperty("meta").GetProperty("totalPages").GetInt32());
    }

    [Fact]
    public async Task ListFiltersByCountryAndType()
    {
        var local = (await SearchNumbersAsync("country_iso=US&type=local&limit=1"))[0];
        var tollFree = (await SearchNumbersAsync("country_iso=US&type=tollfree&limit=1"))[0];
        await PurchaseAsync(local);
        await PurchaseAsync(tollFree);

        var onlyTollFree = await (await _client.Get($"{Numbers}?type=toll_free")).JsonAsync(200);
        var onlyUs = await (await _client.Get($"{Numbers}?country_code=us")).JsonAsync(200);
        var onlyIndia = await (await _client.Get($"{Numbers}?country_code=IN")).JsonAsync(200);

        Assert.Equal(tollFree, Assert.Single(onlyTollFree.GetProperty("data").EnumerateArray()).GetProperty("phone_number").GetString());
        Assert.Equal(2, onlyUs.GetProperty("meta").GetProperty("total").GetInt32());
        Assert.Empty(onlyIndia.GetProperty("data").EnumerateArray());
    }

    [Theory]
    [InlineData("page=0", "page must be")]
    [InlineData("page=two", "page must be")]
    [InlineData("limit=101", "limit must be")]
    [InlineData("limit=0", "limit must be")]
    [InlineData("type=premium", "type must be one of")]
    [InlineData("country_code=USA", "country_code must be")]
    public async Task BadListQueryGets400(string query, string fragment)
    {
        var json = await (await _client.Get($"{Numbers}?{query}")).JsonAsync(400);

        AssertError(json, 400, "Bad Request", fragment);
    }

    [Fact]
    public async Task WorkspacesNeverSeeEachOthersNumbers()
    {
        var number = (await SearchNumbersAsync("country_iso=US&limit=1"))[0];
        var id = await BuyActiveAsync(number);
        var other = _sim.DialNexa("key_someone:else");

        var get = await (await other.Get($"{Numbers}/{id}")).JsonAsync(404);
        var list = await (await other.Get(Numbers)).JsonAsync(200);
        await (await PatchRawAsync($"{Numbers}/{id}", """{"nickname":"mine now"}""", other)).JsonAsync(404);
        await (await DeleteAsync($"{Numbers}/{id}", other)).JsonAsync(404);

        AssertError(get, 404, "Not Found", "Phone number not found");
        Assert.Empty(list.GetProperty("data").EnumerateArray());
        Assert.Equal("active", (await (await _client.Get($"{Numbers}/{id}")).JsonAsync(200)).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    public async Task MalformedIdGets400AndUnknownIdGets404(string method)
    {
        async Task<HttpResponseMessage> Send(string id) => method switch
        {
            "GET" => await _client.Get($"{Numbers}/{id}"),
            "PATCH" => await PatchRawAsync($"{Numbers}/{id}", "{}"),
            _ => await DeleteAsync($"{Numbers}/{id}"),
        };

        AssertError(await (await Send("12345")).JsonAsync(400), 400, "Bad Request", "Invalid phone number ID format");
        AssertError(await (await Send("phn_doesnotexist")).JsonAsync(404), 404, "Not Found", "phn_doesnotexist");
    }

    [Fact]
    public async Task UpdateChangesOnlyTheFieldsSent()
    {
        var id = await BuyActiveAsync((await SearchNumbersAsync("country_iso=US&limit=1"))[0]);

        var first = await (await PatchRawAsync($"{Numbers}/{id}", """{"agent_id":"agt_abc123","nickname":"Sales Line","label":"Main Support Line"}""")).JsonAsync(200);
        var second = await (await PatchRawAsync($"{Numbers}/{id}", """{"nickname":"Support"}""")).JsonAsync(200);
        var fetched = await (await _client.Get($"{Numbers}/{id}")).JsonAsync(200);

        Assert.Equal("agt_abc123", first.GetProperty("agent_id").GetString());
        Assert.Equal("Main Support Line", first.GetProperty("label").GetString());
        Assert.Equal("Support", second.GetProperty("nickname").GetString());
        Assert.Equal("agt_abc123", second.GetProperty("agent_id").GetString());
        Assert.Equal("Main Support Line", fetched.GetProperty("label").GetString());
        Assert.Equal("Support", fetched.GetProperty("nickname").GetString());
        Assert.Equal("active", fetched.GetProperty("status").GetString());
    }

    [Fact]
    public async Task UpdateWithNullOrEmptyClearsAndNullAgentDetaches()
    {
        var id = await BuyActiveAsync((await SearchNumbersAsync("country_iso=US&limit=1"))[0]);
        await (await PatchRawAsync($"{Numbers}/{id}", """{"agent_id":"agt_abc123","nickname":"Sales Line","label":"Main"}""")).JsonAsync(200);

        var cleared = await (await PatchRawAsync($"{Numbers}/{id}", """{"agent_id":null,"nickname":"","label":null}""")).JsonAsync(200);

        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("agent_id").ValueKind);
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("nickname").ValueKind);
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("label").ValueKind);
    }

    [Fact]
    public async Task UpdateWorksWhileTheNumberIsPending()
    {
        var id = (await PurchaseAsync((await SearchNumbersAsync("country_iso=US&limit=1"))[0])).GetProperty("id").GetString();

        var updated = await (await PatchRawAsync($"{Numbers}/{id}", """{"nickname":"Early"}""")).JsonAsync(200);

        Assert.Equal("pending", updated.GetProperty("status").GetString());
        Assert.Equal("Early", updated.GetProperty("nickname").GetString());
    }

    [Theory]
    [InlineData("""{"nickname":"@@"}""", "nickname must be shorter than or equal to 255 characters")]
    [InlineData("""{"label":"@@"}""", "label must be shorter than or equal to 255 characters")]
    [InlineData("""{"nickname":5}""", "nickname must be a string or null")]
    [InlineData("""{"agent_id":true}""", "agent_id must be a string or null")]
    [InlineData("""{"agent_id":""}""", "agent_id should not be empty")]
    [InlineData("""{"phone_number":"+19194601234"}""", "property phone_number should not exist")]
    [InlineData("""{"nickname":""", "not valid JSON")]
    public async Task BadUpdateGets400AndChangesNothing(string body, string fragment)
    {
        var id = await BuyActiveAsync((await SearchNumbersAsync("country_iso=US&limit=1"))[0]);
        await (await PatchRawAsync($"{Numbers}/{id}", """{"nickname":"Before"}""")).JsonAsync(200);

        var json = await (await PatchRawAsync($"{Numbers}/{id}", body.Replace("@@", new string('x', 256), StringComparison.Ordinal))).JsonAsync(400);

        AssertError(json, 400, "Bad Request", fragment);
        Assert.Equal("Before", (await (await _client.Get($"{Numbers}/{id}")).JsonAsync(200)).GetProperty("nickname").GetString());
    }

    [Fact]
    public async Task NicknameOfExactly255CharactersIsAccepted()
    {
        var id = await BuyActiveAsync((await SearchNumbersAsync("country_iso=US&limit=1"))[0]);
        var nickname = new string('n', 255);

        var json = await (await _client.PatchAsJsonAsync($"{Numbers}/{id}", new { nickname }, TestContext.Current.CancellationToken)).JsonAsync(200);

        Assert.Equal(nickname, json.GetProperty("nickname").GetString());
    }

    [Fact]
    public async Task ReleaseReturns200MessageAndQuarantinesTheNumber()
    {
        var number = (await SearchNumbersAsync("country_iso=US&limit=1"))[0];
        var id = await BuyActiveAsync(number);

        var released = await (await DeleteAsync($"{Numbers}/{id}")).JsonAsync(200);

        Assert.Equal("Phone number released successfully.", released.GetProperty("message").GetString());
        await (await _client.Get($"{Numbers}/{id}")).JsonAsync(404);
        await (await DeleteAsync($"{Numbers}/{id}")).JsonAsync(404);
        Assert.Equal(NumberState.Quarantined, _sim.Simulation.Inventory.GetStatus(PhoneNumber.Parse(number).Value).State);

        _sim.Time.Advance(TimeSpan.FromMinutes(31));
        await PurchaseAsync(number, 201, _sim.DialNexa("key_later:secret"));
    }

    [Fact]
    public async Task ReleasingAPendingNumberKeepsItReleasedAfterTheOrderSettles()
    {
        var number = (await SearchNumbersAsync("country_iso=US&limit=1"))[0];
        var id = (await PurchaseAsync(number)).GetProperty("id").GetString();

        await (await DeleteAsync($"{Numbers}/{id}")).JsonAsync(200);
        _sim.Time.Advance(TimeSpan.FromSeconds(2));

        await (await _client.Get($"{Numbers}/{id}")).JsonAsync(404);
        Assert.Empty((await (await _client.Get(Numbers)).JsonAsync(200)).GetProperty("data").EnumerateArray());
        Assert.Equal(NumberState.Quarantined, _sim.Simulation.Inventory.GetStatus(PhoneNumber.Parse(number).Value).State);
    }

    [Fact]
    public async Task ReadOnlyKeyGets403OnUpdateAndRelease()
    {
        var reader = _sim.DialNexa(ReaderKey);

        AssertError(await (await PatchRawAsync($"{Numbers}/phn_x", "{}", reader)).JsonAsync(403), 403, "Forbidden", "permission");
        AssertError(await (await DeleteAsync($"{Numbers}/phn_x", reader)).JsonAsync(403), 403, "Forbidden", "permission");
    }

    [Fact]
    public async Task UnknownPathGetsNestJs404()
    {
        var json = await (await _client.Get("v1/organization-phone-numbers/sip-trunks/x")).JsonAsync(404);

        AssertError(json, 404, "Not Found", "does not emulate");
    }

    [Fact]
    public async Task UnknownPathGets404EvenWithoutAKeyAsNestJsRoutesBeforeGuards()
    {
        var json = await (await _sim.Anonymous("dialnexa").Get("v1/agents")).JsonAsync(404);

        AssertError(json, 404, "Not Found", "does not emulate");
    }

    [Fact]
    public async Task MagicNumbersForceThePurchaseOutcomes()
    {
        var available = await PurchaseAsync("+19195550130");
        var taken = await PurchaseAsync("+19195550140", 409);
        var failing = await PurchaseAsync("+19195550150");
        var carrierDown = await PurchaseAsync("+19195550190", 503);
        _sim.Time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal("active", (await (await _client.Get($"{Numbers}/{available.GetProperty("id").GetString()}")).JsonAsync(200)).GetProperty("status").GetString());
        AssertError(taken, 409, "Conflict", "claimed by another buyer");
        await (await _client.Get($"{Numbers}/{failing.GetProperty("id").GetString()}")).JsonAsync(404);
        AssertError(carrierDown, 503, "Service Unavailable", "");
    }

    [Fact]
    public async Task ANumberBoughtHereIsGoneForOtherDialects()
    {
        var numbers = await SearchNumbersAsync("country_iso=US&pattern=919460&limit=20");
        Assert.Equal(20, numbers.Length);
        await PurchaseAsync(numbers[0]);

        var dialStack = _sim.DialStack();
        var search = await (await dialStack.Get("v1/available-phone-numbers?npa_nxx=919460&quantity=100")).JsonAsync(200);
        var order = await dialStack.PostJsonAsync("v1/phone-number-orders", new { phone_numbers = new[] { numbers[0] } });

        Assert.DoesNotContain(numbers[0], search.GetProperty("data").EnumerateArray().Select(n => n.GetProperty("phone_number").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, order.StatusCode);
    }

    [Fact]
    public async Task ANumberBoughtElsewhereIsGoneHere()
    {
        var numbers = await SearchNumbersAsync("country_iso=US&pattern=919460&limit=5");
        await (await _sim.DialStack().PostJsonAsync("v1/phone-number-orders", new { phone_numbers = new[] { numbers[0] } })).JsonAsync(201);

        var again = await SearchNumbersAsync("country_iso=US&pattern=919460&limit=20");
        var json = await PurchaseAsync(numbers[0], 409);

        Assert.DoesNotContain(numbers[0], again);
        AssertError(json, 409, "Conflict", "claimed by another buyer");
    }

    // --- the one order path (issue 9) ---

    private async Task RuleAsync(object rule) => await (await _sim.Admin().PostJsonAsync("chaos/rules", rule)).JsonAsync(201);

    [Fact]
    public async Task StuckPendingRuleKeepsThePurchasePendingPastItsDueTime()
    {
        var number = (await SearchNumbersAsync("country_iso=US&limit=1"))[0];
        await RuleAsync(new { name = "stuck", kind = "stuckPending", target = new { dialect = "dialnexa" } });

        var id = (await PurchaseAsync(number)).GetProperty("id").GetString()!;
        _sim.Time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal("pending", (await (await _client.Get($"{Numbers}/{id}")).JsonAsync(200)).GetProperty("status").GetString());
        var listed = (await (await _client.Get(Numbers)).JsonAsync(200)).GetProperty("data").EnumerateArray().Single();
        Assert.Equal("pending", listed.GetProperty("status").GetString());
        Assert.Equal(NumberState.Owned, _sim.Simulation.Inventory.GetStatus(PhoneNumber.Parse(number).Value).State);
    }

    [Fact]
    public async Task FulfilmentFailureRuleDropsThePurchaseOnceItSettles()
    {
        var number = (await SearchNumbersAsync("country_iso=US&limit=1"))[0];
        await RuleAsync(new { name = "fail", kind = "fulfilmentFailure", target = new { dialect = "dialnexa" } });

        var purchase = await PurchaseAsync(number);
        Assert.Equal("pending", purchase.GetProperty("status").GetString());
        _sim.Time.Advance(TimeSpan.FromSeconds(2));

        await (await _client.Get($"{Numbers}/{purchase.GetProperty("id").GetString()}")).JsonAsync(404);
        Assert.Equal(NumberState.Available, _sim.Simulation.Inventory.GetStatus(PhoneNumber.Parse(number).Value).State);
    }

    [Fact]
    public async Task PurchasesAtZeroPendingTimeUnderConcurrentReadsAreNeverLeftPending()
    {
        // The lost-settlement race: an order settled by a concurrent read before its record existed
        // left the record pending forever. Records are now created with the order, under its lock.
        await using var sim = await TestSimulator.StartAsync(new Dictionary<string, string?> { ["CarrierSim:OrderPendingFor"] = "00:00:00" });
        var client = sim.DialNexa("key_race:secret");
        var numbers = new[] { "919", "212" }
            .SelectMany(npa => sim.Simulation.Inventory.Search(new SearchCriteria { Country = "US", Type = NumberType.Local, AreaCode = Npa.Parse(npa).Value, Quantity = 100 }))
            .Select(n => n.Number.ToString())
            .ToList();
        Assert.Equal(200, numbers.Count);

        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await (await client.Get($"{Numbers}?limit=100")).JsonAsync(200);
                sim.Time.Advance(TimeSpan.FromMilliseconds(1));
            }
        })).ToList();
        var ids = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(numbers, new ParallelOptions { MaxDegreeOfParallelism = 6, CancellationToken = TestContext.Current.CancellationToken }, async (number, _) =>
            ids.Add((await (await client.PostJsonAsync($"{Numbers}/purchase", new { phone_number = number })).JsonAsync(201)).GetProperty("id").GetString()!));
        await stop.CancelAsync();
        await Task.WhenAll(readers);
        sim.Time.Advance(TimeSpan.FromSeconds(2));

        var listed = new List<JsonElement>();
        for (var page = 1; page <= 2; page++)
        {
            listed.AddRange((await (await client.Get($"{Numbers}?limit=100&page={page}")).JsonAsync(200)).GetProperty("data").EnumerateArray());
        }

        Assert.Equal(ids.Order(StringComparer.Ordinal), listed.Select(n => n.GetProperty("id").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(listed, n => Assert.Equal("active", n.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task PurchaseThenClockAdvanceAlwaysShowsTheRecordActive()
    {
        var numbers = await SearchNumbersAsync("country_iso=US&pattern=415&limit=5");

        var ids = new List<string>();
        foreach (var number in numbers)
        {
            ids.Add((await PurchaseAsync(number)).GetProperty("id").GetString()!);
        }

        _sim.Time.Advance(TimeSpan.FromSeconds(2));

        var listed = (await (await _client.Get(Numbers)).JsonAsync(200)).GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), listed.Select(n => n.GetProperty("id").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(listed, n => Assert.Equal("active", n.GetProperty("status").GetString()));
        foreach (var id in ids)
        {
            Assert.Equal("active", (await (await _client.Get($"{Numbers}/{id}")).JsonAsync(200)).GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task ReleaseIsADisconnectOrderOfTheOrderBook()
    {
        var number = (await SearchNumbersAsync("country_iso=US&limit=1"))[0];
        var id = await BuyActiveAsync(number);

        await (await DeleteAsync($"{Numbers}/{id}")).JsonAsync(200);

        var disconnect = Assert.Single(_sim.Simulation.Orders.All(), o => o.Type == OrderType.Disconnect);
        Assert.Equal("dialnexa", disconnect.Origin);
        Assert.Equal(OrderStatus.Complete, disconnect.Status);
        Assert.Equal([PhoneNumber.Parse(number).Value], disconnect.Completed);
    }

    [Theory]
    [InlineData("POST", """{"phone_number":""", "application/json", 400, "Bad Request")]
    [InlineData("POST", """{"phone_number":"+19194601234"}""", "text/plain", 415, "Unsupported Media Type")]
    [InlineData("POST", "phone_number=%2B19194601234", "application/x-www-form-urlencoded", 415, "Unsupported Media Type")]
    [InlineData("POST", "<purchase/>", "application/xml", 415, "Unsupported Media Type")]
    [InlineData("PATCH", """{"nickname":""", "application/json", 400, "Bad Request")]
    [InlineData("PATCH", """[1, 2]""", "application/json", 400, "Bad Request")]
    [InlineData("PATCH", """{"nickname":"x"}""", "text/plain", 415, "Unsupported Media Type")]
    public async Task UnreadableBodiesGetTheNestJsEnvelope(string method, string body, string contentType, int status, string error)
    {
        var number = (await SearchNumbersAsync("country_iso=US&limit=1"))[0];
        var id = await BuyActiveAsync(number);
        using var request = new HttpRequestMessage(new HttpMethod(method), method == "POST" ? $"{Numbers}/purchase" : $"{Numbers}/{id}")
        {
            Content = new StringContent(body, Encoding.UTF8, contentType),
        };

        var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);

        AssertError(await response.JsonAsync(status), status, error, "");
    }
}
