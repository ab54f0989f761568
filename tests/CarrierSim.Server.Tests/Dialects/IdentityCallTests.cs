using System.Net;
using System.Text.Json;
using CarrierSim.Core.Chaos;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;

namespace CarrierSim.Server.Tests.Dialects;

public sealed class IdentityCallTests : IAsyncLifetime
{
    private const string Base = "api/v1/public/virtual_numbers";

    // Declared keys of the account "acme": account-wide with every permission, read-only,
    // write-only, and two project-scoped keys.
    private static readonly string AcmeKey = Key("acmeall");
    private static readonly string AcmeReadKey = Key("acmeread");
    private static readonly string AcmeWriteKey = Key("acmewrite");
    private static readonly string ProjectAKey = Key("projecta");
    private static readonly string ProjectBKey = Key("projectb");

    // The account "restricted": only US enabled for purchase, KYC pending for GB.
    private static readonly string RestrictedKey = Key("restricted");

    private TestSimulator _sim = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _sim = await TestSimulator.StartAsync(new Dictionary<string, string?>
        {
            ["CarrierSim:Accounts:0:Dialect"] = "identitycall",
            ["CarrierSim:Accounts:0:Id"] = "acme",
            ["CarrierSim:Accounts:0:Keys:0:Key"] = AcmeKey,
            ["CarrierSim:Accounts:0:Keys:1:Key"] = AcmeReadKey,
            ["CarrierSim:Accounts:0:Keys:1:Scopes:0"] = "read",
            ["CarrierSim:Accounts:0:Keys:2:Key"] = AcmeWriteKey,
            ["CarrierSim:Accounts:0:Keys:2:Scopes:0"] = "write",
            ["CarrierSim:Accounts:0:Keys:3:Key"] = ProjectAKey,
            ["CarrierSim:Accounts:0:Keys:3:Project"] = "project-a",
            ["CarrierSim:Accounts:0:Keys:4:Key"] = ProjectBKey,
            ["CarrierSim:Accounts:0:Keys:4:Project"] = "project-b",
            ["CarrierSim:Accounts:1:Dialect"] = "identitycall",
            ["CarrierSim:Accounts:1:Id"] = "restricted",
            ["CarrierSim:Accounts:1:EnabledCountries:0"] = "US",
            ["CarrierSim:Accounts:1:EnabledCountries:1"] = "GB",
            ["CarrierSim:Accounts:1:KycPendingCountries:0"] = "GB",
            ["CarrierSim:Accounts:1:Keys:0:Key"] = RestrictedKey,
        });
        _client = _sim.IdentityCall();
    }

    public async ValueTask DisposeAsync() => await _sim.DisposeAsync();

    /// <summary>A well-formed key: idc_ and 32 alphanumerics.</summary>
    private static string Key(string name) => "idc_" + name.PadRight(32, '0');

    private async Task<JsonElement[]> SearchAsync(string query = "", HttpClient? client = null)
    {
        var json = await (await (client ?? _client).Get($"{Base}/available?{query}")).JsonAsync(200);
        Assert.Single(json.EnumerateObject());
        return [.. json.GetProperty("data").EnumerateArray()];
    }

    private async Task<string[]> SearchNumbersAsync(string query = "", HttpClient? client = null) =>
        [.. (await SearchAsync(query, client)).Select(n => n.GetProperty("phone_number").GetString()!)];

    private async Task<JsonElement> PurchaseAsync(object body, int status = 201, HttpClient? client = null) =>
        await (await (client ?? _client).PostJsonAsync($"{Base}/purchase", body)).JsonAsync(status);

    private async Task<long[]> ListIdsAsync(HttpClient client)
    {
        var json = await (await client.Get(Base)).JsonAsync(200);
        return [.. json.GetProperty("data").EnumerateArray().Select(n => n.GetProperty("id").GetInt64())];
    }

    private static string ErrorOf(JsonElement json)
    {
        Assert.Equal(["error"], json.EnumerateObject().Select(p => p.Name));
        var message = json.GetProperty("error").GetString();
        Assert.False(string.IsNullOrWhiteSpace(message));
        return message!;
    }

    // --- search ---

    [Fact]
    public async Task SearchDefaultsToTenUsMobileNumbersInTheSeedShape()
    {
        var data = await SearchAsync();

        Assert.Equal(10, data.Length);
        foreach (var n in data)
        {
            Assert.Equal(
                ["country_code", "features", "monthly_cost", "number_type", "phone_number", "region_information", "upfront_cost"],
                n.EnumerateObject().Select(p => p.Name).Order());
            var number = PhoneNumber.Parse(n.GetProperty("phone_number").GetString());
            Assert.True(number.Success && number.Value.IsNanp && !number.Value.IsTollFree, n.ToString());
            Assert.Equal("US", n.GetProperty("country_code").GetString());
            Assert.Equal("mobile", n.GetProperty("number_type").GetString());
            Assert.Equal("1.00", n.GetProperty("upfront_cost").GetString());
            Assert.Equal("1.00", n.GetProperty("monthly_cost").GetString());
            Assert.Subset(new HashSet<string> { "sms", "voice", "mms" }, n.GetProperty("features").EnumerateArray().Select(f => f.GetString()!).ToHashSet());
            Assert.Contains("voice", n.GetProperty("features").EnumerateArray().Select(f => f.GetString()));
            var region = Assert.Single(n.GetProperty("region_information").EnumerateArray());
            Assert.Equal("state", region.GetProperty("region_type").GetString());
            Assert.Matches("^[A-Z]{2}$", region.GetProperty("region_name").GetString());
        }
    }

    [Fact]
    public async Task UsLocalSearchUsesTheSameGeographicPoolAsMobile()
    {
        var local = await SearchAsync("country=US&number_type=local");

        Assert.Equal(10, local.Length);
        Assert.All(local, n => Assert.Equal("local", n.GetProperty("number_type").GetString()));
        var details = local.Select(n => _sim.Simulation.Inventory.Describe(PhoneNumber.Parse(n.GetProperty("phone_number").GetString()).Value)).ToList();
        Assert.All(details, d => Assert.Equal(NumberType.Local, d!.Type));
        Assert.All(local, n => Assert.Equal(_sim.Simulation.Inventory.Describe(PhoneNumber.Parse(n.GetProperty("phone_number").GetString()).Value)!.Region,
            n.GetProperty("region_information")[0].GetProperty("region_name").GetString()));
    }

    [Fact]
    public async Task UsTollFreeSearchReturnsTollFreeNumbersWithCountryRegion()
    {
        var data = await SearchAsync("number_type=toll-free");

        Assert.NotEmpty(data);
        Assert.All(data, n =>
        {
            Assert.True(PhoneNumber.Parse(n.GetProperty("phone_number").GetString()).Value.IsTollFree);
            Assert.Equal("toll-free", n.GetProperty("number_type").GetString());
            Assert.Equal("2.00", n.GetProperty("monthly_cost").GetString());
            Assert.Equal(["sms", "voice"], n.GetProperty("features").EnumerateArray().Select(f => f.GetString()));
            var region = Assert.Single(n.GetProperty("region_information").EnumerateArray());
            Assert.Equal("country", region.GetProperty("region_type").GetString());
            Assert.Equal("US", region.GetProperty("region_name").GetString());
        });
    }

    [Theory]
    [InlineData("CA", "+1")]
    [InlineData("gb", "+44")]
    [InlineData("In", "+91")]
    [InlineData("de", "+49")]
    [InlineData("FR", "+33")]
    [InlineData("au", "+61")]
    public async Task SearchCoversEveryOfferedCountryCaseInsensitively(string country, string callingCode)
    {
        var data = await SearchAsync($"country={country}");

        Assert.NotEmpty(data);
        Assert.All(data, n =>
        {
            Assert.StartsWith(callingCode, n.GetProperty("phone_number").GetString());
            Assert.Equal(country.ToUpperInvariant(), n.GetProperty("country_code").GetString());
            Assert.Equal("mobile", n.GetProperty("number_type").GetString());
            Assert.Matches(@"^\d+\.\d{2}$", n.GetProperty("upfront_cost").GetString());
            Assert.NotEmpty(n.GetProperty("region_information").EnumerateArray());
        });
    }

    [Fact]
    public async Task InternationalLocalNumbersCarryTheCatalogsRegion()
    {
        var data = await SearchAsync("country=GB&number_type=local");

        Assert.NotEmpty(data);
        foreach (var n in data)
        {
            var details = _sim.Simulation.Inventory.Describe(PhoneNumber.Parse(n.GetProperty("phone_number").GetString()).Value)!;
            var regions = n.GetProperty("region_information").EnumerateArray().ToList();
            if (details.Locality.Length == 0)
            {
                Assert.Equal("country", Assert.Single(regions).GetProperty("region_type").GetString());
            }
            else
            {
                Assert.Equal("city", regions[0].GetProperty("region_type").GetString());
                Assert.StartsWith(regions[0].GetProperty("region_name").GetString()!, details.Locality);
            }

            Assert.Equal(["voice"], n.GetProperty("features").EnumerateArray().Select(f => f.GetString()));
        }
    }

    [Theory]
    [InlineData("US", "Raleigh", "NC", "state:NC")]
    [InlineData("US", "", "", "country:US")]
    [InlineData("CA", "Quebec", "", "state:QC")]
    [InlineData("CA", "British Colombia", "", "state:BC")]
    [InlineData("CA", "Nova Scotia/Prince Edward Island", "", "state:NS,state:PE")]
    [InlineData("CA", "Montreal, QC", "", "city:Montreal,state:QC")]
    [InlineData("AU", "New South Wales", "", "state:NSW")]
    [InlineData("AU", "Sydney", "", "city:Sydney")]
    [InlineData("IN", "Kolkata, West Bengal", "", "city:Kolkata,state:West Bengal")]
    [InlineData("GB", "Holmes Chapel", "", "city:Holmes Chapel")]
    [InlineData("GB", "", "", "country:GB")]
    public void RegionInformationComesFromTheCatalogsLocality(string country, string locality, string region, string expected)
    {
        var details = new NumberDetails(PhoneNumber.Parse("+19194601234").Value, country, NumberType.Local, locality, region, null);

        var regions = Server.Dialects.IdentityCall.IdentityCallProvider.Regions(details);

        Assert.Equal(expected, string.Join(',', regions.Select(r => $"{r.RegionType}:{r.RegionName}")));
    }

    [Fact]
    public async Task SearchIsDeterministicAndNeverOffersABoughtNumber()
    {
        var first = await SearchAsync("number_type=local");
        var again = await SearchAsync("number_type=local");
        Assert.Equal(first.Select(n => n.ToString()), again.Select(n => n.ToString()));

        var bought = first[0].GetProperty("phone_number").GetString();
        await PurchaseAsync(new { phone_number = bought });

        Assert.DoesNotContain(bought, await SearchNumbersAsync("number_type=local"));
        Assert.DoesNotContain(bought, await SearchNumbersAsync("number_type=mobile"));
    }

    [Fact]
    public async Task EmptyParametersTakeTheDefaults()
    {
        Assert.Equal(await SearchNumbersAsync(), await SearchNumbersAsync("country=&number_type="));
    }

    [Theory]
    [InlineData("country=USA", "alpha-2")]
    [InlineData("country=1", "alpha-2")]
    [InlineData("country=U5", "alpha-2")]
    [InlineData("country=US&country=GB", "alpha-2")]
    [InlineData("number_type=toll_free", "toll-free")]
    [InlineData("number_type=cell", "mobile, local, toll-free or national")]
    public async Task MalformedSearchGets422SayingWhatIsAccepted(string query, string hint)
    {
        var json = await (await _client.Get($"{Base}/available?{query}")).JsonAsync(422);

        Assert.Contains(hint, ErrorOf(json));
    }

    [Fact]
    public async Task CountryTheProviderDoesNotOfferGets422ListingTheOfferedOnes()
    {
        var json = await (await _client.Get($"{Base}/available?country=jp")).JsonAsync(422);

        var message = ErrorOf(json);
        Assert.Contains("JP", message);
        foreach (var country in new[] { "US", "CA", "GB", "IN", "DE", "FR", "AU" })
        {
            Assert.Contains(country, message);
        }
    }

    [Fact]
    public async Task NumberTypeTheCountryLacksGets422ListingItsTypes()
    {
        var json = await (await _client.Get($"{Base}/available?country=US&number_type=national")).JsonAsync(422);

        var message = ErrorOf(json);
        Assert.Contains("national", message);
        Assert.Contains("toll-free", message);
    }

    [Fact]
    public async Task ProjectScopedKeyMaySearch()
    {
        Assert.Equal(await SearchNumbersAsync(), await SearchNumbersAsync(client: _sim.IdentityCall(ProjectAKey)));
    }

    // --- purchase ---

    [Fact]
    public async Task PurchaseReturns201WithTheDocumentedRecordAndIsActiveAtOnce()
    {
        var number = (await SearchNumbersAsync())[0];

        var json = await PurchaseAsync(new { phone_number = number });

        var data = json.GetProperty("data");
        Assert.Single(json.EnumerateObject());
        Assert.Equal(
            ["active", "ai_receptionist_enabled", "country_code", "id", "name", "operators", "operators_count", "phone_number"],
            data.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(JsonValueKind.Number, data.GetProperty("id").ValueKind);
        Assert.True(data.GetProperty("id").GetInt64() > 0);
        Assert.Equal(number, data.GetProperty("phone_number").GetString());
        Assert.Equal(number, data.GetProperty("name").GetString());
        Assert.Equal("US", data.GetProperty("country_code").GetString());
        Assert.True(data.GetProperty("active").GetBoolean());
        Assert.False(data.GetProperty("ai_receptionist_enabled").GetBoolean());
        Assert.Empty(data.GetProperty("operators").EnumerateArray());
        Assert.Equal(0, data.GetProperty("operators_count").GetInt32());
        var status = _sim.Simulation.Inventory.GetStatus(PhoneNumber.Parse(number).Value);
        Assert.Equal(NumberState.Owned, status.State);
    }

    [Fact]
    public async Task PurchaseEchoingTheSearchResultKeepsNameAndCountry()
    {
        var candidate = (await SearchAsync("country=GB&number_type=mobile"))[0];

        var json = await PurchaseAsync(new
        {
            phone_number = candidate.GetProperty("phone_number").GetString(),
            country_code = "gb",
            number_type = candidate.GetProperty("number_type").GetString(),
            name = "UK Support",
            requirement_group_id = 12,
            upfront_cost = candidate.GetProperty("upfront_cost").GetString(),
            monthly_cost = 3.0,
        });

        Assert.Equal("UK Support", json.GetProperty("data").GetProperty("name").GetString());
        Assert.Equal("GB", json.GetProperty("data").GetProperty("country_code").GetString());
    }

    [Fact]
    public async Task CanadianNumberCanBePurchased()
    {
        var number = (await SearchNumbersAsync("country=CA&number_type=local"))[0];
        Assert.NotNull(_sim.Simulation.Inventory.Describe(PhoneNumber.Parse(number).Value));

        var json = await PurchaseAsync(new { phone_number = number, country_code = "CA", number_type = "mobile" });

        Assert.Equal("CA", json.GetProperty("data").GetProperty("country_code").GetString());
    }

    [Fact]
    public async Task UsNumberMayBeBoughtAsLocalOrMobile()
    {
        var numbers = await SearchNumbersAsync();

        await PurchaseAsync(new { phone_number = numbers[0], number_type = "mobile", country_code = "US" });
        await PurchaseAsync(new { phone_number = numbers[1], number_type = "local" });
        var wrong = await PurchaseAsync(new { phone_number = numbers[2], number_type = "toll-free" }, 422);
        var otherCountry = await PurchaseAsync(new { phone_number = numbers[3], country_code = "GB" }, 422);

        Assert.Contains("omit them", ErrorOf(wrong));
        Assert.Contains("not GB", ErrorOf(otherCountry));
    }

    [Fact]
    public async Task PurchasedNumbersAppearInListAndGetInTheDocumentedShapes()
    {
        var numbers = await SearchNumbersAsync();
        var first = (await PurchaseAsync(new { phone_number = numbers[0], name = "US Sales Line" })).GetProperty("data");
        var second = (await PurchaseAsync(new { phone_number = numbers[1] })).GetProperty("data");

        var list = await (await _client.Get(Base)).JsonAsync(200);
        var detail = await (await _client.Get($"{Base}/{first.GetProperty("id").GetInt64()}")).JsonAsync(200);

        Assert.Single(list.EnumerateObject());
        Assert.Equal([first.ToString(), second.ToString()], list.GetProperty("data").EnumerateArray().Select(n => n.ToString()));
        var d = detail.GetProperty("data");
        Assert.Equal(
            ["active", "ai_receptionist_enabled", "available_operators", "country_code", "id", "name", "operators", "phone_number", "recent_calls", "recording", "routing_strategy", "stats"],
            d.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("US Sales Line", d.GetProperty("name").GetString());
        Assert.Equal(numbers[0], d.GetProperty("phone_number").GetString());
        Assert.True(d.GetProperty("recording").GetBoolean());
        Assert.Equal("priority", d.GetProperty("routing_strategy").GetString());
        Assert.Equal(
            ["answered_calls", "average_duration_seconds", "missed_calls", "total_calls"],
            d.GetProperty("stats").EnumerateObject().Select(p => p.Name).Order());
        Assert.All(d.GetProperty("stats").EnumerateObject(), p => Assert.Equal(0, p.Value.GetInt32()));
        Assert.Empty(d.GetProperty("recent_calls").EnumerateArray());
    }

    [Fact]
    public async Task PurchaseOfANumberAnotherAccountBoughtGets422()
    {
        var number = (await SearchNumbersAsync())[0];
        await PurchaseAsync(new { phone_number = number }, client: _sim.IdentityCall(Key("someoneelse")));

        var json = await PurchaseAsync(new { phone_number = number }, 422);

        Assert.Contains("no longer available", ErrorOf(json));
        Assert.Empty(await ListIdsAsync(_client));
    }

    [Fact]
    public async Task ANumberBoughtThroughAnotherDialectIsGoneHere()
    {
        var number = (await SearchNumbersAsync("number_type=local"))[0];
        var order = await _sim.DialStack().PostJsonAsync("v1/phone-number-orders", new { phone_numbers = new[] { number } });
        Assert.Equal(HttpStatusCode.Created, order.StatusCode);

        await PurchaseAsync(new { phone_number = number }, 422);
        Assert.DoesNotContain(number, await SearchNumbersAsync("number_type=local"));
    }

    [Fact]
    public async Task NumberTakenBetweenSearchAndPurchaseGets422()
    {
        var number = (await SearchNumbersAsync())[0];
        _sim.Simulation.Inventory.TakeByCompetitor([PhoneNumber.Parse(number).Value]);

        var json = await PurchaseAsync(new { phone_number = number }, 422);

        Assert.Contains("search again", ErrorOf(json));
    }

    [Fact]
    public async Task MagicTakenNumberGets422WithNoSetUp()
    {
        var json = await PurchaseAsync(new { phone_number = "+19195550140" }, 422);

        Assert.Contains("no longer available", ErrorOf(json));
    }

    [Fact]
    public async Task RaceForcedByTheChaosHeaderGets422()
    {
        var number = (await SearchNumbersAsync())[0];
        var client = _sim.IdentityCall();
        client.DefaultRequestHeaders.Add(ChaosOverride.Header, "race");

        var json = await PurchaseAsync(new { phone_number = number }, 422, client);

        Assert.Contains("no longer available", ErrorOf(json));
    }

    [Fact]
    public async Task ChaosOutcomeTargetsTheOperationAndAccountInTheEnvelope()
    {
        _sim.Simulation.Chaos.Upsert(new OutcomeRule
        {
            Name = "acme-purchase-503",
            StatusCode = 503,
            Target = new ChaosTarget { Dialect = "identitycall", Operation = "identitycall.purchaseNumber", Account = "acme" },
        });
        var numbers = await SearchNumbersAsync(client: _sim.IdentityCall(AcmeKey));

        var failed = await PurchaseAsync(new { phone_number = numbers[0] }, 503, _sim.IdentityCall(AcmeKey));
        await PurchaseAsync(new { phone_number = numbers[0] }, 201, _sim.IdentityCall(Key("bystander")));

        ErrorOf(failed);
    }

    [Fact]
    public async Task BuyingTheSameNumberTwiceGets422NamingTheRecord()
    {
        var number = (await SearchNumbersAsync())[0];
        var id = (await PurchaseAsync(new { phone_number = number })).GetProperty("data").GetProperty("id").GetInt64();

        var json = await PurchaseAsync(new { phone_number = number }, 422);

        Assert.Contains($"id {id}", ErrorOf(json));
        Assert.Equal([id], await ListIdsAsync(_client));
    }

    [Fact]
    public async Task NumberOutsideTheProvidersInventoryGets422()
    {
        Assert.Null(_sim.Simulation.Inventory.Describe(PhoneNumber.Parse("+37120000000").Value));

        var json = await PurchaseAsync(new { phone_number = "+37120000000" }, 422);

        Assert.Contains("/available", ErrorOf(json));
    }

    [Theory]
    [InlineData("{}", "phone_number is required")]
    [InlineData("""{"phone_number":""}""", "phone_number is required")]
    [InlineData("""{"phone_number":null}""", "phone_number is required")]
    [InlineData("""{"phone_number":"9194601234"}""", "E.164")]
    [InlineData("""{"phone_number":"+1919460123x"}""", "E.164")]
    [InlineData("""{"phone_number":19194601234}""", "phone_number")]
    [InlineData("""{"phone_number":"+19194601234","colour":"red"}""", "colour")]
    [InlineData("""{"phone_number":"+19194601234","country_code":"USA"}""", "country_code")]
    [InlineData("""{"phone_number":"+19194601234","number_type":"cell"}""", "number_type")]
    [InlineData("""{"phone_number":"+19194601234","name":"  "}""", "name")]
    [InlineData("""{"phone_number":"+19194601234","requirement_group_id":true}""", "requirement_group_id")]
    [InlineData("""{"phone_number":"+19194601234","requirement_group_id":"rg-1"}""", "requirement_group_id")]
    [InlineData("""{"phone_number":"+19194601234","country_code":2}""", "country_code")]
    [InlineData("""{"phone_number":"+19194601234","upfront_cost":"one dollar"}""", "upfront_cost")]
    [InlineData("""{"phone_number":"+19194601234","monthly_cost":[1]}""", "monthly_cost")]
    public async Task InvalidPurchaseBodyGets422NamingTheField(string body, string fragment)
    {
        var json = await (await _client.PostRawAsync($"{Base}/purchase", body)).JsonAsync(422);

        Assert.Contains(fragment, ErrorOf(json));
    }

    [Fact]
    public async Task OverlongNameGets422()
    {
        var number = (await SearchNumbersAsync())[0];

        var json = await PurchaseAsync(new { phone_number = number, name = new string('n', 256) }, 422);

        Assert.Contains("255", ErrorOf(json));
        await PurchaseAsync(new { phone_number = number, name = new string('n', 255) });
    }

    [Theory]
    [InlineData("""{"phone_number":""", "not valid JSON")]
    [InlineData("""["+19194601234"]""", "JSON")]
    [InlineData("null", "not null")]
    [InlineData("", "empty")]
    public async Task UnreadableBodyGets400(string body, string fragment)
    {
        var json = await (await _client.PostRawAsync($"{Base}/purchase", body)).JsonAsync(400);

        Assert.Contains(fragment, ErrorOf(json));
    }

    [Fact]
    public async Task OversizedBodyGets413InTheEnvelope()
    {
        var body = $$"""{"phone_number":"+19194601234","name":"{{new string('n', 70_000)}}"}""";

        var json = await (await _client.PostRawAsync($"{Base}/purchase", body)).JsonAsync(413);

        Assert.Contains("64 KiB", ErrorOf(json));
    }

    [Fact]
    public async Task ConcurrentPurchasesOfOneNumberSellItOnce()
    {
        var number = (await SearchNumbersAsync())[0];

        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            _sim.IdentityCall(Key($"racer{i}")).PostJsonAsync($"{Base}/purchase", new { phone_number = number })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(15, responses.Count(r => (int)r.StatusCode == 422));
    }

    [Fact]
    public async Task AccountSettingsGatePurchaseButNotSearch()
    {
        var restricted = _sim.IdentityCall(RestrictedKey);
        var de = (await SearchNumbersAsync("country=DE", restricted))[0];
        var gb = (await SearchNumbersAsync("country=GB", restricted))[0];
        var us = (await SearchNumbersAsync("", restricted))[0];

        var notEnabled = await PurchaseAsync(new { phone_number = de }, 422, restricted);
        var kyc = await PurchaseAsync(new { phone_number = gb }, 422, restricted);
        await PurchaseAsync(new { phone_number = us }, 201, restricted);

        Assert.Contains("not enabled", ErrorOf(notEnabled));
        Assert.StartsWith("Requirement", ErrorOf(kyc));
        Assert.Equal(NumberState.Available, _sim.Simulation.Inventory.GetStatus(PhoneNumber.Parse(gb).Value).State);
    }

    // --- list and get ---

    [Fact]
    public async Task ListIsEmptyForAFreshAccount()
    {
        var json = await (await _client.Get(Base)).JsonAsync(200);

        Assert.Empty(json.GetProperty("data").EnumerateArray());
    }

    [Theory]
    [InlineData("999999")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("1.5")]
    public async Task GetOfAnUnknownIdGets404(string id)
    {
        var json = await (await _client.Get($"{Base}/{id}")).JsonAsync(404);

        Assert.StartsWith("Resource not found", ErrorOf(json));
    }

    [Fact]
    public async Task TenantsNeverSeeEachOthersNumbers()
    {
        var number = (await SearchNumbersAsync())[0];
        var id = (await PurchaseAsync(new { phone_number = number })).GetProperty("data").GetProperty("id").GetInt64();
        var other = _sim.IdentityCall(Key("othertenant"));

        Assert.Empty(await ListIdsAsync(other));
        await (await other.Get($"{Base}/{id}")).JsonAsync(404);
        Assert.Empty(await ListIdsAsync(_sim.IdentityCall(AcmeKey)));
    }

    [Fact]
    public async Task DeclaredKeysOfOneAccountShareItsNumbers()
    {
        var number = (await SearchNumbersAsync())[0];
        var id = (await PurchaseAsync(new { phone_number = number }, client: _sim.IdentityCall(AcmeWriteKey))).GetProperty("data").GetProperty("id").GetInt64();

        Assert.Equal([id], await ListIdsAsync(_sim.IdentityCall(AcmeReadKey)));
        Assert.Equal([id], await ListIdsAsync(_sim.IdentityCall(AcmeKey)));
        await (await _sim.IdentityCall(AcmeReadKey).Get($"{Base}/{id}")).JsonAsync(200);
    }

    [Fact]
    public async Task ProjectScopedKeysSeeOnlyTheirProjectAndGet404Outside()
    {
        var numbers = await SearchNumbersAsync();
        var projectA = _sim.IdentityCall(ProjectAKey);
        var projectB = _sim.IdentityCall(ProjectBKey);
        var accountWide = _sim.IdentityCall(AcmeKey);
        var inA = (await PurchaseAsync(new { phone_number = numbers[0] }, client: projectA)).GetProperty("data").GetProperty("id").GetInt64();
        var inB = (await PurchaseAsync(new { phone_number = numbers[1] }, client: projectB)).GetProperty("data").GetProperty("id").GetInt64();
        var noProject = (await PurchaseAsync(new { phone_number = numbers[2] }, client: accountWide)).GetProperty("data").GetProperty("id").GetInt64();

        Assert.Equal([inA], await ListIdsAsync(projectA));
        Assert.Equal([inB], await ListIdsAsync(projectB));
        Assert.Equal([inA, inB, noProject], await ListIdsAsync(accountWide));
        await (await projectA.Get($"{Base}/{inA}")).JsonAsync(200);
        await (await projectA.Get($"{Base}/{inB}")).JsonAsync(404);
        await (await projectA.Get($"{Base}/{noProject}")).JsonAsync(404);
        await (await accountWide.Get($"{Base}/{inB}")).JsonAsync(200);
    }

    [Fact]
    public async Task NumbersTheInventoryGivesOrTakesAwayShowInTheList()
    {
        var numbers = (await SearchNumbersAsync()).Select(n => PhoneNumber.Parse(n).Value).ToArray();
        var owner = _sim.Simulation.Accounts.Resolve("identitycall", "acme").Owner;
        var bought = (await PurchaseAsync(new { phone_number = numbers[0].ToString() }, client: _sim.IdentityCall(AcmeKey))).GetProperty("data").GetProperty("id").GetInt64();

        _sim.Simulation.Inventory.Force(numbers[1], NumberStatus.OwnedBy(owner));
        _sim.Simulation.Inventory.Force(numbers[0], NumberStatus.Available);
        var list = await (await _sim.IdentityCall(AcmeKey).Get(Base)).JsonAsync(200);

        var adopted = Assert.Single(list.GetProperty("data").EnumerateArray());
        Assert.Equal(numbers[1].ToString(), adopted.GetProperty("phone_number").GetString());
        await (await _sim.IdentityCall(AcmeKey).Get($"{Base}/{bought}")).JsonAsync(404);
        Assert.Empty(await ListIdsAsync(_sim.IdentityCall(ProjectAKey)));

        var rebought = (await PurchaseAsync(new { phone_number = numbers[0].ToString() }, client: _sim.IdentityCall(AcmeKey))).GetProperty("data").GetProperty("id").GetInt64();
        Assert.NotEqual(bought, rebought);
        await (await _sim.IdentityCall(AcmeKey).Get($"{Base}/{bought}")).JsonAsync(404);
        await (await _sim.IdentityCall(AcmeKey).Get($"{Base}/{rebought}")).JsonAsync(200);
    }

    [Fact]
    public async Task ResetForgetsNumbersAndRestartsIds()
    {
        var numbers = await SearchNumbersAsync();
        await PurchaseAsync(new { phone_number = numbers[0] });
        await PurchaseAsync(new { phone_number = numbers[1] });

        _sim.Simulation.Reset();
        var after = (await PurchaseAsync(new { phone_number = numbers[1] })).GetProperty("data").GetProperty("id").GetInt64();

        Assert.Equal(1, after);
        Assert.Equal(new long[] { 1 }, await ListIdsAsync(_client));
    }

    // --- auth, permissions, unknown paths ---

    [Theory]
    [InlineData(null)]
    [InlineData("idc_short")]
    [InlineData("idc_0123456789abcdefghijklmnopqrstu")]
    [InlineData("idc_0123456789abcdefghijklmnopqrstuvw")]
    [InlineData("idc_0123456789abcdefghijklmnopqrst-v")]
    [InlineData("sk_0123456789abcdefghijklmnopqrstuv")]
    public async Task MissingOrMalformedKeyGets401(string? key)
    {
        var client = key is null ? _sim.Anonymous("identitycall") : _sim.IdentityCall(key);

        foreach (var response in new[] { await client.Get($"{Base}/available"), await client.Get(Base), await client.PostJsonAsync($"{Base}/purchase", new { phone_number = "+19194601234" }) })
        {
            var json = await response.JsonAsync(401);
            Assert.StartsWith("Invalid or expired API key", ErrorOf(json));
            Assert.Contains("idc_", ErrorOf(json));
        }
    }

    [Fact]
    public async Task NonBearerSchemeGets401()
    {
        var client = _sim.Anonymous("identitycall");
        client.DefaultRequestHeaders.Authorization = new("Basic", "idc_0123456789abcdefghijklmnopqrstuv");

        await (await client.Get(Base)).JsonAsync(401);
    }

    [Fact]
    public async Task ReadOnlyKeyCannotPurchase()
    {
        var number = (await SearchNumbersAsync(client: _sim.IdentityCall(AcmeReadKey)))[0];

        var json = await PurchaseAsync(new { phone_number = number }, 403, _sim.IdentityCall(AcmeReadKey));

        Assert.StartsWith("Write permission required", ErrorOf(json));
        Assert.Equal(NumberState.Available, _sim.Simulation.Inventory.GetStatus(PhoneNumber.Parse(number).Value).State);
    }

    [Fact]
    public async Task WriteOnlyKeyCannotReadAndGets403NotAnyLeak()
    {
        var writer = _sim.IdentityCall(AcmeWriteKey);
        var number = (await SearchNumbersAsync())[0];
        var id = (await PurchaseAsync(new { phone_number = number }, client: writer)).GetProperty("data").GetProperty("id").GetInt64();

        foreach (var path in new[] { $"{Base}/available", Base, $"{Base}/{id}", $"{Base}/999" })
        {
            var json = await (await writer.Get(path)).JsonAsync(403);
            Assert.StartsWith("Read permission required", ErrorOf(json));
        }
    }

    [Theory]
    [InlineData("GET", "api/v1/public/operators")]
    [InlineData("GET", "api/v2/public/virtual_numbers")]
    [InlineData("POST", "api/v1/public/virtual_numbers")]
    [InlineData("PATCH", "api/v1/public/virtual_numbers/1")]
    [InlineData("DELETE", "api/v1/public/virtual_numbers/1")]
    [InlineData("POST", "api/v1/public/virtual_numbers/1/add_operator")]
    [InlineData("POST", "api/v1/public/virtual_numbers/available")]
    public async Task PathsThatAreNotEmulatedGet404InTheEnvelope(string method, string path)
    {
        var response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), TestContext.Current.CancellationToken);

        var json = await response.JsonAsync(404);
        Assert.Contains("does not emulate", ErrorOf(json));
    }

    // --- the one order path (issue 9): purchases are immediate orders of the order book ---

    private async Task RuleAsync(object rule) => await (await _sim.Admin().PostJsonAsync("chaos/rules", rule)).JsonAsync(201);

    [Fact]
    public async Task FulfilmentFailureRuleFailsThePurchaseWithTheVendorsErrorAndOwnsNothing()
    {
        var number = (await SearchNumbersAsync("number_type=local"))[0];
        await RuleAsync(new { name = "fail", kind = "fulfilmentFailure", target = new { dialect = "identitycall" } });

        var message = ErrorOf(await PurchaseAsync(new { phone_number = number }, 422));

        Assert.Contains("rejected it at fulfilment", message, StringComparison.Ordinal);
        Assert.Empty(await ListIdsAsync(_client));
        Assert.Equal(NumberState.Available, _sim.Simulation.Inventory.GetStatus(PhoneNumber.Parse(number).Value).State);
        var injections = (await (await _sim.Admin().Get("chaos/injections")).JsonAsync(200)).EnumerateArray().Select(i => i.ToString()).ToList();
        Assert.Contains(injections, i => i.Contains("identitycall.purchaseNumber", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("+12125550155")]
    [InlineData("+19195550150")]
    [InlineData("+19195550175")]
    public async Task MagicFailingNumbersFailThePurchase(string number)
    {
        var message = ErrorOf(await PurchaseAsync(new { phone_number = number, number_type = "local" }, 422));

        Assert.Contains("rejected it at fulfilment", message, StringComparison.Ordinal);
        Assert.Empty(await ListIdsAsync(_client));
        Assert.NotEqual(NumberState.Owned, _sim.Simulation.Inventory.GetStatus(PhoneNumber.Parse(number).Value).State);
    }

    [Fact]
    public async Task MagicAvailableNumberIsBought()
    {
        var json = await PurchaseAsync(new { phone_number = "+12125550135", number_type = "local" });

        Assert.Equal("+12125550135", json.GetProperty("data").GetProperty("phone_number").GetString());
        Assert.Single(await ListIdsAsync(_client));
    }

    [Fact]
    public async Task PurchaseIsAnImmediateOrderOfTheOrderBook()
    {
        var number = (await SearchNumbersAsync("number_type=local"))[0];

        await PurchaseAsync(new { phone_number = number });

        var order = Assert.Single(_sim.Simulation.Orders.All());
        Assert.Equal("identitycall", order.Origin);
        Assert.Equal(CarrierSim.Core.Orders.OrderStatus.Complete, order.Status);
    }

    [Theory]
    [InlineData("""{"phone_number":""", "application/json", 400)]
    [InlineData("""{"phone_number":"+19194601234"}""", "text/plain", 415)]
    [InlineData("phone_number=%2B19194601234", "application/x-www-form-urlencoded", 415)]
    [InlineData("", "application/json", 400)]
    public async Task UnreadableBodiesGetTheErrorEnvelope(string body, string contentType, int status)
    {
        var response = await _client.PostAsync($"{Base}/purchase", new StringContent(body, System.Text.Encoding.UTF8, contentType), TestContext.Current.CancellationToken);

        ErrorOf(await response.JsonAsync(status));
    }
}
