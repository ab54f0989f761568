using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CarrierSim.Core.Chaos;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Core.Orders;

namespace CarrierSim.Server.Tests.Dialects;

public sealed class PlivoTests : IAsyncLifetime
{
    private const string AuthId = "MA2025RK4E639VJFZAGV";
    private const string OtherAuthId = "MAOTHERACCOUNT000001";
    private const string Base = $"v1/Account/{AuthId}";

    private TestSimulator _sim = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _sim = await TestSimulator.StartAsync();
        _client = Client(AuthId);
    }

    public async ValueTask DisposeAsync() => await _sim.DisposeAsync();

    private HttpClient Client(string authId, string token = "s3cr3t_token")
    {
        var client = _sim.Anonymous("plivo");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{authId}:{token}")));
        return client;
    }

    private async Task<JsonElement> SearchJsonAsync(string query, HttpClient? client = null, string authId = AuthId) =>
        await (await (client ?? _client).Get($"v1/Account/{authId}/PhoneNumber/?{query}")).JsonAsync(200);

    private async Task<JsonElement[]> SearchAsync(string query) =>
        [.. (await SearchJsonAsync(query)).GetProperty("objects").EnumerateArray()];

    private async Task<string[]> NumbersAsync(string query) =>
        [.. (await SearchAsync(query)).Select(n => n.GetProperty("number").GetString()!)];

    private static void AssertError(JsonElement json, string fragment)
    {
        Assert.Equal(["api_id", "error"], json.EnumerateObject().Select(p => p.Name).Order());
        Assert.True(Guid.TryParse(json.GetProperty("api_id").GetString(), out _));
        Assert.Contains(fragment, json.GetProperty("error").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    private Task<HttpResponseMessage> BuyAsync(string digits, HttpClient? client = null, string authId = AuthId, string body = "{}") =>
        (client ?? _client).PostAsync($"v1/Account/{authId}/PhoneNumber/{digits}/", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

    private async Task<string> AvailableDigitsAsync(string query = "country_iso=US&npanxx=919733&limit=1") => (await NumbersAsync(query))[0];

    private NumberStatus Status(string digits) => _sim.Simulation.Inventory.GetStatus(PhoneNumber.Parse("+" + digits).Value);

    private async Task<string> RentAsync()
    {
        var digits = await AvailableDigitsAsync();
        await (await BuyAsync(digits)).JsonAsync(201);
        return digits;
    }

    // ---- auth ----

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer MA2025RK4E639VJFZAGV")]
    [InlineData("Basic not-base64!")]
    [InlineData("Basic TUEyMDI1Uks0RTYzOVZKRlpBR1Y=")] // no colon, no token
    [InlineData("Basic TUEyMDI1Uks0RTYzOVZKRlpBR1Y6")] // empty token
    [InlineData("Basic WFgyMDI1Uks0RTYzOVZKRlpBR1Y6dG9rZW4=")] // XX… is not an Auth ID
    public async Task MissingOrMalformedCredentialsGet401(string? authorization)
    {
        var client = _sim.Anonymous("plivo");
        if (authorization is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        }

        AssertError(await (await client.Get($"{Base}/PhoneNumber/?country_iso=US")).JsonAsync(401), "Authentication failed");
    }

    [Fact]
    public async Task CredentialsForAnotherAccountThanTheUrlGet401()
    {
        AssertError(await (await Client(OtherAuthId).Get($"{Base}/PhoneNumber/?country_iso=US")).JsonAsync(401), "the URL names account");
    }

    [Fact]
    public async Task UnknownPathGets404InTheEnvelope()
    {
        AssertError(await (await _client.Get($"{Base}/Call/")).JsonAsync(404), "");
    }

    // ---- search ----

    [Fact]
    public async Task SearchAnswersPlivoPhoneNumberObjects()
    {
        var json = await SearchJsonAsync("country_iso=US&type=local&limit=3");

        Assert.Equal(["api_id", "meta", "objects"], json.EnumerateObject().Select(p => p.Name).Order());
        var meta = json.GetProperty("meta");
        Assert.Equal(["limit", "next", "offset", "previous", "total_count"], meta.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(3, meta.GetProperty("limit").GetInt32());
        Assert.Equal(0, meta.GetProperty("offset").GetInt32());
        Assert.Equal(JsonValueKind.Null, meta.GetProperty("previous").ValueKind);
        Assert.StartsWith($"/v1/Account/{AuthId}/PhoneNumber/?limit=3&offset=3", meta.GetProperty("next").GetString());
        var objects = json.GetProperty("objects").EnumerateArray().ToList();
        Assert.Equal(3, objects.Count);
        foreach (var n in objects)
        {
            Assert.Equal(
                ["city", "country", "lata", "mms_enabled", "mms_rate", "monthly_rental_rate", "number", "prefix", "rate_center", "region", "resource_uri", "restriction", "restriction_text", "setup_rate", "sms_enabled", "sms_rate", "sub_type", "type", "voice_enabled", "voice_rate"],
                n.EnumerateObject().Select(p => p.Name).Order());
            var number = n.GetProperty("number").GetString()!;
            Assert.Matches(@"^1[2-9]\d{9}$", number);
            Assert.Equal(number[1..4], n.GetProperty("prefix").GetString());
            Assert.Equal("UNITED STATES", n.GetProperty("country").GetString());
            Assert.Equal("fixed", n.GetProperty("type").GetString());
            Assert.Equal("local", n.GetProperty("sub_type").GetString());
            Assert.Equal("0.80000", n.GetProperty("monthly_rental_rate").GetString());
            Assert.Equal("0.00000", n.GetProperty("setup_rate").GetString());
            Assert.Equal(JsonValueKind.Number, n.GetProperty("lata").ValueKind);
            Assert.Equal($"/v1/Account/{AuthId}/PhoneNumber/{number}/", n.GetProperty("resource_uri").GetString());
            Assert.True(n.GetProperty("voice_enabled").GetBoolean());
        }
    }

    [Fact]
    public async Task SearchAndDialNexaShareOneDescriptionOfANumber()
    {
        foreach (var query in new[] { "country_iso=US&type=local&pattern=919733&limit=3", "country_iso=US&type=tollfree&limit=2", "country_iso=GB&type=mobile&limit=2" })
        {
            foreach (var plivo in await SearchAsync(query))
            {
                var digits = plivo.GetProperty("number").GetString()!;
                var national = digits.StartsWith('1') ? digits[1..] : digits[2..];
                var country = query[12..14];
                var dialnexa = Assert.Single((await (await _sim.DialNexa().Get($"v1/organization-phone-numbers/plivo-numbers?country_iso={country}&type={plivo.GetProperty("sub_type").GetString()}&pattern={national}&limit=1")).JsonAsync(200))
                    .GetProperty("objects").EnumerateArray());

                Assert.Equal("+" + digits, dialnexa.GetProperty("number").GetString());
                Assert.Equal(plivo.GetProperty("sub_type").GetString(), dialnexa.GetProperty("type").GetString());
                Assert.Equal(plivo.GetProperty("rate_center").ToString(), dialnexa.GetProperty("rate_center").ToString());
                Assert.Equal(plivo.GetProperty("lata").ToString(), dialnexa.GetProperty("lata").ToString());
                Assert.Equal(plivo.GetProperty("city").ToString(), dialnexa.GetProperty("city").ToString());
                Assert.Equal(plivo.GetProperty("sms_enabled").GetBoolean(), dialnexa.GetProperty("sms_enabled").GetBoolean());
                Assert.Equal(Money(plivo, "monthly_rental_rate"), Money(dialnexa, "monthly_rental_rate"));
                Assert.Equal(Money(plivo, "setup_rate"), Money(dialnexa, "setup_rate"));
            }
        }
    }

    private static decimal Money(JsonElement number, string field) =>
        decimal.Parse(number.GetProperty(field).GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("GB", "44")]
    [InlineData("CA", "1")]
    [InlineData("IN", "91")]
    public async Task SearchByCountryIso(string country, string callingCode)
    {
        var objects = await SearchAsync($"country_iso={country}&limit=4");

        Assert.NotEmpty(objects);
        Assert.All(objects, n => Assert.StartsWith(callingCode, n.GetProperty("number").GetString()));
    }

    [Theory]
    [InlineData("tollfree", "tollfree", "tollfree")]
    [InlineData("mobile", "mobile", "mobile")]
    [InlineData("local", "fixed", "local")]
    [InlineData("fixed", "fixed", "local")]
    public async Task SearchByType(string type, string wireType, string subType)
    {
        var objects = await SearchAsync($"country_iso=US&type={type}&limit=3");

        Assert.Equal(3, objects.Length);
        Assert.All(objects, n => Assert.Equal(wireType, n.GetProperty("type").GetString()));
        Assert.All(objects, n => Assert.Equal(subType, n.GetProperty("sub_type").GetString()));
    }

    [Fact]
    public async Task SearchByPattern()
    {
        var numbers = await NumbersAsync("country_iso=US&pattern=415&limit=5");

        Assert.Equal(5, numbers.Length);
        Assert.All(numbers, n => Assert.StartsWith("1415", n));
    }

    [Fact]
    public async Task SearchByNpanxx()
    {
        var numbers = await NumbersAsync("country_iso=US&npanxx=919733&limit=5");

        Assert.NotEmpty(numbers);
        Assert.All(numbers, n => Assert.StartsWith("1919733", n));
    }

    [Fact]
    public async Task SearchByLocalCallingAreaWidensTheNpanxxToItsRateCenter()
    {
        var exact = await SearchAsync("country_iso=US&npanxx=919733&limit=20");
        var area = await SearchAsync("country_iso=US&npanxx=919733&local_calling_area=true&limit=20");

        var rateCenter = exact[0].GetProperty("rate_center").GetString();
        Assert.All(area, n => Assert.Equal(rateCenter, n.GetProperty("rate_center").GetString()));
        Assert.Contains(area, n => !n.GetProperty("number").GetString()!.StartsWith("1919733", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("North%20Carolina")]
    [InlineData("nc")]
    public async Task SearchByRegionNameOrCode(string region)
    {
        var objects = await SearchAsync($"country_iso=US&region={region}&limit=5");

        Assert.Equal(5, objects.Length);
        Assert.All(objects, n => Assert.Equal("North Carolina", n.GetProperty("region").GetString()));
    }

    [Fact]
    public async Task SearchByServices()
    {
        var sms = await SearchAsync("country_iso=US&services=voice,sms&limit=3");
        var mms = await SearchAsync("country_iso=US&services=mms");
        var gbSms = await SearchAsync("country_iso=GB&type=local&services=sms");

        Assert.Equal(3, sms.Length);
        Assert.All(sms, n => Assert.True(n.GetProperty("sms_enabled").GetBoolean()));
        Assert.Empty(mms);
        Assert.Empty(gbSms);
    }

    [Fact]
    public async Task SearchByLata()
    {
        var lata = (await SearchAsync("country_iso=US&npanxx=919733&limit=1"))[0].GetProperty("lata").GetInt32();

        var objects = await SearchAsync($"country_iso=US&lata={lata}&limit=6");

        Assert.Equal(6, objects.Length);
        Assert.All(objects, n => Assert.Equal(lata, n.GetProperty("lata").GetInt32()));
    }

    [Fact]
    public async Task SearchByRateCenterWithAndWithoutRegion()
    {
        var rateCenter = (await SearchAsync("country_iso=US&npanxx=919733&limit=1"))[0].GetProperty("rate_center").GetString()!;

        var alone = await SearchAsync($"country_iso=US&rate_center={Uri.EscapeDataString(rateCenter)}&limit=5");
        var withRegion = await SearchAsync($"country_iso=US&rate_center={Uri.EscapeDataString(rateCenter)}&region=NC&limit=5");

        Assert.Equal(5, alone.Length);
        Assert.All(alone.Concat(withRegion), n => Assert.Equal(rateCenter, n.GetProperty("rate_center").GetString()));
        Assert.All(withRegion, n => Assert.Equal("North Carolina", n.GetProperty("region").GetString()));
    }

    [Fact]
    public async Task SearchByCity()
    {
        var objects = await SearchAsync("country_iso=US&city=Raleigh&region=NC&limit=5");
        var anyState = await SearchAsync("country_iso=US&city=raleigh&limit=20");

        Assert.Equal(5, objects.Length);
        Assert.All(objects.Concat(anyState), n => Assert.Equal("RALEIGH", n.GetProperty("city").GetString()));
        Assert.Subset(new HashSet<string?> { "North Carolina", "Mississippi" }, anyState.Select(n => n.GetProperty("region").GetString()).ToHashSet());
    }

    [Fact]
    public async Task SearchEligibleIsAcceptedAndChangesNothing()
    {
        Assert.Equal(await NumbersAsync("country_iso=US&pattern=919&limit=4"), await NumbersAsync("country_iso=US&pattern=919&eligible=true&limit=4"));
    }

    [Fact]
    public async Task SearchPagesWithLimitAndOffset()
    {
        var all = await NumbersAsync("country_iso=US&pattern=919&limit=20");
        var second = await SearchJsonAsync("country_iso=US&pattern=919&limit=5&offset=5");

        Assert.Equal(all.Skip(5).Take(5), second.GetProperty("objects").EnumerateArray().Select(n => n.GetProperty("number").GetString()));
        Assert.Equal(5, second.GetProperty("meta").GetProperty("offset").GetInt32());
        Assert.Contains("offset=0", second.GetProperty("meta").GetProperty("previous").GetString(), StringComparison.Ordinal);
        Assert.Contains("offset=10", second.GetProperty("meta").GetProperty("next").GetString(), StringComparison.Ordinal);
        Assert.Contains("pattern=919", second.GetProperty("meta").GetProperty("next").GetString(), StringComparison.Ordinal);
        Assert.True(second.GetProperty("meta").GetProperty("total_count").GetInt32() >= 20);
    }

    [Theory]
    [InlineData("type=local", "country_iso is required")]
    [InlineData("country_iso=USA", "alpha-2")]
    [InlineData("country_iso=US&type=premium", "type must be")]
    [InlineData("country_iso=US&pattern=%2B1919", "pattern must be")]
    [InlineData("country_iso=US&npanxx=9197", "npanxx must be")]
    [InlineData("country_iso=GB&npanxx=919733", "US and CA")]
    [InlineData("country_iso=US&local_calling_area=true", "needs npanxx")]
    [InlineData("country_iso=US&local_calling_area=yes&npanxx=919733", "true or false")]
    [InlineData("country_iso=US&region=Atlantis", "not a state")]
    [InlineData("country_iso=US&services=fax", "services takes")]
    [InlineData("country_iso=US&lata=abc", "lata must be")]
    [InlineData("country_iso=GB&rate_center=LONDON", "US and CA")]
    [InlineData("country_iso=US&limit=21", "limit must be")]
    [InlineData("country_iso=US&limit=0", "limit must be")]
    [InlineData("country_iso=US&offset=-1", "offset must be")]
    public async Task BadSearchGets400(string query, string fragment)
    {
        AssertError(await (await _client.Get($"{Base}/PhoneNumber/?{query}")).JsonAsync(400), fragment);
    }

    // ---- buy ----

    [Fact]
    public async Task BuyAnswers201AndTheNumberIsRented()
    {
        var digits = await AvailableDigitsAsync();

        var json = await (await BuyAsync(digits, body: "{\"app_id\": \"29986316244302815\", \"cnam_lookup\": \"enabled\"}")).JsonAsync(201);

        Assert.Equal(["api_id", "message", "numbers", "status"], json.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("created", json.GetProperty("message").GetString());
        Assert.Equal("fulfilled", json.GetProperty("status").GetString());
        var bought = Assert.Single(json.GetProperty("numbers").EnumerateArray());
        Assert.Equal(digits, bought.GetProperty("number").GetString());
        Assert.Equal("Success", bought.GetProperty("status").GetString());
        Assert.Equal(NumberState.Owned, Status(digits).State);
        var rented = await (await _client.Get($"{Base}/Number/{digits}/")).JsonAsync(200);
        Assert.Equal($"/v1/Account/{AuthId}/Application/29986316244302815/", rented.GetProperty("application").GetString());
        Assert.Equal("enabled", rented.GetProperty("cnam_lookup").GetString());
    }

    [Fact]
    public async Task BuyWithoutABodyOrWithAPlusWorks()
    {
        var numbers = await NumbersAsync("country_iso=US&npanxx=919733&limit=2");

        var bare = await _client.PostAsync($"{Base}/PhoneNumber/{numbers[0]}/", null, TestContext.Current.CancellationToken);
        var plus = await BuyAsync("%2B" + numbers[1]);

        await bare.JsonAsync(201);
        await plus.JsonAsync(201);
    }

    [Fact]
    public async Task BuyingATakenNumberGets400()
    {
        var digits = await AvailableDigitsAsync();
        _sim.Simulation.Inventory.TakeByCompetitor([PhoneNumber.Parse("+" + digits).Value]);

        AssertError(await (await BuyAsync(digits)).JsonAsync(400), "not available for purchase");
        var list = await (await _client.Get($"{Base}/Number/")).JsonAsync(200);
        Assert.Equal(0, list.GetProperty("objects").GetArrayLength());
        Assert.Equal(NumberState.Taken, Status(digits).State);
    }

    [Fact]
    public async Task BuyingANumberTwiceGets400SayingItIsYours()
    {
        var digits = await RentAsync();

        AssertError(await (await BuyAsync(digits)).JsonAsync(400), "already rented on this account");
    }

    [Fact]
    public async Task BuyFailingAtFulfilmentGets400AndRentsNothing()
    {
        var digits = $"1919555{(int)MagicNumbers.Table.First(r => r.Behaviour == MagicBehaviour.FailsAtFulfilment).First + 1:D4}";

        AssertError(await (await BuyAsync(digits)).JsonAsync(400), "fulfilment");

        Assert.NotEqual(NumberState.Owned, Status(digits).State);
        Assert.Equal(OrderStatus.Failed, Assert.Single(_sim.Simulation.Orders.All()).Status);
        await (await _client.Get($"{Base}/Number/{digits}/")).JsonAsync(404);
    }

    [Theory]
    [InlineData("12", "{}", "not a phone number")]
    [InlineData("19197334821", "{\"cnam_lookup\": \"on\"}", "cnam_lookup must be")]
    [InlineData("19197334821", "{\"colour\": \"red\"}", "colour")]
    [InlineData("19197334821", "not json", "")]
    public async Task BadBuyGets400(string number, string body, string fragment)
    {
        AssertError(await (await BuyAsync(number, body: body)).JsonAsync(400), fragment);
    }

    [Fact]
    public async Task RacingBuyersGetTheNumberOnce()
    {
        var digits = await AvailableDigitsAsync();
        var buyers = Enumerable.Range(0, 8).Select(i => Client($"MARACER{i:D13}")).ToList();

        var responses = await Task.WhenAll(buyers.Select((c, i) => BuyAsync(digits, c, $"MARACER{i:D13}")));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.BadRequest));
    }

    // ---- rented numbers ----

    [Fact]
    public async Task ListAndGetRentedNumbers()
    {
        var digits = await RentAsync();

        var list = await (await _client.Get($"{Base}/Number/")).JsonAsync(200);
        var got = await (await _client.Get($"{Base}/Number/{digits}/")).JsonAsync(200);

        Assert.Equal(1, list.GetProperty("meta").GetProperty("total_count").GetInt32());
        Assert.Equal(20, list.GetProperty("meta").GetProperty("limit").GetInt32());
        var listed = Assert.Single(list.GetProperty("objects").EnumerateArray());
        Assert.False(listed.TryGetProperty("api_id", out _));
        Assert.True(Guid.TryParse(got.GetProperty("api_id").GetString(), out _));
        Assert.Equal(digits, got.GetProperty("number").GetString());
        Assert.Equal("Plivo", got.GetProperty("carrier").GetString());
        Assert.Equal("local", got.GetProperty("number_type").GetString());
        Assert.Equal("North Carolina, UNITED STATES", got.GetProperty("region").GetString());
        Assert.Equal("0.80000", got.GetProperty("monthly_rental_rate").GetString());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", got.GetProperty("added_on").GetString());
        Assert.Equal($"/v1/Account/{AuthId}/Number/{digits}/", got.GetProperty("resource_uri").GetString());
        Assert.Equal("disabled", got.GetProperty("cnam_lookup").GetString());
        Assert.Equal(JsonValueKind.Null, got.GetProperty("alias").ValueKind);
    }

    [Fact]
    public async Task ListFiltersAndPages()
    {
        var numbers = await NumbersAsync("country_iso=US&npanxx=919733&limit=3");
        foreach (var digits in numbers)
        {
            await (await BuyAsync(digits)).JsonAsync(201);
        }

        await (await _client.PostJsonAsync($"{Base}/Number/{numbers[1]}/", new { alias = "front desk" })).JsonAsync(202);

        var page = await (await _client.Get($"{Base}/Number/?limit=2&offset=2")).JsonAsync(200);
        var byAlias = await (await _client.Get($"{Base}/Number/?alias=front%20desk")).JsonAsync(200);
        var byPrefix = await (await _client.Get($"{Base}/Number/?number_startswith={numbers[2]}")).JsonAsync(200);
        var tollFree = await (await _client.Get($"{Base}/Number/?type=tollfree")).JsonAsync(200);
        var local = await (await _client.Get($"{Base}/Number/?type=local&services=voice,sms")).JsonAsync(200);

        Assert.Equal(1, page.GetProperty("objects").GetArrayLength());
        Assert.Equal(3, page.GetProperty("meta").GetProperty("total_count").GetInt32());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("meta").GetProperty("next").ValueKind);
        Assert.Equal(numbers[1], Assert.Single(byAlias.GetProperty("objects").EnumerateArray()).GetProperty("number").GetString());
        Assert.Equal(numbers[2], Assert.Single(byPrefix.GetProperty("objects").EnumerateArray()).GetProperty("number").GetString());
        Assert.Equal(0, tollFree.GetProperty("objects").GetArrayLength());
        Assert.Equal(3, local.GetProperty("objects").GetArrayLength());
        AssertError(await (await _client.Get($"{Base}/Number/?limit=50")).JsonAsync(400), "limit must be");
        AssertError(await (await _client.Get($"{Base}/Number/?type=premium")).JsonAsync(400), "type must be");
    }

    [Fact]
    public async Task UpdateAnswers202AndChangesTheNumber()
    {
        var digits = await RentAsync();

        var changed = await (await _client.PostJsonAsync($"{Base}/Number/{digits}/", new { alias = "sales", app_id = "77506472664956039", cnam_lookup = "enabled" })).JsonAsync(202);
        var got = await (await _client.Get($"{Base}/Number/{digits}/")).JsonAsync(200);

        Assert.Equal("changed", changed.GetProperty("message").GetString());
        Assert.True(Guid.TryParse(changed.GetProperty("api_id").GetString(), out _));
        Assert.Equal("sales", got.GetProperty("alias").GetString());
        Assert.Equal($"/v1/Account/{AuthId}/Application/77506472664956039/", got.GetProperty("application").GetString());
        Assert.Equal("enabled", got.GetProperty("cnam_lookup").GetString());
    }

    [Theory]
    [InlineData("{\"alias\": \"x\", \"nickname\": \"y\"}", "nickname")]
    [InlineData("{\"cnam_lookup\": \"maybe\"}", "cnam_lookup must be")]
    [InlineData("{\"alias\": 12}", "alias must be a string")]
    [InlineData("{\"subaccount\": \"MA123\"}", "SA")]
    public async Task BadUpdateGets400AndChangesNothing(string body, string fragment)
    {
        var digits = await RentAsync();

        var response = await _client.PostAsync($"{Base}/Number/{digits}/", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var got = await (await _client.Get($"{Base}/Number/{digits}/")).JsonAsync(200);

        AssertError(await response.JsonAsync(400), fragment);
        Assert.Equal(JsonValueKind.Null, got.GetProperty("alias").ValueKind);
    }

    [Fact]
    public async Task UnrentAnswers204AndQuarantinesTheNumber()
    {
        var digits = await RentAsync();

        var response = await _client.DeleteAsync($"{Base}/Number/{digits}/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal(NumberState.Quarantined, Status(digits).State);
        await (await _client.Get($"{Base}/Number/{digits}/")).JsonAsync(404);
        AssertError(await (await _client.DeleteAsync($"{Base}/Number/{digits}/", TestContext.Current.CancellationToken)).JsonAsync(404), "not found");
        Assert.Contains(_sim.Simulation.Orders.All(), o => o.Origin == "plivo" && o.Type == OrderType.Disconnect && o.Status == OrderStatus.Complete);
    }

    [Fact]
    public async Task NumbersAreScopedToTheAccount()
    {
        var digits = await RentAsync();

        await (await Client(OtherAuthId).Get($"v1/Account/{OtherAuthId}/Number/{digits}/")).JsonAsync(404);
        Assert.Equal(0, (await (await Client(OtherAuthId).Get($"v1/Account/{OtherAuthId}/Number/")).JsonAsync(200)).GetProperty("objects").GetArrayLength());
        AssertError(await (await _client.Get($"{Base}/Number/abc/")).JsonAsync(400), "not a phone number");
    }
}
