using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CarrierSim.Core.Chaos;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Core.Orders;

namespace CarrierSim.Server.Tests.Dialects;

public sealed class TelnyxTests : IAsyncLifetime
{
    private const string Search = "v2/available_phone_numbers";

    private TestSimulator _sim = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _sim = await TestSimulator.StartAsync();
        _client = Client("KEY0alice_test");
    }

    public async ValueTask DisposeAsync() => await _sim.DisposeAsync();

    private HttpClient Client(string key)
    {
        var client = _sim.Anonymous("telnyx");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private async Task<JsonElement[]> SearchAsync(string query, HttpClient? client = null)
    {
        var json = await (await (client ?? _client).Get($"{Search}?{query}")).JsonAsync(200);
        Assert.Equal(json.GetProperty("data").GetArrayLength(), json.GetProperty("metadata").GetProperty("total_results").GetInt32());
        Assert.Equal(json.GetProperty("meta").GetRawText(), json.GetProperty("metadata").GetRawText());
        return [.. json.GetProperty("data").EnumerateArray()];
    }

    private async Task<string[]> NumbersAsync(string query, HttpClient? client = null) =>
        [.. (await SearchAsync(query, client)).Select(n => n.GetProperty("phone_number").GetString()!)];

    private static string? Region(JsonElement number, string type) =>
        number.GetProperty("region_information").EnumerateArray().Where(r => r.GetProperty("region_type").GetString() == type)
            .Select(r => r.GetProperty("region_name").GetString()).SingleOrDefault();

    private static JsonElement AssertError(JsonElement json, string code, string fragment)
    {
        Assert.Equal(["errors"], json.EnumerateObject().Select(p => p.Name));
        var error = Assert.Single(json.GetProperty("errors").EnumerateArray());
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("title").GetString()));
        Assert.Contains(fragment, error.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal($"https://developers.telnyx.com/docs/overview/errors/{code}", error.GetProperty("meta").GetProperty("url").GetString());
        return error;
    }

    private Task<HttpResponseMessage> OrderAsync(HttpClient client, params string[] numbers) =>
        client.PostJsonAsync("v2/number_orders", new { phone_numbers = numbers.Select(n => new { phone_number = n }).ToArray() });

    private Task<HttpResponseMessage> ReserveAsync(HttpClient client, params string[] numbers) =>
        client.PostJsonAsync("v2/number_reservations", new { phone_numbers = numbers.Select(n => new { phone_number = n }).ToArray(), customer_reference = "ref-1" });

    private async Task<List<string>> AvailableAsync(int count, string areaCode = "919") =>
        [.. (await NumbersAsync($"filter[national_destination_code]={areaCode}&filter[limit]={count}")).Take(count)];

    private NumberStatus Status(string number) => _sim.Simulation.Inventory.GetStatus(PhoneNumber.Parse(number).Value);

    private async Task<JsonElement> BuyAsync(string number)
    {
        await (await OrderAsync(_client, number)).JsonAsync(200);
        _sim.Time.Advance(TimeSpan.FromSeconds(5));
        var list = await (await _client.Get($"v2/phone_numbers?filter[phone_number]={number.TrimStart('+')}")).JsonAsync(200);
        return Assert.Single(list.GetProperty("data").EnumerateArray());
    }

    // ---- auth ----

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer")]
    [InlineData("Bearer sk_test_abc")]
    [InlineData("Bearer KEY")]
    [InlineData("Basic S0VZMTIzNDU6eA==")]
    public async Task MissingOrMalformedKeyGets401(string? authorization)
    {
        var client = _sim.Anonymous("telnyx");
        if (authorization is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        }

        var json = await (await client.Get(Search)).JsonAsync(401);

        var error = AssertError(json, "10009", "Bearer KEY");
        Assert.Equal("Authentication failed", error.GetProperty("title").GetString());
    }

    [Fact]
    public async Task UnknownPathGets404InTheEnvelope()
    {
        AssertError(await (await _client.Get("v2/nothing_here")).JsonAsync(404), "10005", "");
    }

    // ---- search ----

    [Fact]
    public async Task SearchAnswersAvailablePhoneNumbersInTheSpecShape()
    {
        var data = await SearchAsync("filter[national_destination_code]=919&filter[limit]=3");

        Assert.Equal(3, data.Length);
        foreach (var n in data)
        {
            Assert.Equal(
                ["best_effort", "cost_information", "features", "phone_number", "quickship", "record_type", "region_information", "reservable", "vanity_format"],
                n.EnumerateObject().Select(p => p.Name).Order());
            Assert.Equal("available_phone_number", n.GetProperty("record_type").GetString());
            Assert.StartsWith("+1919", n.GetProperty("phone_number").GetString());
            Assert.False(n.GetProperty("best_effort").GetBoolean());
            Assert.False(n.GetProperty("quickship").GetBoolean());
            Assert.True(n.GetProperty("reservable").GetBoolean());
            Assert.Equal("US", Region(n, "country_code"));
            Assert.Equal("NC", Region(n, "state"));
            Assert.False(string.IsNullOrEmpty(Region(n, "rate_center")));
            Assert.Equal("USD", n.GetProperty("cost_information").GetProperty("currency").GetString());
            Assert.Matches(@"^\d+\.\d{2}$", n.GetProperty("cost_information").GetProperty("monthly_cost").GetString());
            Assert.Contains("sms", n.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("name").GetString()));
        }
    }

    [Fact]
    public async Task SearchDefaultsToFiftyUsNumbers()
    {
        var numbers = await NumbersAsync("");

        Assert.Equal(50, numbers.Length);
        Assert.All(numbers, n => Assert.StartsWith("+1", n));
    }

    [Fact]
    public async Task SearchByCountryCode()
    {
        var data = await SearchAsync("filter[country_code]=GB&filter[limit]=4");

        Assert.Equal(4, data.Length);
        Assert.All(data, n => Assert.StartsWith("+44", n.GetProperty("phone_number").GetString()));
        Assert.All(data, n => Assert.Equal("GB", Region(n, "country_code")));
        Assert.All(data, n => Assert.False(n.GetProperty("reservable").GetBoolean()));
    }

    [Fact]
    public async Task SearchByStartsWith()
    {
        var numbers = await NumbersAsync("filter[phone_number][starts_with]=919733&filter[limit]=5");

        Assert.NotEmpty(numbers);
        Assert.All(numbers, n => Assert.StartsWith("+1919733", n));
    }

    [Fact]
    public async Task SearchByNdcAndStartsWithContinuesAfterTheAreaCode()
    {
        var numbers = await NumbersAsync("filter[national_destination_code]=919&filter[phone_number][starts_with]=733&filter[limit]=5");

        Assert.NotEmpty(numbers);
        Assert.All(numbers, n => Assert.StartsWith("+1919733", n));
    }

    [Fact]
    public async Task SearchByEndsWith()
    {
        var numbers = await NumbersAsync("filter[national_destination_code]=919&filter[phone_number][ends_with]=42&filter[limit]=5");

        Assert.NotEmpty(numbers);
        Assert.All(numbers, n => Assert.EndsWith("42", n));
    }

    [Fact]
    public async Task SearchByContains()
    {
        var numbers = await NumbersAsync("filter[administrative_area]=NC&filter[phone_number][contains]=777&filter[limit]=5");

        Assert.NotEmpty(numbers);
        Assert.All(numbers, n => Assert.Contains("777", n[2..], StringComparison.Ordinal));
    }

    [Fact]
    public async Task SearchByAdministrativeArea()
    {
        var data = await SearchAsync("filter[administrative_area]=il&filter[limit]=6");

        Assert.Equal(6, data.Length);
        Assert.All(data, n => Assert.Equal("IL", Region(n, "state")));
    }

    [Fact]
    public async Task SearchByNationalDestinationCode()
    {
        var numbers = await NumbersAsync("filter[national_destination_code]=312&filter[limit]=4");

        Assert.Equal(4, numbers.Length);
        Assert.All(numbers, n => Assert.StartsWith("+1312", n));
    }

    [Fact]
    public async Task SearchByLocalityWithoutAStateLooksInEveryStateWithThatPlace()
    {
        var data = await SearchAsync("filter[locality]=Raleigh&filter[limit]=20");
        var nc = await SearchAsync("filter[locality]=Raleigh&filter[administrative_area]=NC&filter[limit]=4");

        Assert.Equal(20, data.Length);
        Assert.All(data.Concat(nc), n => Assert.Equal("Raleigh", Locality(n), ignoreCase: true));
        Assert.Subset(new HashSet<string?> { "MS", "NC" }, data.Select(n => Region(n, "state")).ToHashSet());
        Assert.Equal(4, nc.Length);
        Assert.All(nc, n => Assert.Equal("NC", Region(n, "state")));
    }

    private string Locality(JsonElement number) =>
        _sim.Simulation.Inventory.Describe(PhoneNumber.Parse(number.GetProperty("phone_number").GetString()).Value)!.Locality;

    [Fact]
    public async Task SearchByRateCenterWithAndWithoutState()
    {
        var sample = (await SearchAsync("filter[national_destination_code]=312&filter[limit]=1"))[0];
        var rateCenter = Region(sample, "rate_center")!;

        var withState = await SearchAsync($"filter[rate_center]={Uri.EscapeDataString(rateCenter)}&filter[administrative_area]=IL&filter[limit]=3");
        var withoutState = await SearchAsync($"filter[rate_center]={Uri.EscapeDataString(rateCenter)}&filter[limit]=3");

        Assert.NotEmpty(withState);
        Assert.All(withState.Concat(withoutState), n => Assert.Equal(rateCenter, Region(n, "rate_center")));
        Assert.NotEmpty(withoutState);
    }

    [Fact]
    public async Task SearchByUnknownLocalityFindsNothing()
    {
        Assert.Empty(await SearchAsync("filter[locality]=Nowhereville"));
    }

    [Theory]
    [InlineData("toll_free", @"^\+18(00|33|44|55|66|77|88)\d{7}$")]
    [InlineData("local", @"^\+1[2-9]\d{9}$")]
    [InlineData("mobile", @"^\+1[2-9]\d{9}$")]
    public async Task SearchByPhoneNumberType(string type, string pattern)
    {
        var numbers = await NumbersAsync($"filter[phone_number_type]={type}&filter[limit]=3");

        Assert.Equal(3, numbers.Length);
        Assert.All(numbers, n => Assert.Matches(pattern, n));
    }

    [Fact]
    public async Task SearchByTheSdksNumberTypeNameWorksToo()
    {
        var numbers = await NumbersAsync("filter[number_type]=toll_free&filter[limit]=2");

        Assert.All(numbers, n => Assert.Matches(@"^\+18\d{9}$", n));
    }

    [Fact]
    public async Task SearchForSharedCostFindsNothing()
    {
        Assert.Empty(await SearchAsync("filter[phone_number_type]=shared_cost"));
    }

    [Fact]
    public async Task SearchByFeatures()
    {
        var local = await SearchAsync("filter[features][]=sms&filter[features][]=emergency&filter[limit]=3");
        var tollFreeEmergency = await SearchAsync("filter[phone_number_type]=toll_free&filter[features]=emergency");
        var abroadSms = await SearchAsync("filter[country_code]=GB&filter[phone_number_type]=local&filter[features]=sms,voice");

        Assert.Equal(3, local.Length);
        Assert.All(local, n => Assert.Contains("emergency", n.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("name").GetString())));
        Assert.Empty(tollFreeEmergency);
        Assert.Empty(abroadSms);
    }

    [Fact]
    public async Task SearchByLimit()
    {
        Assert.Equal(7, (await NumbersAsync("filter[limit]=7")).Length);
    }

    [Fact]
    public async Task SearchWithBestEffortAddsNearMatchesMarkedAsSuch()
    {
        const string Query = "filter[administrative_area]=NC&filter[locality]=Durham&filter[phone_number][ends_with]=00000&filter[limit]=10";
        var exact = await SearchAsync(Query);
        var json = await (await _client.Get($"{Search}?{Query}&filter[best_effort]=true")).JsonAsync(200);

        var data = json.GetProperty("data").EnumerateArray().ToList();
        Assert.True(exact.Length < 10, "the exact search should run short for this test to mean anything");
        Assert.Equal(10, data.Count);
        var near = data.Where(n => n.GetProperty("best_effort").GetBoolean()).ToList();
        Assert.Equal(10 - exact.Length, near.Count);
        Assert.Equal(near.Count, json.GetProperty("metadata").GetProperty("best_effort_results").GetInt32());
        Assert.All(near, n => Assert.Equal("NC", Region(n, "state")));
        Assert.All(data.Except(near), n => Assert.EndsWith("00000", n.GetProperty("phone_number").GetString()));
    }

    [Fact]
    public async Task SearchWithQuickshipOffersTollFreeNumbers()
    {
        var data = await SearchAsync("filter[quickship]=true&filter[limit]=3");
        var conflict = await (await _client.Get($"{Search}?filter[quickship]=true&filter[phone_number_type]=local")).JsonAsync(400);

        Assert.Equal(3, data.Length);
        Assert.All(data, n => Assert.True(n.GetProperty("quickship").GetBoolean()));
        Assert.All(data, n => Assert.Matches(@"^\+18\d{9}$", n.GetProperty("phone_number").GetString()));
        AssertError(conflict, "10015", "toll-free");
    }

    [Fact]
    public async Task SearchWithReservableLeavesOutNumbersThatCannotBeReserved()
    {
        var us = await SearchAsync("filter[reservable]=true&filter[limit]=3");
        var gb = await SearchAsync("filter[country_code]=GB&filter[reservable]=true");

        Assert.Equal(3, us.Length);
        Assert.Empty(gb);
    }

    [Fact]
    public async Task SearchHidesNumbersHeldForOthersAndShowsYoursUnlessExcluded()
    {
        var query = "filter[national_destination_code]=919&filter[limit]=5";
        var numbers = await NumbersAsync(query);
        await (await ReserveAsync(_client, numbers[0])).JsonAsync(200);
        var bob = Client("KEY0bob_test");

        Assert.Contains(numbers[0], await NumbersAsync(query));
        Assert.DoesNotContain(numbers[0], await NumbersAsync(query + "&filter[exclude_held_numbers]=true"));
        Assert.DoesNotContain(numbers[0], await NumbersAsync(query, bob));
    }

    [Theory]
    [InlineData("filter[area_code]=919", "filter[area_code]", "not a filter")]
    [InlineData("filter[country_code]=USA", "filter[country_code]", "alpha-2")]
    [InlineData("filter[phone_number][starts_with]=%2B1919", "filter[phone_number][starts_with]", "digits")]
    [InlineData("filter[national_destination_code]=019", "filter[national_destination_code]", "area code")]
    [InlineData("filter[administrative_area]=North", "filter[administrative_area]", "2-letter")]
    [InlineData("filter[phone_number_type]=premium", "filter[phone_number_type]", "toll_free")]
    [InlineData("filter[features]=telepathy", "filter[features]", "sms")]
    [InlineData("filter[limit]=0", "filter[limit]", "1 to 100")]
    [InlineData("filter[limit]=101", "filter[limit]", "1 to 100")]
    [InlineData("filter[best_effort]=yes", "filter[best_effort]", "true or false")]
    [InlineData("filter[reservable]=1", "filter[reservable]", "true or false")]
    [InlineData("filter[exclude_held_numbers]=maybe", "filter[exclude_held_numbers]", "true or false")]
    [InlineData("filter[country_code]=GB&filter[rate_center]=LONDON", "filter[rate_center]", "US and CA")]
    public async Task BadSearchGets400NamingTheParameter(string query, string parameter, string fragment)
    {
        var json = await (await _client.Get($"{Search}?{query}")).JsonAsync(400);

        var error = AssertError(json, "10015", fragment);
        Assert.Equal(parameter, error.GetProperty("source").GetProperty("parameter").GetString());
    }

    // ---- orders ----

    [Fact]
    public async Task OrderIsPendingThenSucceedsPerNumber()
    {
        var numbers = await AvailableAsync(2);

        var created = (await (await OrderAsync(_client, [.. numbers])).JsonAsync(200)).GetProperty("data");
        var id = created.GetProperty("id").GetString()!;

        Assert.True(Guid.TryParseExact(id, "D", out _));
        Assert.Equal("number_order", created.GetProperty("record_type").GetString());
        Assert.Equal("pending", created.GetProperty("status").GetString());
        Assert.Equal(2, created.GetProperty("phone_numbers_count").GetInt32());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$", created.GetProperty("created_at").GetString());
        Assert.All(created.GetProperty("phone_numbers").EnumerateArray(), n =>
        {
            Assert.Equal("number_order_phone_number", n.GetProperty("record_type").GetString());
            Assert.Equal("pending", n.GetProperty("status").GetString());
            Assert.Equal("local", n.GetProperty("phone_number_type").GetString());
            Assert.Equal("US", n.GetProperty("country_iso_alpha2").GetString());
            Assert.True(Guid.TryParseExact(n.GetProperty("id").GetString(), "D", out _));
        });
        Assert.All(numbers, n => Assert.Equal(NumberState.Owned, Status(n).State));

        _sim.Time.Advance(TimeSpan.FromSeconds(5));
        var done = (await (await _client.Get($"v2/number_orders/{id}")).JsonAsync(200)).GetProperty("data");

        Assert.Equal("success", done.GetProperty("status").GetString());
        Assert.All(done.GetProperty("phone_numbers").EnumerateArray(), n => Assert.Equal("success", n.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task OrderWithOneTakenNumberShowsThePartialOutcomePerNumber()
    {
        var numbers = await AvailableAsync(2);
        _sim.Simulation.Inventory.TakeByCompetitor([PhoneNumber.Parse(numbers[1]).Value]);

        var created = (await (await OrderAsync(_client, [.. numbers])).JsonAsync(200)).GetProperty("data");
        var statuses = created.GetProperty("phone_numbers").EnumerateArray().ToDictionary(n => n.GetProperty("phone_number").GetString()!, n => n.GetProperty("status").GetString());

        Assert.Equal("pending", created.GetProperty("status").GetString());
        Assert.Equal("pending", statuses[numbers[0]]);
        Assert.Equal("failure", statuses[numbers[1]]);

        _sim.Time.Advance(TimeSpan.FromSeconds(5));
        var done = (await (await _client.Get($"v2/number_orders/{created.GetProperty("id").GetString()}")).JsonAsync(200)).GetProperty("data");
        var settled = done.GetProperty("phone_numbers").EnumerateArray().ToDictionary(n => n.GetProperty("phone_number").GetString()!, n => n.GetProperty("status").GetString());

        Assert.Equal("failure", done.GetProperty("status").GetString());
        Assert.Equal("success", settled[numbers[0]]);
        Assert.Equal("failure", settled[numbers[1]]);
        Assert.Equal(NumberState.Owned, Status(numbers[0]).State);
    }

    [Fact]
    public async Task OrderWhoseNumbersAreAllGoneGets422()
    {
        var numbers = await AvailableAsync(1);
        _sim.Simulation.Inventory.TakeByCompetitor([PhoneNumber.Parse(numbers[0]).Value]);

        var json = await (await OrderAsync(_client, numbers[0])).JsonAsync(422);

        var error = AssertError(json, "10015", "no longer available");
        Assert.Equal("/phone_numbers/0/phone_number", error.GetProperty("source").GetProperty("pointer").GetString());
        Assert.Empty(_sim.Simulation.Orders.All());
    }

    [Fact]
    public async Task OrderFailingAtFulfilmentEndsInFailure()
    {
        var number = $"+1919555{(int)MagicNumbers.Table.First(r => r.Behaviour == MagicBehaviour.FailsAtFulfilment).First + 1:D4}";

        var created = (await (await OrderAsync(_client, number)).JsonAsync(200)).GetProperty("data");
        _sim.Time.Advance(TimeSpan.FromSeconds(5));
        var done = (await (await _client.Get($"v2/number_orders/{created.GetProperty("id").GetString()}")).JsonAsync(200)).GetProperty("data");

        Assert.Equal("failure", done.GetProperty("status").GetString());
        Assert.Equal("failure", done.GetProperty("phone_numbers")[0].GetProperty("status").GetString());
        Assert.NotEqual(NumberState.Owned, Status(number).State);
        var list = await (await _client.Get("v2/phone_numbers?filter[status]=purchase-failed")).JsonAsync(200);
        Assert.Equal(number, Assert.Single(list.GetProperty("data").EnumerateArray()).GetProperty("phone_number").GetString());
    }

    [Theory]
    [InlineData("{}", "10004", "/phone_numbers")]
    [InlineData("{\"phone_numbers\": []}", "10004", "/phone_numbers")]
    [InlineData("{\"phone_numbers\": [{}]}", "10004", "/phone_numbers/0/phone_number")]
    [InlineData("{\"phone_numbers\": [{\"phone_number\": \"19195550153\"}]}", "10016", "/phone_numbers/0/phone_number")]
    [InlineData("{\"phone_numbers\": [{\"phone_number\": \"+1919\"}]}", "10016", "/phone_numbers/0/phone_number")]
    [InlineData("{\"phone_numbers\": [{\"phone_number\": \"+19197334821\"}, {\"phone_number\": \"+19197334821\"}]}", "10015", "/phone_numbers/1/phone_number")]
    public async Task BadOrderGets422WithAPointer(string body, string code, string pointer)
    {
        var json = await (await _client.PostRawAsync("v2/number_orders", body)).JsonAsync(422);

        var error = AssertError(json, code, "");
        Assert.Equal(pointer, error.GetProperty("source").GetProperty("pointer").GetString());
    }

    [Fact]
    public async Task OrderWithAnUnknownFieldGets400WithItsPointer()
    {
        var json = await (await _client.PostRawAsync("v2/number_orders", "{\"phone_numbers\": [{\"phone_number\": \"+19197334821\"}], \"colour\": \"red\"}")).JsonAsync(400);

        Assert.Equal("/colour", json.GetProperty("errors")[0].GetProperty("source").GetProperty("pointer").GetString());
    }

    [Fact]
    public async Task GetOrderWithABadOrUnknownId()
    {
        AssertError(await (await _client.Get("v2/number_orders/ord_123")).JsonAsync(400), "10006", "UUID");
        AssertError(await (await _client.Get($"v2/number_orders/{Guid.NewGuid()}")).JsonAsync(404), "10005", "number order");
    }

    [Fact]
    public async Task OrdersOfAnotherKeyAreInvisible()
    {
        var number = (await AvailableAsync(1))[0];
        var id = (await (await OrderAsync(_client, number)).JsonAsync(200)).GetProperty("data").GetProperty("id").GetString();

        await (await Client("KEY0bob_test").Get($"v2/number_orders/{id}")).JsonAsync(404);
    }

    [Fact]
    public async Task ListOrdersPagesAndFiltersByStatusAndReference()
    {
        var numbers = await AvailableAsync(3);
        foreach (var number in numbers)
        {
            await (await _client.PostJsonAsync("v2/number_orders", new { phone_numbers = new[] { new { phone_number = number } }, customer_reference = number == numbers[0] ? "first" : "other" })).JsonAsync(200);
        }

        var page = await (await _client.Get("v2/number_orders?page[number]=2&page[size]=2")).JsonAsync(200);
        var pending = await (await _client.Get("v2/number_orders?filter[status]=pending")).JsonAsync(200);
        var first = await (await _client.Get("v2/number_orders?filter[customer_reference]=first")).JsonAsync(200);
        _sim.Time.Advance(TimeSpan.FromSeconds(5));
        var success = await (await _client.Get("v2/number_orders?filter[status]=success")).JsonAsync(200);

        Assert.Equal(1, page.GetProperty("data").GetArrayLength());
        Assert.Equal(2, page.GetProperty("meta").GetProperty("page_number").GetInt32());
        Assert.Equal(2, page.GetProperty("meta").GetProperty("page_size").GetInt32());
        Assert.Equal(2, page.GetProperty("meta").GetProperty("total_pages").GetInt32());
        Assert.Equal(3, page.GetProperty("meta").GetProperty("total_results").GetInt32());
        Assert.Equal(3, pending.GetProperty("data").GetArrayLength());
        Assert.Equal(numbers[0], Assert.Single(first.GetProperty("data").EnumerateArray()).GetProperty("phone_numbers")[0].GetProperty("phone_number").GetString());
        Assert.Equal(3, success.GetProperty("data").GetArrayLength());
        AssertError(await (await _client.Get("v2/number_orders?filter[status]=done")).JsonAsync(400), "10015", "pending, success or failure");
        AssertError(await (await _client.Get("v2/number_orders?page[size]=251")).JsonAsync(400), "10015", "1 to 250");
    }

    // ---- reservations ----

    [Fact]
    public async Task ReservationHoldsNumbersForThirtyMinutesOfSimulatorTime()
    {
        var number = (await AvailableAsync(1))[0];
        var bob = Client("KEY0bob_test");

        var reservation = (await (await ReserveAsync(_client, number)).JsonAsync(200)).GetProperty("data");

        Assert.Equal("number_reservation", reservation.GetProperty("record_type").GetString());
        Assert.Equal("success", reservation.GetProperty("status").GetString());
        Assert.Equal("ref-1", reservation.GetProperty("customer_reference").GetString());
        var reserved = reservation.GetProperty("phone_numbers")[0];
        Assert.Equal("reserved_phone_number", reserved.GetProperty("record_type").GetString());
        Assert.Equal("success", reserved.GetProperty("status").GetString());
        var expires = DateTimeOffset.Parse(reserved.GetProperty("expired_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(_sim.Time.GetUtcNow() + TimeSpan.FromMinutes(30), expires);
        Assert.Equal(NumberState.Held, Status(number).State);

        AssertError(await (await OrderAsync(bob, number)).JsonAsync(422), "10015", "on hold");
        AssertError(await (await ReserveAsync(bob, number)).JsonAsync(422), "10015", "already on hold");

        _sim.Time.Advance(TimeSpan.FromMinutes(30));

        Assert.Equal(NumberState.Available, Status(number).State);
        await (await OrderAsync(bob, number)).JsonAsync(200);
    }

    [Fact]
    public async Task ReservationOwnerCanOrderTheReservedNumber()
    {
        var number = (await AvailableAsync(1))[0];
        await (await ReserveAsync(_client, number)).JsonAsync(200);
        _sim.Time.Advance(TimeSpan.FromMinutes(29));

        await (await OrderAsync(_client, number)).JsonAsync(200);
        _sim.Time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(NumberState.Owned, Status(number).State);
    }

    [Fact]
    public async Task ReservationWithOneNumberGoneReportsItPerNumber()
    {
        var numbers = await AvailableAsync(2);
        await (await ReserveAsync(Client("KEY0bob_test"), numbers[1])).JsonAsync(200);

        var reservation = (await (await ReserveAsync(_client, [.. numbers])).JsonAsync(200)).GetProperty("data");

        Assert.Equal("failure", reservation.GetProperty("status").GetString());
        var lines = reservation.GetProperty("phone_numbers").EnumerateArray().ToList();
        Assert.Equal("success", lines[0].GetProperty("status").GetString());
        Assert.Equal("failure", lines[1].GetProperty("status").GetString());
        Assert.Equal("Number is already on hold", lines[1].GetProperty("errors").GetString());
        Assert.Equal(JsonValueKind.Null, lines[1].GetProperty("expired_at").ValueKind);
    }

    [Fact]
    public async Task ExtendingAReservationMovesItsExpiry()
    {
        var number = (await AvailableAsync(1))[0];
        var id = (await (await ReserveAsync(_client, number)).JsonAsync(200)).GetProperty("data").GetProperty("id").GetString();
        _sim.Time.Advance(TimeSpan.FromMinutes(20));

        var extended = (await (await _client.PostJsonAsync($"v2/number_reservations/{id}/actions/extend", new { })).JsonAsync(200)).GetProperty("data");
        _sim.Time.Advance(TimeSpan.FromMinutes(20));

        var expires = DateTimeOffset.Parse(extended.GetProperty("phone_numbers")[0].GetProperty("expired_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(_sim.Time.GetUtcNow() + TimeSpan.FromMinutes(10), expires);
        Assert.Equal(NumberState.Held, Status(number).State);
    }

    [Fact]
    public async Task GetAndListReservations()
    {
        var numbers = await AvailableAsync(2);
        var id = (await (await ReserveAsync(_client, numbers[0])).JsonAsync(200)).GetProperty("data").GetProperty("id").GetString();
        await (await ReserveAsync(_client, numbers[1])).JsonAsync(200);

        var got = (await (await _client.Get($"v2/number_reservations/{id}")).JsonAsync(200)).GetProperty("data");
        var byNumber = await (await _client.Get($"v2/number_reservations?filter[phone_numbers.phone_number]={Uri.EscapeDataString(numbers[0])}")).JsonAsync(200);
        var all = await (await _client.Get("v2/number_reservations?page[size]=1")).JsonAsync(200);

        Assert.Equal(id, got.GetProperty("id").GetString());
        Assert.Equal(id, Assert.Single(byNumber.GetProperty("data").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(2, all.GetProperty("meta").GetProperty("total_results").GetInt32());
        Assert.Equal(1, all.GetProperty("data").GetArrayLength());
        AssertError(await (await _client.Get($"v2/number_reservations/{Guid.NewGuid()}")).JsonAsync(404), "10005", "reservation");
        AssertError(await (await Client("KEY0bob_test").Get($"v2/number_reservations/{id}")).JsonAsync(404), "10005", "reservation");
    }

    [Fact]
    public async Task RacingReservationsHoldEachNumberForOneCustomerOnly()
    {
        var number = (await AvailableAsync(1))[0];
        var clients = Enumerable.Range(0, 8).Select(i => Client($"KEY0racer{i}")).ToList();

        var responses = await Task.WhenAll(clients.Select(c => ReserveAsync(c, number)));

        Assert.Equal(1, responses.Count(r => (int)r.StatusCode == 200));
        Assert.Equal(7, responses.Count(r => (int)r.StatusCode == 422));
    }

    [Fact]
    public async Task RacingOrdersAssignEachNumberToOneCustomerOnly()
    {
        var number = (await AvailableAsync(1))[0];
        var clients = Enumerable.Range(0, 8).Select(i => Client($"KEY0buyer{i}")).ToList();

        var responses = await Task.WhenAll(clients.Select(c => OrderAsync(c, number)));
        _sim.Time.Advance(TimeSpan.FromSeconds(5));

        var accepted = responses.Where(r => (int)r.StatusCode == 200).ToList();
        Assert.NotEmpty(accepted);
        Assert.Equal(8, accepted.Count + responses.Count(r => (int)r.StatusCode == 422));
        var orders = _sim.Simulation.Orders.All().Where(o => o.Origin == "telnyx").ToList();
        Assert.Single(orders, o => o.Status == OrderStatus.Complete);
        Assert.All(orders.Where(o => o.Status != OrderStatus.Complete), o => Assert.Equal(OrderStatus.Failed, o.Status));
        Assert.Equal(NumberState.Owned, Status(number).State);
    }

    // ---- phone numbers ----

    [Fact]
    public async Task OrderedNumberIsListedPendingThenActive()
    {
        var number = (await AvailableAsync(1))[0];
        await (await OrderAsync(_client, number)).JsonAsync(200);

        var pending = await (await _client.Get("v2/phone_numbers")).JsonAsync(200);
        _sim.Time.Advance(TimeSpan.FromSeconds(5));
        var active = await (await _client.Get("v2/phone_numbers")).JsonAsync(200);

        Assert.Equal("purchase-pending", Assert.Single(pending.GetProperty("data").EnumerateArray()).GetProperty("status").GetString());
        var record = Assert.Single(active.GetProperty("data").EnumerateArray());
        Assert.Equal("active", record.GetProperty("status").GetString());
        Assert.Equal("phone_number", record.GetProperty("record_type").GetString());
        Assert.Matches("^[0-9]{19}$", record.GetProperty("id").GetString());
        Assert.Equal(number, record.GetProperty("phone_number").GetString());
        Assert.Equal("US", record.GetProperty("country_iso_alpha2").GetString());
        Assert.Equal("local", record.GetProperty("phone_number_type").GetString());
        Assert.Equal(0, record.GetProperty("tags").GetArrayLength());
        Assert.False(record.GetProperty("deletion_lock_enabled").GetBoolean());
        Assert.Equal(JsonValueKind.Null, record.GetProperty("external_pin").ValueKind);
        var meta = active.GetProperty("meta");
        Assert.Equal((1, 20, 1, 1), (meta.GetProperty("page_number").GetInt32(), meta.GetProperty("page_size").GetInt32(), meta.GetProperty("total_pages").GetInt32(), meta.GetProperty("total_results").GetInt32()));
    }

    [Fact]
    public async Task PhoneNumbersPageAndFilter()
    {
        var numbers = await AvailableAsync(3);
        await (await OrderAsync(_client, [.. numbers])).JsonAsync(200);
        _sim.Time.Advance(TimeSpan.FromSeconds(5));

        var page = await (await _client.Get("v2/phone_numbers?page[number]=2&page[size]=2")).JsonAsync(200);
        var one = await (await _client.Get($"v2/phone_numbers?filter[phone_number]={numbers[1][2..]}")).JsonAsync(200);
        var us = await (await _client.Get("v2/phone_numbers?filter[country_iso_alpha2]=US&filter[number_type][eq]=local&filter[status]=active")).JsonAsync(200);
        var gb = await (await _client.Get("v2/phone_numbers?filter[country_iso_alpha2]=GB")).JsonAsync(200);

        Assert.Equal(1, page.GetProperty("data").GetArrayLength());
        Assert.Equal(2, page.GetProperty("meta").GetProperty("total_pages").GetInt32());
        Assert.Equal(numbers[1], Assert.Single(one.GetProperty("data").EnumerateArray()).GetProperty("phone_number").GetString());
        Assert.Equal(3, us.GetProperty("data").GetArrayLength());
        Assert.Equal(0, gb.GetProperty("data").GetArrayLength());
        AssertError(await (await _client.Get("v2/phone_numbers?page[number]=0")).JsonAsync(400), "10015", "at least 1");
        AssertError(await (await _client.Get("v2/phone_numbers?filter[phone_number]=91")).JsonAsync(400), "10015", "at least 3");
        AssertError(await (await _client.Get("v2/phone_numbers?filter[status]=sold")).JsonAsync(400), "10015", "active");
    }

    [Fact]
    public async Task UpdatePhoneNumberChangesOnlyTheFieldsSent()
    {
        var id = (await BuyAsync((await AvailableAsync(1))[0])).GetProperty("id").GetString();

        var first = await _client.PatchAsync($"v2/phone_numbers/{id}", Json("{\"tags\": [\"sales\", \"east\"], \"customer_reference\": \"crm-7\", \"hd_voice_enabled\": true}"), TestContext.Current.CancellationToken);
        var second = await _client.PatchAsync($"v2/phone_numbers/{id}", Json("{\"external_pin\": \"1234\"}"), TestContext.Current.CancellationToken);
        var updated = (await second.JsonAsync(200)).GetProperty("data");
        var tagged = await (await _client.Get("v2/phone_numbers?filter[tag]=east")).JsonAsync(200);

        await first.JsonAsync(200);
        Assert.Equal(["sales", "east"], updated.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("crm-7", updated.GetProperty("customer_reference").GetString());
        Assert.True(updated.GetProperty("hd_voice_enabled").GetBoolean());
        Assert.Equal("1234", updated.GetProperty("external_pin").GetString());
        Assert.Equal(1, tagged.GetProperty("data").GetArrayLength());
    }

    [Theory]
    [InlineData("{\"tags\": \"sales\"}", "/tags")]
    [InlineData("{\"hd_voice_enabled\": \"yes\"}", "/hd_voice_enabled")]
    [InlineData("{\"connection_id\": 12}", "/connection_id")]
    [InlineData("{\"tags\": [\"a\"], \"nickname\": \"x\"}", "/nickname")]
    public async Task BadUpdateGets422AndChangesNothing(string body, string pointer)
    {
        var id = (await BuyAsync((await AvailableAsync(1))[0])).GetProperty("id").GetString();

        var json = await (await _client.PatchAsync($"v2/phone_numbers/{id}", Json(body), TestContext.Current.CancellationToken)).JsonAsync(422);
        var after = (await (await _client.Get($"v2/phone_numbers/{id}")).JsonAsync(200)).GetProperty("data");

        Assert.Equal(pointer, json.GetProperty("errors")[0].GetProperty("source").GetProperty("pointer").GetString());
        Assert.Equal(0, after.GetProperty("tags").GetArrayLength());
    }

    [Fact]
    public async Task DeletePhoneNumberReleasesItIntoQuarantine()
    {
        var number = (await AvailableAsync(1))[0];
        var id = (await BuyAsync(number)).GetProperty("id").GetString();

        var deleted = (await (await _client.DeleteAsync($"v2/phone_numbers/{id}", TestContext.Current.CancellationToken)).JsonAsync(200)).GetProperty("data");

        Assert.Equal("deleted", deleted.GetProperty("status").GetString());
        Assert.Equal(NumberState.Quarantined, Status(number).State);
        await (await _client.Get($"v2/phone_numbers/{id}")).JsonAsync(404);
        Assert.Equal(0, (await (await _client.Get("v2/phone_numbers")).JsonAsync(200)).GetProperty("data").GetArrayLength());
        Assert.Equal(1, (await (await _client.Get("v2/phone_numbers?filter[status]=deleted")).JsonAsync(200)).GetProperty("data").GetArrayLength());
        Assert.Contains(_sim.Simulation.Orders.All(), o => o.Type == OrderType.Disconnect && o.Origin == "telnyx" && o.Status == OrderStatus.Complete);
    }

    [Fact]
    public async Task DeletingAPendingNumberGets422()
    {
        await (await OrderAsync(_client, (await AvailableAsync(1))[0])).JsonAsync(200);
        var id = (await (await _client.Get("v2/phone_numbers")).JsonAsync(200)).GetProperty("data")[0].GetProperty("id").GetString();

        AssertError(await (await _client.DeleteAsync($"v2/phone_numbers/{id}", TestContext.Current.CancellationToken)).JsonAsync(422), "10015", "purchase-pending");
    }

    [Fact]
    public async Task PhoneNumberIdsAreCheckedAndScopedToTheKey()
    {
        var id = (await BuyAsync((await AvailableAsync(1))[0])).GetProperty("id").GetString();

        AssertError(await (await _client.Get("v2/phone_numbers/abc")).JsonAsync(400), "10006", "digits");
        AssertError(await (await _client.Get("v2/phone_numbers/1234567890123456789")).JsonAsync(404), "10005", "phone number");
        AssertError(await (await Client("KEY0bob_test").Get($"v2/phone_numbers/{id}")).JsonAsync(404), "10005", "phone number");
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
