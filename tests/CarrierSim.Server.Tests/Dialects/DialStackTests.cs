using System.Net;
using System.Text.Json;

namespace CarrierSim.Server.Tests.Dialects;

public sealed class DialStackTests : IAsyncLifetime
{
    private TestSimulator _sim = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _sim = await TestSimulator.StartAsync();
        _client = _sim.DialStack();
    }

    public async ValueTask DisposeAsync() => await _sim.DisposeAsync();

    private async Task<string[]> SearchAsync(string query)
    {
        var json = await (await _client.Get($"v1/available-phone-numbers?{query}")).JsonAsync(200);
        return [.. json.GetProperty("data").EnumerateArray().Select(n => n.GetProperty("phone_number").GetString()!)];
    }

    private async Task<JsonElement> OrderAsync(object body, int status = 201) =>
        await (await _client.PostJsonAsync("v1/phone-number-orders", body)).JsonAsync(status);

    [Fact]
    public async Task SearchByAreaCodeReturnsDocumentedShape()
    {
        var json = await (await _client.Get("v1/available-phone-numbers?area_code=919&quantity=5")).JsonAsync(200);

        var data = json.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(5, data.Count);
        Assert.Single(json.EnumerateObject());
        foreach (var n in data)
        {
            Assert.Equal(["city", "lata", "phone_number", "rate_center", "state"], n.EnumerateObject().Select(p => p.Name).Order());
            Assert.StartsWith("+1919", n.GetProperty("phone_number").GetString());
            Assert.Equal("NC", n.GetProperty("state").GetString());
            Assert.Matches("^[0-9]{3}$", n.GetProperty("lata").GetString());
            Assert.Equal(n.GetProperty("city").GetString()!.ToUpperInvariant(), n.GetProperty("city").GetString());
        }
    }

    [Fact]
    public async Task SearchDefaultsToTenResults()
    {
        Assert.Equal(10, (await SearchAsync("state=NC")).Length);
    }

    [Fact]
    public async Task SearchFiltersCombineAndNarrow()
    {
        var raleigh = await SearchAsync("city=Raleigh&state=NC&quantity=20");
        var raleigh919 = await SearchAsync("city=Raleigh&state=NC&area_code=919&quantity=20");
        var byNpaNxx = await SearchAsync("npa_nxx=919460&quantity=3");

        Assert.NotEmpty(raleigh);
        Assert.All(raleigh919, n => Assert.StartsWith("+1919", n));
        Assert.All(byNpaNxx, n => Assert.StartsWith("+1919460", n));
    }

    [Theory]
    [InlineData("", "filter")]
    [InlineData("quantity=5", "filter")]
    [InlineData("city=Raleigh", "state")]
    [InlineData("area_code=91", "area_code")]
    [InlineData("area_code=800", "area_code")]
    [InlineData("zip=2760", "zip")]
    [InlineData("npa_nxx=91946", "npa_nxx")]
    [InlineData("area_code=919&quantity=101", "quantity")]
    [InlineData("area_code=919&quantity=0", "quantity")]
    [InlineData("state=North%20Carolina", "state")]
    public async Task BadSearchGetsValidationErrorNamingTheField(string query, string field)
    {
        var json = await (await _client.Get($"v1/available-phone-numbers?{query}")).JsonAsync(400);

        Assert.Equal("validation_error", json.GetProperty("code").GetString());
        Assert.True(json.GetProperty("details").TryGetProperty(field, out _), json.ToString());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task MissingOrBadKeyGets401()
    {
        var anonymous = _sim.Anonymous("dialstack");
        var badKey = _sim.DialStack(key: "pk_test_nope");

        var a = await (await anonymous.Get("v1/available-phone-numbers?area_code=919")).JsonAsync(401);
        var b = await (await badKey.Get("v1/phone-numbers")).JsonAsync(401);

        Assert.Contains("sk_test_", a.GetProperty("error").GetString());
        Assert.Equal("invalid_api_key", b.GetProperty("code").GetString());
    }

    [Fact]
    public async Task MissingOrMalformedAccountHeaderGets403()
    {
        var noAccount = _sim.Anonymous("dialstack");
        noAccount.DefaultRequestHeaders.Authorization = new("Bearer", "sk_test_carriersim");

        await (await noAccount.Get("v1/phone-numbers")).JsonAsync(403);
        await (await _sim.DialStack(account: "account-1").Get("v1/phone-numbers")).JsonAsync(403);
    }

    [Fact]
    public async Task OrderGoesPendingThenCompleteOnTheClock()
    {
        var numbers = await SearchAsync("area_code=919&quantity=2");

        var order = await OrderAsync(new { phone_numbers = numbers });
        Assert.Equal("pending", order.GetProperty("status").GetString());
        Assert.Equal("purchase", order.GetProperty("order_type").GetString());
        Assert.Empty(order.GetProperty("completed_numbers").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, order.GetProperty("error_message").ValueKind);
        var id = order.GetProperty("id").GetString();

        var stillPending = await (await _client.Get($"v1/phone-number-orders/{id}")).JsonAsync(200);
        Assert.Equal("pending", stillPending.GetProperty("status").GetString());

        _sim.Time.Advance(TimeSpan.FromSeconds(1));
        var done = await (await _client.Get($"v1/phone-number-orders/{id}")).JsonAsync(200);

        Assert.Equal("complete", done.GetProperty("status").GetString());
        Assert.Equal(numbers, done.GetProperty("completed_numbers").EnumerateArray().Select(e => e.GetString()));
        var owned = await (await _client.Get("v1/phone-numbers?status=active")).JsonAsync(200);
        Assert.Equal(numbers.Order(), owned.GetProperty("data").EnumerateArray().Select(d => d.GetProperty("phone_number").GetString()).Order());
    }

    [Fact]
    public async Task DidRowsExistAsInactiveWhileTheOrderIsPending()
    {
        var numbers = await SearchAsync("area_code=919&quantity=1");
        await OrderAsync(new { phone_numbers = numbers });

        var rows = await (await _client.Get("v1/phone-numbers")).JsonAsync(200);

        var row = Assert.Single(rows.GetProperty("data").EnumerateArray());
        Assert.Equal("inactive", row.GetProperty("status").GetString());
        Assert.StartsWith("did_", row.GetProperty("id").GetString());
    }

    [Fact]
    public async Task OrderForTakenNumberReturns409WithTheNumber()
    {
        var numbers = await SearchAsync("area_code=919&quantity=2");
        await _sim.DialStack(account: "acct_othercustomer").PostJsonAsync("v1/phone-number-orders", new { phone_numbers = new[] { numbers[1] } });

        var conflict = await OrderAsync(new { phone_numbers = numbers }, 409);

        Assert.Equal("phone_numbers_unavailable", conflict.GetProperty("code").GetString());
        Assert.Equal([numbers[1]], conflict.GetProperty("details").GetProperty("unavailable").EnumerateArray().Select(e => e.GetString()));
        var list = await (await _client.Get("v1/phone-numbers")).JsonAsync(200);
        Assert.Empty(list.GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task PartialAllowedOrderEndsPartialWithFailedNumbers()
    {
        var numbers = await SearchAsync("area_code=919&quantity=3");
        await _sim.DialStack(account: "acct_othercustomer").PostJsonAsync("v1/phone-number-orders", new { phone_numbers = new[] { numbers[0] } });

        var order = await OrderAsync(new { phone_numbers = numbers, partial_allowed = true });
        _sim.Time.Advance(TimeSpan.FromSeconds(2));
        var done = await (await _client.Get($"v1/phone-number-orders/{order.GetProperty("id").GetString()}")).JsonAsync(200);

        Assert.Equal("partial", done.GetProperty("status").GetString());
        Assert.Equal([numbers[0]], done.GetProperty("failed_numbers").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(numbers[1..], done.GetProperty("completed_numbers").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData("""{"phone_numbers":["+18005551234"]}""", "toll-free")]
    [InlineData("""{"phone_numbers":["+442079460000"]}""", "not a US number")]
    [InlineData("""{"phone_numbers":["9194601234"]}""", "E.164")]
    [InlineData("""{"phone_numbers":[]}""", "required")]
    [InlineData("""{"phone_numbers":"+19194601234"}""", "phone_numbers")]
    [InlineData("""{"phone_numbers":["+19194601234"],"colour":"red"}""", "colour")]
    [InlineData("""{"phone_numbers":["+19194601234"],"order_type":"lease"}""", "order_type")]
    [InlineData("""{"phone_numbers":[""", "not valid JSON")]
    public async Task BadOrderGets400InTheEnvelope(string body, string fragment)
    {
        var json = await (await _client.PostRawAsync("v1/phone-number-orders", body)).JsonAsync(400);

        Assert.Equal("validation_error", json.GetProperty("code").GetString());
        Assert.Contains(fragment, json.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task OversizedBodyGets413InTheEnvelope()
    {
        var body = $$"""{"phone_numbers":["{{new string('1', 70_000)}}"]}""";

        var json = await (await _client.PostRawAsync("v1/phone-number-orders", body)).JsonAsync(413);

        Assert.Contains("64 KiB", json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task OrdersAndNumbersAreIsolatedPerAccount()
    {
        var numbers = await SearchAsync("area_code=919&quantity=1");
        var order = await OrderAsync(new { phone_numbers = numbers });
        var other = _sim.DialStack(account: "acct_someoneelse");

        await (await other.Get($"v1/phone-number-orders/{order.GetProperty("id").GetString()}")).JsonAsync(404);
        var list = await (await other.Get("v1/phone-numbers")).JsonAsync(200);
        Assert.Empty(list.GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task ListPagesWithOpaqueCursors()
    {
        var numbers = await SearchAsync("area_code=919&quantity=5");
        foreach (var number in numbers)
        {
            await OrderAsync(new { phone_numbers = new[] { number } });
            _sim.Time.Advance(TimeSpan.FromMilliseconds(10));
        }

        var first = await (await _client.Get("v1/phone-numbers?limit=2")).JsonAsync(200);
        Assert.Equal("list", first.GetProperty("object").GetString());
        Assert.Equal("/v1/phone-numbers", first.GetProperty("url").GetString());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("previous_page_url").ValueKind);
        var seen = first.GetProperty("data").EnumerateArray().Select(d => d.GetProperty("phone_number").GetString()).ToList();
        var next = first.GetProperty("next_page_url").GetString();
        while (next is not null)
        {
            var page = await (await _client.Get(next.TrimStart('/'))).JsonAsync(200);
            seen.AddRange(page.GetProperty("data").EnumerateArray().Select(d => d.GetProperty("phone_number").GetString()));
            Assert.NotEqual(JsonValueKind.Null, page.GetProperty("previous_page_url").ValueKind);
            next = page.GetProperty("next_page_url").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next_page_url").GetString();
        }

        Assert.Equal(numbers.Reverse(), seen);
        var bad = await (await _client.Get("v1/phone-numbers?page=101")).JsonAsync(400);
        Assert.Equal("invalid_pagination", bad.GetProperty("code").GetString());
    }

    [Fact]
    public async Task ListOrdersFiltersByStatusAndType()
    {
        var numbers = await SearchAsync("area_code=919&quantity=2");
        await OrderAsync(new { phone_numbers = new[] { numbers[0] } });
        _sim.Time.Advance(TimeSpan.FromSeconds(5));
        await OrderAsync(new { phone_numbers = new[] { numbers[1] } });

        var complete = await (await _client.Get("v1/phone-number-orders?status=complete&order_type=purchase")).JsonAsync(200);
        var pending = await (await _client.Get("v1/phone-number-orders?status=pending")).JsonAsync(200);

        Assert.Single(complete.GetProperty("data").EnumerateArray());
        Assert.Single(pending.GetProperty("data").EnumerateArray());
        await (await _client.Get("v1/phone-number-orders?status=done")).JsonAsync(400);
    }

    [Fact]
    public async Task UpdateNumberChangesFieldsAndRejectsUnknownOnes()
    {
        var numbers = await SearchAsync("area_code=919&quantity=1");
        await OrderAsync(new { phone_numbers = numbers });
        _sim.Time.Advance(TimeSpan.FromSeconds(2));
        var id = (await (await _client.Get("v1/phone-numbers")).JsonAsync(200)).GetProperty("data")[0].GetProperty("id").GetString();

        var updated = await (await _client.PostJsonAsync($"v1/phone-numbers/{id}", new { caller_id_name = "ACME", outbound_enabled = false })).JsonAsync(200);
        var rejected = await (await _client.PostJsonAsync($"v1/phone-numbers/{id}", new { caller_id_name = "OK", nickname = "x" })).JsonAsync(400);
        var fetched = await (await _client.Get($"v1/phone-numbers/{id}")).JsonAsync(200);

        Assert.Equal("ACME", updated.GetProperty("caller_id_name").GetString());
        Assert.False(updated.GetProperty("outbound_enabled").GetBoolean());
        Assert.True(rejected.GetProperty("details").TryGetProperty("nickname", out _));
        Assert.Equal("ACME", fetched.GetProperty("caller_id_name").GetString());
        await (await _client.Get("v1/phone-numbers/did_missing")).JsonAsync(404);
    }

    [Fact]
    public async Task DisconnectOrderReleasesTheNumber()
    {
        var numbers = await SearchAsync("area_code=919&quantity=1");
        await OrderAsync(new { phone_numbers = numbers });
        _sim.Time.Advance(TimeSpan.FromSeconds(2));

        var disconnect = await OrderAsync(new { phone_numbers = numbers, order_type = "disconnect" });
        _sim.Time.Advance(TimeSpan.FromSeconds(2));
        var done = await (await _client.Get($"v1/phone-number-orders/{disconnect.GetProperty("id").GetString()}")).JsonAsync(200);
        var rows = await (await _client.Get("v1/phone-numbers?status=released")).JsonAsync(200);

        Assert.Equal("disconnect", done.GetProperty("order_type").GetString());
        Assert.Equal("complete", done.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, rows.GetProperty("data")[0].GetProperty("disconnected_at").ValueKind);
        await OrderAsync(new { phone_numbers = numbers, order_type = "disconnect" }, 400);
    }

    [Fact]
    public async Task UnknownPathGetsVendor404()
    {
        var json = await (await _client.Get("v1/port-orders")).JsonAsync(404);

        Assert.Contains("does not emulate", json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task ANumberBoughtHereIsGoneForEveryone()
    {
        var numbers = await SearchAsync("npa_nxx=919460&quantity=100");
        await OrderAsync(new { phone_numbers = numbers[..50] });

        var again = await SearchAsync("npa_nxx=919460&quantity=100");

        Assert.Empty(again.Intersect(numbers[..50]));
        Assert.Equal(HttpStatusCode.Conflict, (await _sim.DialStack(account: "acct_b").PostJsonAsync("v1/phone-number-orders", new { phone_numbers = numbers[..1] })).StatusCode);
    }

    [Theory]
    [InlineData("+17824074284")]   // Edmonton
    [InlineData("+14169671111")]   // Toronto
    [InlineData("+18092345678")]   // Dominican Republic
    public async Task NonUsPlusOneNumbersAreRefusedAtValidation(string number)
    {
        var json = await OrderAsync(new { phone_numbers = new[] { number } }, 400);

        Assert.Equal("validation_error", json.GetProperty("code").GetString());
        Assert.Contains($"{number} is not a US number (area code {number[2..5]} is not a US area code)", json.GetProperty("error").GetString());
        Assert.Empty((await (await _client.Get("v1/phone-number-orders")).JsonAsync(200)).GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task EveryAnswerCarriesARequestId()
    {
        using var ok = await _client.Get("v1/phone-numbers");
        using var notFound = await _client.Get("v1/no-such-thing");
        using var anonymous = await _sim.Anonymous("dialstack").GetAsync("v1/phone-numbers", TestContext.Current.CancellationToken);

        var ids = new[] { ok, notFound, anonymous }.Select(r => Assert.Single(r.Headers.GetValues("X-Request-Id"))).ToList();

        Assert.All(ids, id => Assert.Matches("^req_[0-9a-f]{24}$", id));
        Assert.Equal(3, ids.Distinct().Count());
    }

    [Fact]
    public async Task AnUnknownFieldIsNamedOnce()
    {
        var json = await OrderAsync(new { phone_numbers = new[] { "+19194601234" }, foo = 1 }, 400);

        Assert.StartsWith("Invalid request: Unknown field 'foo'", json.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("Bearer sk_test_ab", "has 2 characters, and must have 4 to 128")]
    [InlineData("Bearer pk_test_abcdef", "keys start with sk_test_ or sk_live_")]
    [InlineData("Basic c2s6eA==", "not a Bearer token")]
    public async Task AMalformedKeyGetsA401ThatSaysWhy(string authorization, string why)
    {
        using var client = _sim.Anonymous("dialstack");
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        client.DefaultRequestHeaders.Add("DialStack-Account", "acct_1");

        var json = await (await client.Get("v1/phone-numbers")).JsonAsync(401);

        Assert.Equal("invalid_api_key", json.GetProperty("code").GetString());
        Assert.Contains(why, json.GetProperty("error").GetString());
    }
}
