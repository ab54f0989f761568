using System.Net;
using System.Text.Json;
using CarrierSim.Core.Numbering;

namespace CarrierSim.Server.Tests.Dialects.Twilio;

/// <summary>Twilio's wire format and errors, request by request, with a plain HttpClient.</summary>
public sealed class TwilioHttpTests : IAsyncLifetime
{
    private static readonly string Sid = TwilioSdk.AccountSid("http-tests");
    private static readonly string Account = $"2010-04-01/Accounts/{Sid}";

    private TestSimulator _sim = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _sim = await TestSimulator.StartAsync();
        _client = TwilioSdk.Raw(_sim, Sid);
    }

    public async ValueTask DisposeAsync() => await _sim.DisposeAsync();

    private static async Task<JsonElement> ErrorAsync(HttpResponseMessage response, int status, int code)
    {
        var json = await response.JsonAsync(status);
        Assert.Equal(["code", "message", "more_info", "status"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(code, json.GetProperty("code").GetInt32());
        Assert.Equal(status, json.GetProperty("status").GetInt32());
        Assert.Equal($"https://www.twilio.com/docs/errors/{code}", json.GetProperty("more_info").GetString());
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("message").GetString()));
        return json;
    }

    private Task<HttpResponseMessage> PostFormAsync(string path, params (string Name, string Value)[] fields) =>
        _client.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))), TestContext.Current.CancellationToken);

    private async Task<string> AvailableAsync(string areaCode)
    {
        var json = await (await _client.Get($"{Account}/AvailablePhoneNumbers/US/Local.json?AreaCode={areaCode}&PageSize=1")).JsonAsync(200);
        return json.GetProperty("available_phone_numbers")[0].GetProperty("phone_number").GetString()!;
    }

    [Fact]
    public async Task NoCredentialsIs401WithTwiliosChallenge()
    {
        using var anonymous = TwilioSdk.Raw(_sim, null);

        var response = await anonymous.Get($"{Account}/IncomingPhoneNumbers.json");

        await ErrorAsync(response, 401, 20003);
        Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Theory]
    [InlineData("not-a-sid")]
    [InlineData("ACshort")]
    public async Task AUsernameThatIsNoSidIs401(string username)
    {
        using var client = TwilioSdk.Raw(_sim, username);

        await ErrorAsync(await client.Get($"{Account}/IncomingPhoneNumbers.json"), 401, 20003);
    }

    [Fact]
    public async Task CredentialsForAnotherAccountThanThePathAre401()
    {
        using var other = TwilioSdk.Raw(_sim, TwilioSdk.AccountSid("someone-else"));

        var json = await ErrorAsync(await other.Get($"{Account}/IncomingPhoneNumbers.json"), 401, 20003);

        Assert.Contains(Sid, json.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMalformedAccountSidInThePathIs404()
    {
        using var key = TwilioSdk.Raw(_sim, TwilioSdk.ApiKeySid("k"));

        await ErrorAsync(await key.Get("2010-04-01/Accounts/ACnope/IncomingPhoneNumbers.json"), 404, 20404);
    }

    [Theory]
    [InlineData("IncomingPhoneNumbers.xml")]
    [InlineData("IncomingPhoneNumbers")]
    [InlineData("AvailablePhoneNumbers/US/Local.xml")]
    public async Task OtherRepresentationsThanJsonAre406(string resource)
    {
        var json = await ErrorAsync(await _client.Get($"{Account}/{resource}"), 406, 20406);

        Assert.Contains(".json", json.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Messages.json")]
    [InlineData("AvailablePhoneNumbers/ZZ/Local.json")]
    [InlineData("AvailablePhoneNumbers/US/Fancy.json")]
    [InlineData("AvailablePhoneNumbers/ZZ.json")]
    public async Task UnknownResourcesAre404(string resource)
    {
        var json = await ErrorAsync(await _client.Get($"{Account}/{resource}"), 404, 20404);

        Assert.Contains($"/2010-04-01/Accounts/{Sid}/{resource}", json.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchAnswersTwiliosPagingFields()
    {
        var json = await (await _client.Get($"{Account}/AvailablePhoneNumbers/US/Local.json?AreaCode=919&PageSize=3")).JsonAsync(200);

        Assert.Equal(3, json.GetProperty("available_phone_numbers").GetArrayLength());
        Assert.Equal($"/{Account}/AvailablePhoneNumbers/US/Local.json?AreaCode=919&PageSize=3", json.GetProperty("uri").GetString());
        Assert.Equal($"/{Account}/AvailablePhoneNumbers/US/Local.json?AreaCode=919&PageSize=3&Page=0", json.GetProperty("first_page_uri").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("next_page_uri").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("previous_page_uri").ValueKind);
        Assert.Equal((0, 3, 0, 2), (json.GetProperty("page").GetInt32(), json.GetProperty("page_size").GetInt32(), json.GetProperty("start").GetInt32(), json.GetProperty("end").GetInt32()));
        var item = json.GetProperty("available_phone_numbers")[0];
        Assert.Equal(
            ["friendly_name", "phone_number", "lata", "locality", "rate_center", "latitude", "longitude", "region", "postal_code", "iso_country", "address_requirements", "beta", "capabilities"],
            item.EnumerateObject().Select(p => p.Name));
        Assert.Matches(@"^-?\d+\.\d{6}$", item.GetProperty("latitude").GetString());
        Assert.Equal(["voice", "sms", "mms", "fax"], item.GetProperty("capabilities").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task PageSizeAboveTheInventorysLargestSearchAnswersAtMostOneHundred()
    {
        var json = await (await _client.Get($"{Account}/AvailablePhoneNumbers/US/Local.json?AreaCode=919&PageSize=1000")).JsonAsync(200);

        Assert.Equal(100, json.GetProperty("available_phone_numbers").GetArrayLength());
        Assert.Equal(1000, json.GetProperty("page_size").GetInt32());
    }

    [Theory]
    [InlineData("PageSize=0", "PageSize")]
    [InlineData("PageSize=1001", "PageSize")]
    [InlineData("Distance=501&NearLatLong=35,-78", "Distance")]
    [InlineData("Contains=a", "Contains")]
    [InlineData("Contains=12%23", "Contains")]
    [InlineData("Contains=*%25", "Contains")]
    [InlineData("SmsEnabled=maybe", "SmsEnabled")]
    [InlineData("NearLatLong=north", "NearLatLong")]
    [InlineData("NearNumber=%2B4420", "NearNumber")]
    [InlineData("InRateCenter=RALEIGH", "InLata")]
    [InlineData("InLata=abc", "InLata")]
    [InlineData("InPostalCode=ABCDE", "InPostalCode")]
    [InlineData("InRegion=%2B1999", "InRegion")]
    [InlineData("AreaCode=91", "AreaCode")]
    public async Task BadSearchParametersAre400NamingTheParameter(string query, string parameter)
    {
        var json = await ErrorAsync(await _client.Get($"{Account}/AvailablePhoneNumbers/US/Local.json?{query}"), 400, 20001);

        Assert.Contains(parameter, json.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlaceFiltersOutsideTheNanpAre400()
    {
        var json = await ErrorAsync(await _client.Get($"{Account}/AvailablePhoneNumbers/GB/Local.json?AreaCode=919"), 400, 20001);

        Assert.Contains("US and Canad", json.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Voip")]
    [InlineData("SharedCost")]
    [InlineData("MachineToMachine")]
    public async Task TypesTheCatalogLacksAnswerEmptyLists(string type)
    {
        var json = await (await _client.Get($"{Account}/AvailablePhoneNumbers/US/{type}.json")).JsonAsync(200);

        Assert.Equal(0, json.GetProperty("available_phone_numbers").GetArrayLength());
    }

    [Fact]
    public async Task BetaFalseLeavesOutNumbersNewToThePlatform()
    {
        var country = _sim.Simulation.Inventory.Catalog.InternationalRanges.First(r => r.Type == NumberType.National).CountryIso.ToUpperInvariant();

        var all = await (await _client.Get($"{Account}/AvailablePhoneNumbers/{country}/National.json?PageSize=5")).JsonAsync(200);
        var established = await (await _client.Get($"{Account}/AvailablePhoneNumbers/{country}/National.json?PageSize=5&Beta=false")).JsonAsync(200);

        Assert.NotEqual(0, all.GetProperty("available_phone_numbers").GetArrayLength());
        Assert.All(all.GetProperty("available_phone_numbers").EnumerateArray(), n => Assert.True(n.GetProperty("beta").GetBoolean()));
        Assert.Equal(0, established.GetProperty("available_phone_numbers").GetArrayLength());
    }

    [Fact]
    public async Task APostalCodeGivenAsANumberMeansThatNumbersPostalCode()
    {
        var first = (await (await _client.Get($"{Account}/AvailablePhoneNumbers/US/Local.json?AreaCode=919&PageSize=1")).JsonAsync(200)).GetProperty("available_phone_numbers")[0];

        var json = await (await _client.Get($"{Account}/AvailablePhoneNumbers/US/Local.json?InPostalCode={Uri.EscapeDataString(first.GetProperty("phone_number").GetString()!)}")).JsonAsync(200);

        Assert.NotEqual(0, json.GetProperty("available_phone_numbers").GetArrayLength());
        Assert.All(json.GetProperty("available_phone_numbers").EnumerateArray(), n =>
            Assert.Equal(first.GetProperty("postal_code").GetString(), n.GetProperty("postal_code").GetString()));
    }

    [Fact]
    public async Task CreateReadsFormFieldsAndRefusesJson()
    {
        var number = await AvailableAsync("919");

        var json = await _client.PostJsonAsync($"{Account}/IncomingPhoneNumbers.json", new { PhoneNumber = number });
        var form = await PostFormAsync($"{Account}/IncomingPhoneNumbers.json", ("PhoneNumber", number), ("FriendlyName", "Form"), ("Unknown", "ignored"));

        await ErrorAsync(json, 415, 20415);
        var created = await form.JsonAsync(201);
        Assert.Equal("Form", created.GetProperty("friendly_name").GetString());
        Assert.Matches(@"^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$", created.GetProperty("date_created").GetString());
        Assert.Equal(("in-use", "local", "twilio"), (created.GetProperty("status").GetString(), created.GetProperty("type").GetString(), created.GetProperty("origin").GetString()));
    }

    [Theory]
    [InlineData("VoiceMethod", "PUT")]
    [InlineData("VoiceUrl", "not a url")]
    [InlineData("StatusCallback", "ftp://example.com/x")]
    [InlineData("VoiceCallerIdLookup", "maybe")]
    [InlineData("EmergencyStatus", "On")]
    [InlineData("VoiceReceiveMode", "telex")]
    [InlineData("TrunkSid", "AP00000000000000000000000000000000")]
    [InlineData("ApiVersion", "2020-01-01")]
    public async Task BadFieldsAre400AndBuyNothing(string field, string value)
    {
        var number = await AvailableAsync("919");

        var json = await ErrorAsync(await PostFormAsync($"{Account}/IncomingPhoneNumbers.json", ("PhoneNumber", number), (field, value)), 400, 20001);

        Assert.Contains(field, json.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(_sim.Simulation.Orders.All());
    }

    [Fact]
    public async Task FriendlyNamesLongerThan64AreRefused()
    {
        var number = await AvailableAsync("919");

        await ErrorAsync(await PostFormAsync($"{Account}/IncomingPhoneNumbers.json", ("PhoneNumber", number), ("FriendlyName", new string('x', 65))), 400, 20001);
    }

    [Fact]
    public async Task ConcurrentPurchasesByAreaCodeEachGetTheirOwnNumber()
    {
        // Each purchase first chooses the same first available number; Twilio chooses again for the losers.
        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => PostFormAsync($"{Account}/IncomingPhoneNumbers.json", ("AreaCode", "919"))));

        var bought = new List<string>();
        foreach (var response in responses)
        {
            bought.Add((await response.JsonAsync(201)).GetProperty("phone_number").GetString()!);
        }

        Assert.Equal(16, bought.Distinct().Count());
        Assert.All(bought, n => Assert.StartsWith("+1919", n, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateNeedsAPhoneNumberOrAnAreaCode()
    {
        var json = await ErrorAsync(await PostFormAsync($"{Account}/IncomingPhoneNumbers.json", ("FriendlyName", "x")), 400, 20001);

        Assert.Contains("AreaCode or a PhoneNumber", json.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TypedSubresourcesRefuseAreaCodeAndOtherTypes()
    {
        var tollFree = (await (await _client.Get($"{Account}/AvailablePhoneNumbers/US/TollFree.json?PageSize=1")).JsonAsync(200))
            .GetProperty("available_phone_numbers")[0].GetProperty("phone_number").GetString()!;

        await ErrorAsync(await PostFormAsync($"{Account}/IncomingPhoneNumbers/Local.json", ("AreaCode", "919")), 400, 21457);
        await ErrorAsync(await PostFormAsync($"{Account}/IncomingPhoneNumbers/Local.json", ("PhoneNumber", tollFree)), 400, 20001);
        var bought = await (await PostFormAsync($"{Account}/IncomingPhoneNumbers/TollFree.json", ("PhoneNumber", tollFree))).JsonAsync(201);
        var local = await (await _client.Get($"{Account}/IncomingPhoneNumbers/Local.json")).JsonAsync(200);
        var tollFrees = await (await _client.Get($"{Account}/IncomingPhoneNumbers/TollFree.json")).JsonAsync(200);

        Assert.Equal("tollfree", bought.GetProperty("type").GetString());
        Assert.Equal(0, local.GetProperty("incoming_phone_numbers").GetArrayLength());
        Assert.Equal(tollFree, tollFrees.GetProperty("incoming_phone_numbers")[0].GetProperty("phone_number").GetString());
    }

    [Fact]
    public async Task ListPagesFollowNextAndPreviousPageUris()
    {
        var numbers = (await (await _client.Get($"{Account}/AvailablePhoneNumbers/US/Local.json?AreaCode=512&PageSize=5")).JsonAsync(200))
            .GetProperty("available_phone_numbers").EnumerateArray().Select(n => n.GetProperty("phone_number").GetString()!).ToList();
        foreach (var number in numbers)
        {
            await (await PostFormAsync($"{Account}/IncomingPhoneNumbers.json", ("PhoneNumber", number))).JsonAsync(201);
        }

        var seen = new List<string>();
        var first = await (await _client.Get($"{Account}/IncomingPhoneNumbers.json?PageSize=2")).JsonAsync(200);
        var page = first;
        while (true)
        {
            seen.AddRange(page.GetProperty("incoming_phone_numbers").EnumerateArray().Select(n => n.GetProperty("phone_number").GetString()!));
            if (page.GetProperty("next_page_uri").GetString() is not { } next)
            {
                break;
            }

            Assert.StartsWith("/2010-04-01/", next, StringComparison.Ordinal);
            page = await (await _client.Get(next.TrimStart('/'))).JsonAsync(200);
            Assert.NotEqual(JsonValueKind.Null, page.GetProperty("previous_page_uri").ValueKind);
        }

        Assert.Equal(numbers.Order(), seen.Order());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("previous_page_uri").ValueKind);
        Assert.Equal((0, 2, 0, 1), (first.GetProperty("page").GetInt32(), first.GetProperty("page_size").GetInt32(), first.GetProperty("start").GetInt32(), first.GetProperty("end").GetInt32()));
        Assert.Equal(2, page.GetProperty("page").GetInt32());
        await ErrorAsync(await _client.Get($"{Account}/IncomingPhoneNumbers.json?PageToken=PAnope"), 400, 20001);
    }

    [Fact]
    public async Task MovingANumberToAnotherAccountIsRefused()
    {
        var created = await (await PostFormAsync($"{Account}/IncomingPhoneNumbers.json", ("PhoneNumber", await AvailableAsync("919")))).JsonAsync(201);

        var json = await ErrorAsync(
            await PostFormAsync($"{Account}/IncomingPhoneNumbers/{created.GetProperty("sid").GetString()}.json", ("AccountSid", TwilioSdk.AccountSid("elsewhere"))), 400, 20001);

        Assert.Contains("AccountSid", json.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteAnswers204AndAnUnknownSid404()
    {
        var created = await (await PostFormAsync($"{Account}/IncomingPhoneNumbers.json", ("AreaCode", "919"))).JsonAsync(201);
        var path = $"{Account}/IncomingPhoneNumbers/{created.GetProperty("sid").GetString()}.json";

        using var deleted = await _client.DeleteAsync(path, TestContext.Current.CancellationToken);
        using var again = await _client.DeleteAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await ErrorAsync(again, 404, 20404);
    }

    [Fact]
    public async Task DeclaredKeysCheckTheirSecretAndShareTheDeclaredAccount()
    {
        var key = TwilioSdk.ApiKeySid("declared");
        await using var sim = await TestSimulator.StartAsync(new Dictionary<string, string?>
        {
            ["CarrierSim:Accounts:0:Dialect"] = "twilio",
            ["CarrierSim:Accounts:0:Id"] = "acme",
            ["CarrierSim:Accounts:0:Keys:0:Key"] = $"{key}:right-secret",
            ["CarrierSim:Accounts:0:Keys:1:Key"] = Sid,
        });
        using var right = TwilioSdk.Raw(sim, key, "right-secret");
        using var wrong = TwilioSdk.Raw(sim, key, "wrong-secret");
        using var account = TwilioSdk.Raw(sim, Sid, "any-token");
        var number = (await (await account.Get($"{Account}/AvailablePhoneNumbers/US/Local.json?AreaCode=919&PageSize=1")).JsonAsync(200))
            .GetProperty("available_phone_numbers")[0].GetProperty("phone_number").GetString()!;

        await (await account.PostAsync($"{Account}/IncomingPhoneNumbers.json", new FormUrlEncodedContent([KeyValuePair.Create("PhoneNumber", number)]), TestContext.Current.CancellationToken)).JsonAsync(201);
        var listed = await (await right.Get($"{Account}/IncomingPhoneNumbers.json")).JsonAsync(200);

        await ErrorAsync(await wrong.Get($"{Account}/IncomingPhoneNumbers.json"), 401, 20003);
        Assert.Equal(number, listed.GetProperty("incoming_phone_numbers")[0].GetProperty("phone_number").GetString());
        Assert.Equal("acme", Assert.Single(sim.Simulation.Accounts.All, a => a.Dialect == "twilio").Id);
    }

    [Fact]
    public async Task TheDefaultExampleCredentialsWork()
    {
        using var client = _sim.Anonymous("twilio");
        foreach (var (name, value) in CarrierSim.Server.Hosting.CarrierSimDialects.Credentials("twilio"))
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation(name, value);
        }

        await (await client.Get($"2010-04-01/Accounts/{CarrierSim.Server.Dialects.Twilio.TwilioDialect.DefaultAccountSid}/IncomingPhoneNumbers.json")).JsonAsync(200);
    }
}
