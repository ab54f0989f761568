using System.Net;
using System.Text;
using System.Xml.Linq;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Core.Orders;

namespace CarrierSim.Server.Tests.Dialects;

/// <summary>Bandwidth's numbers API over HTTP: XML in and out, both SDK prefixes, asynchronous orders on the fake clock.</summary>
public sealed class BandwidthTests : IAsyncLifetime
{
    private const string Account = "api/accounts/9900000";
    private TestSimulator _sim = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _sim = await TestSimulator.StartAsync();
        _client = _sim.Bandwidth();
    }

    public async ValueTask DisposeAsync() => await _sim.DisposeAsync();

    // ---- helpers ----

    internal static async Task<XElement> XmlAsync(HttpResponseMessage response, int status)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>", text, StringComparison.OrdinalIgnoreCase);
        return XDocument.Parse(text).Root!;
    }

    /// <summary>Asserts a Bandwidth error in any of its shapes and returns (code, description).</summary>
    internal static async Task<(string Code, string Description, XElement Root)> ErrorAsync(HttpResponseMessage response, int status, string root)
    {
        var xml = await XmlAsync(response, status);
        Assert.Equal(root, xml.Name.LocalName);
        var error = xml.Element("Error") ?? xml.Element("ErrorList")?.Element("Error");
        if (error is not null)
        {
            return (error.Element("Code")!.Value, error.Element("Description")!.Value, xml);
        }

        var responseStatus = xml.Element("ResponseStatus") ?? throw new Xunit.Sdk.XunitException($"no Error, ErrorList or ResponseStatus in {xml}");
        return (responseStatus.Element("ErrorCode")!.Value, responseStatus.Element("Description")!.Value, xml);
    }

    private static StringContent Xml(string body) => new(body, Encoding.UTF8, "application/xml");

    private Task<HttpResponseMessage> PostXml(string path, string body, HttpClient? client = null) =>
        (client ?? _client).PostAsync(path, Xml(body), TestContext.Current.CancellationToken);

    private async Task<List<string>> SearchAsync(string query, HttpClient? client = null)
    {
        var xml = await XmlAsync(await (client ?? _client).Get($"{Account}/availableNumbers?{query}"), 200);
        return [.. xml.Descendants("TelephoneNumber").Select(e => e.Value)];
    }

    private static string OrderXml(string type, string partial = "true", string site = "743") =>
        $"<Order><CustomerOrderId>123456789</CustomerOrderId><Name>Test Order</Name>{type}<PartialAllowed>{partial}</PartialAllowed><SiteId>{site}</SiteId></Order>";

    private static string Existing(params string[] numbers) =>
        $"<ExistingTelephoneNumberOrderType><TelephoneNumberList>{string.Concat(numbers.Select(n => $"<TelephoneNumber>{n}</TelephoneNumber>"))}</TelephoneNumberList></ExistingTelephoneNumberOrderType>";

    private async Task<string> PlaceAsync(string body, HttpClient? client = null, string account = Account)
    {
        var response = await PostXml($"{account}/orders", body, client);
        var xml = await XmlAsync(response, 201);
        Assert.Equal("RECEIVED", xml.Element("OrderStatus")!.Value);
        var id = xml.Element("Order")!.Element("id")!.Value;
        Assert.True(Guid.TryParse(id, out _), id);
        Assert.EndsWith($"/bandwidth/{account}/orders/{id}", response.Headers.Location!.ToString());
        return id;
    }

    private async Task<XElement> OrderAsync(string id, HttpClient? client = null, string account = Account) =>
        await XmlAsync(await (client ?? _client).Get($"{account}/orders/{id}"), 200);

    private async Task<XElement> SettledAsync(string id, HttpClient? client = null, string account = Account)
    {
        _sim.Time.Advance(TimeSpan.FromSeconds(5));
        return await OrderAsync(id, client, account);
    }

    private static List<string> Completed(XElement order) => [.. order.Element("CompletedNumbers")?.Elements("TelephoneNumber").Select(t => t.Element("FullNumber")!.Value) ?? []];

    private static List<(string Code, string? Number)> Errors(XElement root) =>
        [.. root.Element("ErrorList")?.Elements("Error").Select(e => (e.Element("Code")!.Value, e.Element("TelephoneNumber")?.Value)) ?? []];

    /// <summary>A toll-free vanity word that spells the last seven digits of a toll-free number the inventory offers, and those digits.</summary>
    private async Task<(string Word, string Digits)> VanityAsync()
    {
        var number = (await SearchAsync("tollFreeWildCardPattern=8**&quantity=1"))[0];
        var digits = number[3..];
        return (string.Concat(digits.Select(d => d switch { '2' => 'A', '3' => 'D', '4' => 'G', '5' => 'J', '6' => 'M', '7' => 'P', '8' => 'T', '9' => 'W', _ => d })), digits);
    }

    private async Task<(string Text, string Expectation)> WithVanityAsync(string text, string expectation)
    {
        if (!text.Contains("{vanity}", StringComparison.Ordinal))
        {
            return (text, expectation);
        }

        var (word, digits) = await VanityAsync();
        return (text.Replace("{vanity}", word, StringComparison.Ordinal), expectation.Replace("{vanity}", digits, StringComparison.Ordinal));
    }

    /// <summary>Leaves only <paramref name="keep"/> available numbers in a thousands-block: a competitor takes the rest.</summary>
    private void Exhaust(int block, int keep)
    {
        while (true)
        {
            var found = _sim.Simulation.Inventory.Search(new SearchCriteria { NpaNxxX = block, Quantity = 100 });
            if (found.Count <= keep)
            {
                return;
            }

            _sim.Simulation.Inventory.TakeByCompetitor([.. found.Skip(keep).Select(n => n.Number)]);
        }
    }

    private NumberStatus Status(string tn) => _sim.Simulation.Inventory.GetStatus(PhoneNumber.Parse("+1" + tn).Value);

    // ---- authentication, prefixes, envelopes ----

    [Fact]
    public async Task MissingCredentialsGet401InTheSearchErrorShape()
    {
        var (code, description, _) = await BandwidthTests.ErrorAsync(await _sim.Anonymous("bandwidth").Get($"{Account}/availableNumbers?areaCode=919"), 401, "SearchResult");

        Assert.Equal("401", code);
        Assert.Contains("Basic", description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Bearer abc")]
    [InlineData("Basic !!!not-base64")]
    [InlineData("Basic dXNlcm9ubHk=")] // "useronly": no password
    [InlineData("Basic OnBhc3N3b3Jk")] // ":password": no user
    public async Task MalformedBasicCredentialsGet401(string authorization)
    {
        var client = _sim.Anonymous("bandwidth");
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);

        var (code, _, _) = await ErrorAsync(await client.PostAsync($"{Account}/orders", Xml(OrderXml(Existing("9194601234"))), TestContext.Current.CancellationToken), 401, "OrderResponse");

        Assert.Equal("401", code);
        Assert.Empty(_sim.Simulation.Orders.All());
    }

    [Fact]
    public async Task BothSdkPrefixesAnswerTheSameSearch()
    {
        var api = await SearchAsync("areaCode=919&quantity=5");
        var xml = await XmlAsync(await _client.Get("v1.0/accounts/9900000/availableNumbers?areaCode=919&quantity=5"), 200);

        Assert.Equal(5, api.Count);
        Assert.Equal(api, xml.Descendants("TelephoneNumber").Select(e => e.Value));
    }

    [Theory]
    [InlineData("v2/accounts/9900000/availableNumbers?areaCode=919")]
    [InlineData("v1/accounts/9900000/availableNumbers?areaCode=919")]
    [InlineData("api/accounts/9900000/noSuchResource")]
    [InlineData("nothing/here")]
    public async Task UnknownPathsGet404InBandwidthsShape(string path)
    {
        var (code, description, _) = await ErrorAsync(await _client.Get(path), 404, path.Contains("availableNumbers", StringComparison.Ordinal) ? "SearchResult" : "ErrorResponse");

        Assert.Equal("404", code);
        Assert.False(string.IsNullOrWhiteSpace(description));
    }

    [Fact]
    public async Task NonNumericAccountIdGets403With5051()
    {
        var (code, description, _) = await ErrorAsync(await _client.Get("api/accounts/acme/availableNumbers?areaCode=919"), 403, "SearchResult");

        Assert.Equal("5051", code);
        Assert.Contains("acme", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EachAccountIdIsATenantOfItsOwn()
    {
        var number = (await SearchAsync("areaCode=919&quantity=1"))[0];
        var id = await PlaceAsync(OrderXml(Existing(number)), account: "api/accounts/9900001");
        _sim.Time.Advance(TimeSpan.FromSeconds(5));

        await ErrorAsync(await _client.Get($"{Account}/orders/{id}"), 404, "OrderResponse");
        Assert.Equal([number], Completed(await OrderAsync(id, account: "api/accounts/9900001")));
        Assert.Equal(HttpStatusCode.NoContent, (await _client.Get($"{Account}/inserviceNumbers")).StatusCode);
        using var other = _sim.Bandwidth("someoneelse", "secret");
        await ErrorAsync(await other.Get($"api/accounts/9900001/orders/{id}"), 404, "OrderResponse");
    }

    [Theory]
    [InlineData("<Order><SiteId>1</SiteId>", "5002")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE Order [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Order><Name>&x;</Name></Order>", "5002")]
    [InlineData("{\"not\": \"xml\"}", "5002")]
    public async Task MalformedXmlGets400InTheOrderShape(string body, string expected)
    {
        var (code, description, _) = await ErrorAsync(await PostXml($"{Account}/orders", body), 400, "OrderResponse");

        Assert.Equal(expected, code);
        Assert.Contains("XML", description, StringComparison.Ordinal);
        Assert.Empty(_sim.Simulation.Orders.All());
    }

    [Fact]
    public async Task WrongContentTypeGets415InTheOrderShape()
    {
        var response = await _client.PostAsync($"{Account}/orders", new StringContent("{}", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        var (code, description, _) = await ErrorAsync(response, 415, "OrderResponse");
        Assert.Equal("415", code);
        Assert.Contains("application/xml", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TextXmlIsAcceptedLikeApplicationXml()
    {
        var number = (await SearchAsync("areaCode=919&quantity=1"))[0];
        var response = await _client.PostAsync($"{Account}/orders", new StringContent(OrderXml(Existing(number)), Encoding.UTF8, "text/xml"), TestContext.Current.CancellationToken);

        await XmlAsync(response, 201);
    }

    [Theory]
    [InlineData("<Order><SiteId>743</SiteId><BogusSearchAndOrderType><Quantity>1</Quantity></BogusSearchAndOrderType></Order>", "BogusSearchAndOrderType")]
    [InlineData("<Order><SiteId>743</SiteId></Order>", "no order type")]
    [InlineData("<Order><SiteId>743</SiteId><StateSearchAndOrderType><State>NC</State><Quantity>1</Quantity></StateSearchAndOrderType><ZIPSearchAndOrderType><Zip>27606</Zip><Quantity>1</Quantity></ZIPSearchAndOrderType></Order>", "2 order types")]
    public async Task UnknownOrMissingOrderTypeGets5087(string body, string expected)
    {
        var (code, description, root) = await ErrorAsync(await PostXml($"{Account}/orders", body), 400, "OrderResponse");

        Assert.Equal("5087", code);
        Assert.Contains(expected, description, StringComparison.Ordinal);
        Assert.Equal("743", root.Element("Order")!.Element("SiteId")!.Value);
        Assert.Empty(_sim.Simulation.Orders.All());
    }

    [Fact]
    public async Task ApiDocumentDeclaresXmlBodiesAndErrors()
    {
        var document = Microsoft.OpenApi.OpenApiDocument.Parse(await (await _sim.Anonymous("bandwidth").Get("openapi.json")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken), "json", new Microsoft.OpenApi.Reader.OpenApiReaderSettings()).Document!;

        var create = document.Paths["/{apiVersion}/accounts/{accountId}/orders"].Operations![HttpMethod.Post];
        Assert.Equal("bandwidth.createOrder", create.OperationId);
        Assert.Equal(["application/xml"], create.RequestBody!.Content!.Keys);
        Assert.Equal(["application/xml"], create.Responses!["201"].Content!.Keys);
        Assert.Equal(["application/xml"], create.Responses["400"].Content!.Keys);
        Assert.Equal(["application/xml"], create.Responses["401"].Content!.Keys);
        var search = document.Paths["/{apiVersion}/accounts/{accountId}/availableNumbers"].Operations![HttpMethod.Get];
        Assert.Contains(search.Parameters!, p => p.Name == "tollFreeWildCardPattern");
        Assert.Contains(search.Parameters!, p => p.Name == "enableTNDetail");
    }

    // ---- search ----

    [Fact]
    public async Task SearchAnswersTelephoneNumberListOfTenDigitNumbers()
    {
        var xml = await XmlAsync(await _client.Get($"{Account}/availableNumbers?areaCode=919&quantity=3"), 200);

        Assert.Equal("SearchResult", xml.Name.LocalName);
        Assert.Equal(["ResultCount", "TelephoneNumberList"], xml.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("3", xml.Element("ResultCount")!.Value);
        var numbers = xml.Element("TelephoneNumberList")!.Elements("TelephoneNumber").Select(e => e.Value).ToList();
        Assert.Equal(3, numbers.Count);
        Assert.All(numbers, n => Assert.Matches("^919[2-9][0-9]{6}$", n));
        Assert.Equal(numbers.Order(StringComparer.Ordinal), numbers);
    }

    [Fact]
    public async Task EnableTNDetailAnswersTelephoneNumberDetailList()
    {
        var xml = await XmlAsync(await _client.Get($"{Account}/availableNumbers?rateCenter=RALEIGH&state=NC&quantity=2&enableTNDetail=true"), 200);

        Assert.Null(xml.Element("TelephoneNumberList"));
        var details = xml.Element("TelephoneNumberDetailList")!.Elements("TelephoneNumberDetail").ToList();
        Assert.Equal(2, details.Count);
        foreach (var detail in details)
        {
            Assert.Equal(["City", "LATA", "RateCenter", "State", "FullNumber", "Tier", "VendorId", "VendorName"], detail.Elements().Select(e => e.Name.LocalName));
            Assert.Equal("RALEIGH", detail.Element("RateCenter")!.Value);
            Assert.Equal("NC", detail.Element("State")!.Value);
            Assert.Matches("^[0-9]{3,5}$", detail.Element("LATA")!.Value);
            Assert.Matches("^[2-9][0-9]{9}$", detail.Element("FullNumber")!.Value);
            Assert.Equal("Bandwidth CLEC", detail.Element("VendorName")!.Value);
        }
    }

    public static TheoryData<string, string> SearchParameters => new()
    {
        { "areaCode=919", "area:919" },
        { "npaNxx=919460", "prefix:919460" },
        { "npaNxxx=9194601", "prefix:9194601" },
        { "rateCenter=RALEIGH&state=NC", "rc:RALEIGH" },
        { "state=NC", "state:NC" },
        { "city=RALEIGH&state=NC", "state:NC" },
        { "zip=27601", "state:NC" },
        { "zip=27601-1234", "state:NC" },
        { "lata=426", "lata:426" },
        { "areaCode=919&state=NC", "area:919" },
        { "npaNxx=919460&LCA=false", "prefix:919460" },
        { "npaNxx=919460&LCA=true", "rc-of:919460" },
        { "localVanity=2222&areaCode=919", "contains:2222" },
        { "localVanity=CARS&endsIn=true&state=NC", "ends:2277" },
        { "tollFreeVanity={vanity}", "ends:{vanity}" },
        { "tollFreeWildCardPattern=8**", "tollfree:8" },
        { "tollFreeWildCardPattern=87*", "tollfree:87" },
        { "npaNxx=919460&orderBy=fullNumber", "prefix:919460" },
        { "areaCode=919&protected=NONE", "area:919" },
        { "areaCode=919&protected=MIXED", "area:919" },
    };

    [Theory]
    [MemberData(nameof(SearchParameters))]
    public async Task EverySearchParameterNarrowsTheResult(string query, string expectation)
    {
        (query, expectation) = await WithVanityAsync(query, expectation);
        var xml = await XmlAsync(await _client.Get($"{Account}/availableNumbers?{query}&quantity=10&enableTNDetail=true"), 200);
        var details = xml.Descendants("TelephoneNumberDetail").ToList();

        Assert.NotEmpty(details);
        Assert.Equal(details.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), xml.Element("ResultCount")!.Value);
        var (kind, value) = (expectation.Split(':')[0], expectation.Split(':')[1]);
        foreach (var detail in details)
        {
            var number = detail.Element("FullNumber")!.Value;
            switch (kind)
            {
                case "area" or "prefix":
                    Assert.StartsWith(value, number, StringComparison.Ordinal);
                    break;
                case "rc":
                    Assert.Equal(value, detail.Element("RateCenter")!.Value);
                    break;
                case "state":
                    Assert.Equal(value, detail.Element("State")!.Value);
                    break;
                case "lata":
                    Assert.Equal(value, detail.Element("LATA")!.Value);
                    break;
                case "contains":
                    Assert.Contains(value, number[3..], StringComparison.Ordinal);
                    break;
                case "ends":
                    Assert.EndsWith(value, number, StringComparison.Ordinal);
                    break;
                case "tollfree":
                    Assert.StartsWith(value, number, StringComparison.Ordinal);
                    Assert.True(NanpRules.IsTollFreeNpa(int.Parse(number[..3], System.Globalization.CultureInfo.InvariantCulture)), number);
                    break;
                case "rc-of":
                    var exchange = _sim.Simulation.Inventory.Catalog.FindExchange(NpaNxx.Parse(value).Value)!;
                    Assert.Equal(_sim.Simulation.Inventory.Catalog.RateCenters[exchange.RateCenterIndex].Name.ToUpperInvariant(), detail.Element("RateCenter")!.Value);
                    break;
                default:
                    Assert.Fail(kind);
                    break;
            }
        }
    }

    [Fact]
    public async Task LcaWidensAnNpaNxxSearchToItsRateCenter()
    {
        var exact = await SearchAsync("npaNxx=919460&quantity=100");
        var wide = await SearchAsync("npaNxx=919460&LCA=true&quantity=100");

        Assert.All(exact, n => Assert.StartsWith("919460", n, StringComparison.Ordinal));
        Assert.Contains(wide, n => !n.StartsWith("919460", StringComparison.Ordinal));
    }

    [Fact]
    public async Task QuantityLimitsTheResult()
    {
        Assert.Single(await SearchAsync("state=NC&quantity=1"));
        Assert.Equal(7, (await SearchAsync("state=NC&quantity=7")).Count);
        // Bandwidth's default is 5000; the simulator answers at most 100 per search.
        Assert.Equal(100, (await SearchAsync("state=NC")).Count);
    }

    [Fact]
    public async Task ProtectedOnlyFindsNothingBecauseNoNumberIsProtected()
    {
        var xml = await XmlAsync(await _client.Get($"{Account}/availableNumbers?areaCode=919&protected=ONLY"), 200);

        Assert.Equal("<SearchResult />", xml.ToString());
    }

    [Fact]
    public async Task NoMatchAnswersAnEmptySearchResult()
    {
        var xml = await XmlAsync(await _client.Get($"{Account}/availableNumbers?state=ZZ"), 200);

        Assert.Empty(xml.Elements());
    }

    public static TheoryData<string, string> SearchErrors => new()
    {
        { "", "4010" },
        { "quantity=5", "4010" },
        { "areaCode=19", "4000" },
        { "areaCode=119", "4000" },
        { "areaCode=%00", "4000" },
        { "city=%01%02&state=NC&quantity=%00", "4010" },
        { "rateCenter=RALEIGH", "4001" },
        { "npaNxx=91946", "4002" },
        { "npaNxx=919160", "4002" },
        { "npaNxxx=919460", "4002" },
        { "tollFreeVanity=CARS", "4003" },
        { "tollFreeWildCardPattern=9**", "4004" },
        { "tollFreeWildCardPattern=8*0", "4004" },
        { "city=RALEIGH", "4005" },
        { "state=North", "4006" },
        { "zip=2760", "4007" },
        { "zip=27606-12", "4007" },
        { "lata=1234567", "4008" },
        { "areaCode=919&npaNxx=919460", "4010" },
        { "tollFreeVanity=NEWCARS&state=NC", "4010" },
        { "tollFreeVanity=NEWCARS&tollFreeWildCardPattern=8**", "4010" },
        { "localVanity=CARS&zip=27606", "4010" },
        { "localVanity=AB", "4010" },
        { "areaCode=919&endsIn=true", "4010" },
        { "npaNxx=919460&LCA=true&zip=27606", "4010" },
        { "areaCode=919&LCA=maybe", "4010" },
        { "areaCode=919&quantity=0", "4010" },
        { "areaCode=919&quantity=5001", "4010" },
        { "areaCode=919&enableTNDetail=yes", "4010" },
        { "npaNxx=919460&orderBy=price", "4020" },
        { "areaCode=919&orderBy=fullNumber", "4021" },
        { "state=NC&orderBy=npaNxx", "4021" },
        { "areaCode=919&protected=ALL", "4022" },
    };

    [Theory]
    [MemberData(nameof(SearchErrors))]
    public async Task MissingOrContradictorySearchParametersGetBandwidthsCodes(string query, string expected)
    {
        var (code, description, root) = await ErrorAsync(await _client.Get($"{Account}/availableNumbers?{query}"), 400, "SearchResult");

        Assert.Equal(expected, code);
        Assert.Single(root.Elements());
        Assert.True(description.Length > 40, description);
    }

    [Fact]
    public async Task NoCriteriaGetsTheDocumentedDescription()
    {
        var (_, description, _) = await ErrorAsync(await _client.Get($"{Account}/availableNumbers"), 400, "SearchResult");

        Assert.StartsWith("One of more required search parameters are null or empty, please refer to the api documentation", description, StringComparison.Ordinal);
    }

    // ---- orders ----

    public static TheoryData<string, string> OrderTypes => new()
    {
        { "<AreaCodeSearchAndOrderType><AreaCode>919</AreaCode><Quantity>2</Quantity></AreaCodeSearchAndOrderType>", "^919" },
        { "<RateCenterSearchAndOrderType><RateCenter>RALEIGH</RateCenter><State>NC</State><Quantity>2</Quantity></RateCenterSearchAndOrderType>", "rc:RALEIGH" },
        { "<NPANXXSearchAndOrderType><NpaNxx>919460</NpaNxx><EnableTNDetail>true</EnableTNDetail><EnableLCA>false</EnableLCA><Quantity>2</Quantity></NPANXXSearchAndOrderType>", "^919460" },
        { "<CitySearchAndOrderType><Quantity>2</Quantity><City>RALEIGH</City><State>NC</State></CitySearchAndOrderType>", "state:NC" },
        { "<StateSearchAndOrderType><Quantity>2</Quantity><State>NC</State></StateSearchAndOrderType>", "state:NC" },
        { "<ZIPSearchAndOrderType><Quantity>2</Quantity><Zip>27601</Zip></ZIPSearchAndOrderType>", "state:NC" },
        { "<LATASearchAndOrderType><Quantity>2</Quantity><Lata>426</Lata></LATASearchAndOrderType>", "lata:426" },
        { "<TollFreeVanitySearchAndOrderType><Quantity>1</Quantity><TollFreeVanity>{vanity}</TollFreeVanity></TollFreeVanitySearchAndOrderType>", "{vanity}$" },
        { "<TollFreeWildCharSearchAndOrderType><Quantity>2</Quantity><TollFreeWildCardPattern>8**</TollFreeWildCardPattern></TollFreeWildCharSearchAndOrderType>", "^8[0-9]{2}" },
        { "<CombinedSearchAndOrderType><Quantity>2</Quantity><AreaCode>919</AreaCode><State>NC</State><EnableLCA>false</EnableLCA></CombinedSearchAndOrderType>", "^919" },
        { "<CombinedSearchAndOrderType><AreaCode>919</AreaCode><LocalVanity>2222</LocalVanity><Quantity>1</Quantity><EndsIn>false</EndsIn></CombinedSearchAndOrderType>", "^919.*2222" },
    };

    [Theory]
    [MemberData(nameof(OrderTypes))]
    public async Task EveryOrderTypeIsReceivedThenCompletesWithMatchingNumbers(string type, string expectation)
    {
        (type, expectation) = await WithVanityAsync(type, expectation);
        var id = await PlaceAsync(OrderXml(type));

        var pending = await OrderAsync(id);
        Assert.Equal("RECEIVED", pending.Element("OrderStatus")!.Value);
        Assert.Null(pending.Element("CompletedNumbers"));
        var quantity = int.Parse(System.Xml.Linq.XElement.Parse(type).Element("Quantity")!.Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(quantity.ToString(System.Globalization.CultureInfo.InvariantCulture), pending.Element("PendingQuantity")!.Value);

        var order = await SettledAsync(id);
        Assert.Equal("COMPLETE", order.Element("OrderStatus")!.Value);
        var numbers = Completed(order);
        Assert.Equal(quantity, numbers.Count);
        Assert.Equal(numbers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), order.Element("CompletedQuantity")!.Value);
        Assert.Equal("0", order.Element("FailedQuantity")!.Value);
        Assert.Null(order.Element("ErrorList"));
        Assert.Equal("carriersim", order.Element("CreatedByUser")!.Value);
        Assert.NotNull(order.Element("OrderCompleteDate"));
        Assert.Equal(XElement.Parse(type).Name.LocalName, order.Element("Order")!.Elements().Single(e => e.Name.LocalName.EndsWith("OrderType", StringComparison.Ordinal)).Name.LocalName);
        foreach (var number in numbers)
        {
            Assert.Equal(NumberState.Owned, Status(number).State);
            var details = _sim.Simulation.Inventory.Describe(PhoneNumber.Parse("+1" + number).Value)!;
            switch (expectation.Split(':'))
            {
                case ["rc", var center]:
                    Assert.Equal(center, details.RateCenter!.Name.ToUpperInvariant());
                    break;
                case ["state", var state]:
                    Assert.Equal(state, details.Region);
                    break;
                case ["lata", var lata]:
                    Assert.Equal(lata, details.Lata.ToString());
                    break;
                default:
                    Assert.Matches(expectation, number);
                    break;
            }
        }
    }

    [Fact]
    public async Task ExistingNumbersOrderCompletesAndTheNumbersAreInService()
    {
        var numbers = await SearchAsync("areaCode=919&quantity=2");

        var id = await PlaceAsync(OrderXml(Existing([.. numbers])));
        var order = await SettledAsync(id);

        Assert.Equal("COMPLETE", order.Element("OrderStatus")!.Value);
        Assert.Equal(numbers.Order(), Completed(order).Order());
        var tns = await XmlAsync(await _client.Get($"{Account}/inserviceNumbers"), 200);
        Assert.Equal(numbers.Order(), tns.Element("TelephoneNumbers")!.Elements("TelephoneNumber").Select(e => e.Value));
        Assert.Equal("2", tns.Element("TotalCount")!.Value);
        Assert.Equal(HttpStatusCode.OK, (await _client.Get($"{Account}/inserviceNumbers/{numbers[0]}")).StatusCode);
        await ErrorAsync(await _client.Get($"{Account}/inserviceNumbers/9999999999"), 404, "TNs");
    }

    [Fact]
    public async Task ExistingNumbersOrderWithATakenNumberEndsPartialWith5005ForIt()
    {
        var numbers = await SearchAsync("areaCode=919&quantity=3");
        _sim.Simulation.Inventory.TakeByCompetitor([PhoneNumber.Parse("+1" + numbers[1]).Value]);

        var order = await SettledAsync(await PlaceAsync(OrderXml(Existing([.. numbers]))));

        Assert.Equal("PARTIAL", order.Element("OrderStatus")!.Value);
        Assert.Equal([numbers[0], numbers[2]], Completed(order).Order());
        Assert.Equal([("5005", (string?)numbers[1])], Errors(order));
        Assert.Equal("2", order.Element("CompletedQuantity")!.Value);
        Assert.Equal("1", order.Element("FailedQuantity")!.Value);
    }

    [Fact]
    public async Task ExistingNumbersOrderWithoutPartialAllowedFailsWholeAndHoldsNothing()
    {
        var numbers = await SearchAsync("areaCode=919&quantity=3");
        _sim.Simulation.Inventory.TakeByCompetitor([PhoneNumber.Parse("+1" + numbers[1]).Value]);

        var id = await PlaceAsync(OrderXml(Existing([.. numbers]), partial: "false"));
        // Received and pending: the order holds nothing meanwhile.
        Assert.All([numbers[0], numbers[2]], n => Assert.Equal(NumberState.Available, Status(n).State));
        var order = await SettledAsync(id);

        Assert.Equal("FAILED", order.Element("OrderStatus")!.Value);
        Assert.Empty(Completed(order));
        Assert.Equal("3", order.Element("FailedQuantity")!.Value);
        Assert.Equal([("5005", (string?)numbers[1])], Errors(order));
        Assert.All([numbers[0], numbers[2]], n => Assert.NotEqual(NumberState.Owned, Status(n).State));
    }

    [Fact]
    public async Task SearchAndOrderUnderContestedInventoryEndsPartialWith5017OrFailedWith5018()
    {
        // The competitor leaves two numbers in the block: an order for five fills two, or none.
        Exhaust(9194601, keep: 2);
        var type = "<CombinedSearchAndOrderType><NpaNxxX>9194601</NpaNxxX><Quantity>5</Quantity></CombinedSearchAndOrderType>";

        var failed = await SettledAsync(await PlaceAsync(OrderXml(type, partial: "false")));
        var partial = await SettledAsync(await PlaceAsync(OrderXml(type)));
        var empty = await SettledAsync(await PlaceAsync(OrderXml(type)));

        Assert.Equal("FAILED", failed.Element("OrderStatus")!.Value);
        Assert.Equal("5", failed.Element("FailedQuantity")!.Value);
        Assert.Equal([("5017", (string?)null)], Errors(failed));
        Assert.Equal("PARTIAL", partial.Element("OrderStatus")!.Value);
        Assert.Equal(2, Completed(partial).Count);
        Assert.Equal("3", partial.Element("FailedQuantity")!.Value);
        Assert.Equal([("5017", (string?)null)], Errors(partial));
        Assert.Equal("FAILED", empty.Element("OrderStatus")!.Value);
        Assert.Equal([("5018", (string?)null)], Errors(empty));
    }

    [Fact]
    public async Task ShortfallWithoutPartialAllowedFailsAndHoldsNothing()
    {
        Exhaust(9194602, keep: 1);
        var left = (await SearchAsync("npaNxxx=9194602&quantity=100")).Single();

        var id = await PlaceAsync(OrderXml("<CombinedSearchAndOrderType><NpaNxxX>9194602</NpaNxxX><Quantity>3</Quantity></CombinedSearchAndOrderType>", partial: "false"));
        Assert.Equal(NumberState.Available, Status(left).State);
        var order = await SettledAsync(id);

        Assert.Equal("FAILED", order.Element("OrderStatus")!.Value);
        Assert.Equal(NumberState.Available, Status(left).State);
        Assert.Equal([("5017", (string?)null)], Errors(order));
    }

    [Fact]
    public async Task ConcurrentSearchAndOrdersNeverSellANumberTwice()
    {
        var clients = Enumerable.Range(0, 6).Select(i => _sim.Bandwidth($"buyer{i}", "pw")).ToList();
        var type = OrderXml("<NPANXXSearchAndOrderType><NpaNxx>919460</NpaNxx><Quantity>20</Quantity></NPANXXSearchAndOrderType>");

        var ids = await Task.WhenAll(clients.Select(c => PlaceAsync(type, c)));
        _sim.Time.Advance(TimeSpan.FromSeconds(5));
        var orders = await Task.WhenAll(ids.Select((id, i) => OrderAsync(id, clients[i])));

        var sold = orders.SelectMany(Completed).ToList();
        Assert.Equal(sold.Count, sold.Distinct().Count());
        Assert.All(orders, o => Assert.Contains(o.Element("OrderStatus")!.Value, new[] { "COMPLETE", "PARTIAL", "FAILED" }));
        Assert.All(sold, n => Assert.Equal(NumberState.Owned, Status(n).State));
    }

    public static TheoryData<string, string> OrderErrors => new()
    {
        { OrderXml(Existing("9194601234"), site: "abc"), "5016" },
        { "<Order><ExistingTelephoneNumberOrderType><TelephoneNumberList><TelephoneNumber>9194601234</TelephoneNumber></TelephoneNumberList></ExistingTelephoneNumberOrderType></Order>", "5022" },
        { OrderXml(Existing("9194601234")).Replace("123456789", "bad_id!", StringComparison.Ordinal), "5052" },
        { OrderXml(Existing("9194601234"), partial: "sometimes"), "5002" },
        { OrderXml("<ExistingTelephoneNumberOrderType><TelephoneNumberList/></ExistingTelephoneNumberOrderType>"), "5073" },
        { OrderXml(Existing("919460123")), "5070" },
        { OrderXml(Existing("+19194601234")), "5070" },
        { OrderXml(Existing("9194601234", "9194601234")), "5072" },
        { OrderXml(Existing([.. Enumerable.Range(0, 101).Select(i => $"919460{i:D4}")])), "5095" },
        { OrderXml("<ExistingTelephoneNumberOrderType><TelephoneNumberList><TelephoneNumber>9194601234</TelephoneNumber></TelephoneNumberList><ReservationIdList><ReservationId>nope</ReservationId></ReservationIdList></ExistingTelephoneNumberOrderType>"), "5042" },
        { OrderXml("<AreaCodeSearchAndOrderType><AreaCode>919</AreaCode></AreaCodeSearchAndOrderType>"), "5009" },
        { OrderXml("<AreaCodeSearchAndOrderType><AreaCode>919</AreaCode><Quantity>0</Quantity></AreaCodeSearchAndOrderType>"), "5009" },
        { OrderXml("<AreaCodeSearchAndOrderType><AreaCode>919</AreaCode><Quantity>101</Quantity></AreaCodeSearchAndOrderType>"), "5095" },
        { OrderXml("<AreaCodeSearchAndOrderType><AreaCode>19</AreaCode><Quantity>1</Quantity></AreaCodeSearchAndOrderType>"), "4000" },
        { OrderXml("<AreaCodeSearchAndOrderType><Quantity>1</Quantity></AreaCodeSearchAndOrderType>"), "5002" },
        { OrderXml("<AreaCodeSearchAndOrderType><AreaCode>919</AreaCode><State>NC</State><Quantity>1</Quantity></AreaCodeSearchAndOrderType>"), "5002" },
        { OrderXml("<RateCenterSearchAndOrderType><RateCenter>RALEIGH</RateCenter><Quantity>1</Quantity></RateCenterSearchAndOrderType>"), "5002" },
        { OrderXml("<ZIPSearchAndOrderType><Zip>ABCDE</Zip><Quantity>1</Quantity></ZIPSearchAndOrderType>"), "4007" },
        { OrderXml("<CombinedSearchAndOrderType><AreaCode>919</AreaCode><NpaNxx>919460</NpaNxx><Quantity>1</Quantity></CombinedSearchAndOrderType>"), "4010" },
        { OrderXml("<CombinedSearchAndOrderType><LocalVanity>CARS</LocalVanity><Quantity>1</Quantity></CombinedSearchAndOrderType>"), "5002" },
        { OrderXml("<CombinedSearchAndOrderType><Quantity>1</Quantity></CombinedSearchAndOrderType>"), "5002" },
        { "<Order><SiteId>743</SiteId><BackOrderRequested>true</BackOrderRequested>" + Existing("9194601234") + "</Order>", "5522" },
        { "<Order><SiteId>743</SiteId><TnAttributes><TnAttribute>Shiny</TnAttribute></TnAttributes>" + Existing("9194601234") + "</Order>", "5102" },
        { "<Order><SiteId>743</SiteId><TnAttributes><TnAttribute>Protected</TnAttribute><TnAttribute>Protected</TnAttribute></TnAttributes>" + Existing("9194601234") + "</Order>", "5102" },
    };

    [Theory]
    [MemberData(nameof(OrderErrors))]
    public async Task InvalidOrdersGet400WithTheOrderEchoed(string body, string expected)
    {
        var (code, description, root) = await ErrorAsync(await PostXml($"{Account}/orders", body), 400, "OrderResponse");

        Assert.Equal(expected, code);
        Assert.True(description.Length > 20, description);
        Assert.Equal(["ErrorList", "Order"], root.Elements().Select(e => e.Name.LocalName));
        Assert.NotNull(root.Element("Order")!.Element("OrderCreateDate"));
        Assert.Null(root.Element("Order")!.Element("id"));
        Assert.Empty(_sim.Simulation.Orders.All());
    }

    [Fact]
    public async Task OrderResponseEchoesTheRequestWithIdAndCreateDate()
    {
        var response = await PostXml($"{Account}/orders",
            "<Order><CustomerOrderId>ORD-1</CustomerOrderId><Name>Zip Order</Name><BackOrderRequested>false</BackOrderRequested><ZIPSearchAndOrderType><Quantity>1</Quantity><Zip>27601</Zip></ZIPSearchAndOrderType><TnAttributes><TnAttribute>Protected</TnAttribute></TnAttributes><PartialAllowed>true</PartialAllowed><SiteId>3013</SiteId></Order>");
        var xml = await XmlAsync(response, 201);

        Assert.Equal(["Order", "OrderStatus"], xml.Elements().Select(e => e.Name.LocalName));
        var order = xml.Element("Order")!;
        Assert.Equal(["CustomerOrderId", "id", "Name", "OrderCreateDate", "BackOrderRequested", "ZIPSearchAndOrderType", "TnAttributes", "PartialAllowed", "SiteId"], order.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("2026-11-23T12:00:00.000Z", order.Element("OrderCreateDate")!.Value);
        Assert.Equal("ORD-1", order.Element("CustomerOrderId")!.Value);
        Assert.Equal("27601", order.Element("ZIPSearchAndOrderType")!.Element("Zip")!.Value);
    }

    [Fact]
    public async Task OrdersListPagesFiltersAndLinks()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await PlaceAsync(OrderXml("<StateSearchAndOrderType><Quantity>1</Quantity><State>NC</State></StateSearchAndOrderType>").Replace("123456789", $"C{i}", StringComparison.Ordinal)));
            _sim.Time.Advance(TimeSpan.FromMilliseconds(10));
        }

        _sim.Time.Advance(TimeSpan.FromSeconds(5));
        var first = await XmlAsync(await _client.Get($"{Account}/orders?page=1&size=2"), 200);
        var list = first.Element("ListOrderIdUserIdDate")!;
        Assert.Equal("ResponseSelectWrapper", first.Name.LocalName);
        Assert.Equal("3", list.Element("TotalCount")!.Value);
        var page = list.Elements("OrderIdUserIdDate").ToList();
        Assert.Equal([ids[2], ids[1]], page.Select(o => o.Element("orderId")!.Value));
        Assert.Equal(["CountOfTNs", "CustomerOrderId", "lastModifiedDate", "OrderDate", "orderId", "OrderStatus", "userId"], page[0].Elements().Select(e => e.Name.LocalName));
        var next = list.Element("Links")!.Element("next")!.Value;
        Assert.Contains($"page={ids[0]}&size=2", next, StringComparison.Ordinal);

        var second = await XmlAsync(await _client.Get($"{Account}/orders?page={ids[0]}&size=2"), 200);
        Assert.Equal([ids[0]], second.Descendants("orderId").Select(e => e.Value));
        Assert.Null(second.Descendants("next").SingleOrDefault());

        Assert.Equal([ids[1]], (await XmlAsync(await _client.Get($"{Account}/orders?customerOrderId=C1"), 200)).Descendants("orderId").Select(e => e.Value));
        Assert.Equal(3, (await XmlAsync(await _client.Get($"{Account}/orders?status=COMPLETE"), 200)).Descendants("orderId").Count());
        await ErrorAsync(await _client.Get($"{Account}/orders?page=unknown"), 404, "ResponseSelectWrapper");
        await ErrorAsync(await _client.Get($"{Account}/orders?size=0"), 400, "ResponseSelectWrapper");
        await ErrorAsync(await _client.Get($"{Account}/orders?status=DONE"), 400, "ResponseSelectWrapper");
    }

    [Fact]
    public async Task UnknownOrderGets404()
    {
        var (code, _, _) = await ErrorAsync(await _client.Get($"{Account}/orders/2f9a8f48-9f0e-4a51-a2b5-1b8b0c1b2c3d"), 404, "OrderResponse");

        Assert.Equal("5035", code);
    }

    // ---- reservations ----

    [Fact]
    public async Task ReservationHoldsANumberForFourHoursOnTheSimulatorClock()
    {
        var number = (await SearchAsync("areaCode=919&quantity=1"))[0];
        var response = await PostXml($"{Account}/tnreservation", $"<Reservation><ReservedTn>{number}</ReservedTn></Reservation>");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = response.Headers.Location!.Segments[^1];
        Assert.Contains("/bandwidth/api/accounts/9900000/tnreservation/", response.Headers.Location.ToString(), StringComparison.Ordinal);

        var reservation = (await XmlAsync(await _client.Get($"{Account}/tnreservation/{id}"), 200)).Element("Reservation")!;
        Assert.Equal(["ReservationId", "AccountId", "ReservationExpires", "ReservedTn"], reservation.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("14400", reservation.Element("ReservationExpires")!.Value);
        Assert.Equal(number, reservation.Element("ReservedTn")!.Value);
        Assert.Equal("9900000", reservation.Element("AccountId")!.Value);

        // Another account neither finds it nor gets it.
        using var other = _sim.Bandwidth("rival", "pw");
        Assert.DoesNotContain(number, await SearchAsync("areaCode=919&quantity=100", other));
        var theirs = await SettledAsync(await PlaceAsync(OrderXml(Existing(number)), other), other);
        Assert.Equal("FAILED", theirs.Element("OrderStatus")!.Value);
        Assert.Equal([("5005", (string?)number)], Errors(theirs));

        _sim.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal("10795", (await XmlAsync(await _client.Get($"{Account}/tnreservation/{id}"), 200)).Descendants("ReservationExpires").Single().Value);
        _sim.Time.Advance(TimeSpan.FromHours(3));
        var (code, _, _) = await ErrorAsync(await _client.Get($"{Account}/tnreservation/{id}"), 404, "ReservationResponse");
        Assert.Equal("5042", code);
        Assert.Contains(number, await SearchAsync("areaCode=919&quantity=100", other));
    }

    [Fact]
    public async Task OrderWithTheReservationIdGetsTheReservedNumber()
    {
        var number = (await SearchAsync("areaCode=919&quantity=1"))[0];
        var id = (await PostXml($"{Account}/tnreservation", $"<Reservation><ReservedTn>{number}</ReservedTn></Reservation>")).Headers.Location!.Segments[^1];

        var withoutId = await SettledAsync(await PlaceAsync(OrderXml(Existing(number))));
        var withId = await SettledAsync(await PlaceAsync(OrderXml($"<ExistingTelephoneNumberOrderType><TelephoneNumberList><TelephoneNumber>{number}</TelephoneNumber></TelephoneNumberList><ReservationIdList><ReservationId>{id}</ReservationId></ReservationIdList></ExistingTelephoneNumberOrderType>")));

        Assert.Equal("FAILED", withoutId.Element("OrderStatus")!.Value);
        Assert.Equal("COMPLETE", withId.Element("OrderStatus")!.Value);
        Assert.Equal([number], Completed(withId));
        await ErrorAsync(await _client.Get($"{Account}/tnreservation/{id}"), 404, "ReservationResponse");
    }

    [Fact]
    public async Task DeletingAReservationAnswersItAndFreesTheNumber()
    {
        var number = (await SearchAsync("areaCode=919&quantity=1"))[0];
        var id = (await PostXml($"{Account}/tnreservation", $"<Reservation><ReservedTn>{number}</ReservedTn></Reservation>")).Headers.Location!.Segments[^1];

        var deleted = await XmlAsync(await _client.DeleteAsync($"{Account}/tnreservation/{id}", TestContext.Current.CancellationToken), 200);

        Assert.Equal(number, deleted.Descendants("ReservedTn").Single().Value);
        await ErrorAsync(await _client.Get($"{Account}/tnreservation/{id}"), 404, "ReservationResponse");
        await ErrorAsync(await _client.DeleteAsync($"{Account}/tnreservation/{id}", TestContext.Current.CancellationToken), 404, "ReservationResponse");
        using var other = _sim.Bandwidth("rival", "pw");
        Assert.Contains(number, await SearchAsync("areaCode=919&quantity=100", other));
    }

    [Fact]
    public async Task ReservationErrorsUseResponseStatus()
    {
        var number = (await SearchAsync("areaCode=919&quantity=1"))[0];
        _sim.Simulation.Inventory.TakeByCompetitor([PhoneNumber.Parse("+1" + number).Value]);

        var (taken, description, _) = await ErrorAsync(await PostXml($"{Account}/tnreservation", $"<Reservation><ReservedTn>{number}</ReservedTn></Reservation>"), 400, "ReservationResponse");
        Assert.Equal("5041", taken);
        Assert.Equal($"Reservation failed: telephone number {number} is not available.", description);
        Assert.Equal("5044", (await ErrorAsync(await PostXml($"{Account}/tnreservation", "<Reservation/>"), 400, "ReservationResponse")).Code);
        Assert.Equal("5045", (await ErrorAsync(await PostXml($"{Account}/tnreservation", "<Reservation><ReservedTn>12</ReservedTn></Reservation>"), 400, "ReservationResponse")).Code);
        Assert.Equal("5044", (await ErrorAsync(await PostXml($"{Account}/tnreservation", "<Reservation><ReservedTn>"), 400, "ReservationResponse")).Code);

        var free = (await SearchAsync("areaCode=919&quantity=1"))[0];
        await PostXml($"{Account}/tnreservation", $"<Reservation><ReservedTn>{free}</ReservedTn></Reservation>");
        Assert.Equal("5041", (await ErrorAsync(await PostXml($"{Account}/tnreservation", $"<Reservation><ReservedTn>{free}</ReservedTn></Reservation>"), 400, "ReservationResponse")).Code);
    }

    // ---- disconnects and in-service numbers ----

    private static string DisconnectXml(params string[] numbers) =>
        $"<DisconnectTelephoneNumberOrder><CustomerOrderId>My OrderId</CustomerOrderId><DisconnectTelephoneNumberOrderType><TelephoneNumberList>{string.Concat(numbers.Select(n => $"<TelephoneNumber>{n}</TelephoneNumber>"))}</TelephoneNumberList></DisconnectTelephoneNumberOrderType></DisconnectTelephoneNumberOrder>";

    [Fact]
    public async Task DisconnectIsReceivedThenCompletesAndQuarantinesTheNumbers()
    {
        var numbers = await SearchAsync("areaCode=919&quantity=2");
        await SettledAsync(await PlaceAsync(OrderXml(Existing([.. numbers]))));

        var response = await PostXml($"{Account}/disconnects", DisconnectXml([.. numbers]));
        var created = await XmlAsync(response, 201);
        Assert.Equal("DisconnectTelephoneNumberOrderResponse", created.Name.LocalName);
        Assert.Equal("RECEIVED", created.Element("OrderStatus")!.Value);
        var request = created.Element("orderRequest")!;
        Assert.Equal(["CustomerOrderId", "id", "OrderCreateDate", "DisconnectTelephoneNumberOrderType"], request.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("normal", request.Descendants("DisconnectMode").Single().Value);
        Assert.Equal("UNCHANGED", request.Descendants("Protected").Single().Value);
        var id = request.Element("id")!.Value;
        Assert.EndsWith($"/disconnects/{id}", response.Headers.Location!.ToString());
        Assert.All(numbers, n => Assert.Equal(NumberState.Owned, Status(n).State));

        _sim.Time.Advance(TimeSpan.FromSeconds(5));
        var done = await XmlAsync(await _client.Get($"{Account}/disconnects/{id}"), 200);

        Assert.Equal("COMPLETE", done.Element("OrderStatus")!.Value);
        Assert.Equal(numbers.Order(), done.Element("DisconnectedTelephoneNumberList")!.Elements("TelephoneNumber").Select(e => e.Value).Order());
        Assert.All(numbers, n => Assert.Equal(NumberState.Quarantined, Status(n).State));
        Assert.Equal(HttpStatusCode.NoContent, (await _client.Get($"{Account}/inserviceNumbers")).StatusCode);
        await ErrorAsync(await _client.Get($"{Account}/inserviceNumbers/{numbers[0]}"), 404, "TNs");
    }

    [Fact]
    public async Task DisconnectOfNumbersNotOnTheAccountReportsThemWith5076()
    {
        var numbers = await SearchAsync("areaCode=919&quantity=2");
        await SettledAsync(await PlaceAsync(OrderXml(Existing(numbers[0]))));

        var id = (await XmlAsync(await PostXml($"{Account}/disconnects", DisconnectXml([.. numbers])), 201)).Element("orderRequest")!.Element("id")!.Value;
        var none = (await XmlAsync(await PostXml($"{Account}/disconnects", DisconnectXml(numbers[1])), 201)).Element("orderRequest")!.Element("id")!.Value;
        _sim.Time.Advance(TimeSpan.FromSeconds(5));

        var partial = await XmlAsync(await _client.Get($"{Account}/disconnects/{id}"), 200);
        Assert.Equal("PARTIAL", partial.Element("OrderStatus")!.Value);
        Assert.Equal([numbers[0]], partial.Element("DisconnectedTelephoneNumberList")!.Elements().Select(e => e.Value));
        Assert.Equal([("5076", (string?)numbers[1])], Errors(partial));
        Assert.Equal("FAILED", (await XmlAsync(await _client.Get($"{Account}/disconnects/{none}"), 200)).Element("OrderStatus")!.Value);
    }

    [Theory]
    [InlineData("<DisconnectTelephoneNumberOrder/>", "5073")]
    [InlineData("<DisconnectTelephoneNumberOrder><DisconnectTelephoneNumberOrderType><TelephoneNumberList><TelephoneNumber>123</TelephoneNumber></TelephoneNumberList></DisconnectTelephoneNumberOrderType></DisconnectTelephoneNumberOrder>", "5070")]
    [InlineData("<DisconnectTelephoneNumberOrder><DisconnectTelephoneNumberOrderType><TelephoneNumberList><TelephoneNumber>9194601234</TelephoneNumber><TelephoneNumber>9194601234</TelephoneNumber></TelephoneNumberList></DisconnectTelephoneNumberOrderType></DisconnectTelephoneNumberOrder>", "5093")]
    [InlineData("<DisconnectTelephoneNumberOrder><DisconnectTelephoneNumberOrderType><DisconnectMode>delete</DisconnectMode><TelephoneNumberList><TelephoneNumber>9194601234</TelephoneNumber></TelephoneNumberList></DisconnectTelephoneNumberOrderType></DisconnectTelephoneNumberOrder>", "5084")]
    [InlineData("<DisconnectTelephoneNumberOrder><DisconnectTelephoneNumberOrderType><Protected>YES</Protected><TelephoneNumberList><TelephoneNumber>9194601234</TelephoneNumber></TelephoneNumberList></DisconnectTelephoneNumberOrderType></DisconnectTelephoneNumberOrder>", "5108")]
    [InlineData("<DisconnectTelephoneNumberOrder><CustomerOrderId>a_b</CustomerOrderId><DisconnectTelephoneNumberOrderType><TelephoneNumberList><TelephoneNumber>9194601234</TelephoneNumber></TelephoneNumberList></DisconnectTelephoneNumberOrderType></DisconnectTelephoneNumberOrder>", "5052")]
    [InlineData("<DisconnectTelephoneNumberOrder>", "5002")]
    public async Task InvalidDisconnectsGet400InTheDisconnectShape(string body, string expected)
    {
        var (code, _, _) = await ErrorAsync(await PostXml($"{Account}/disconnects", body), 400, "DisconnectTelephoneNumberOrderResponse");

        Assert.Equal(expected, code);
        Assert.Empty(_sim.Simulation.Orders.All());
    }

    [Fact]
    public async Task InServiceNumbersFilterAndPage()
    {
        var raleigh = await SearchAsync("rateCenter=RALEIGH&state=NC&quantity=3");
        var elsewhere = await SearchAsync("state=CA&quantity=2");
        await SettledAsync(await PlaceAsync(OrderXml(Existing([.. raleigh, .. elsewhere]))));
        var raleighDetails = _sim.Simulation.Inventory.Describe(PhoneNumber.Parse("+1" + raleigh[0]).Value)!;

        async Task<List<string>> ListAsync(string query) =>
            [.. (await XmlAsync(await _client.Get($"{Account}/inserviceNumbers?{query}"), 200)).Descendants("TelephoneNumber").Select(e => e.Value)];

        Assert.Equal(5, (await ListAsync("")).Count);
        Assert.Equal(raleigh.Order(), await ListAsync("ratecenter=RALEIGH&state=NC"));
        Assert.Equal(raleigh.Order(), await ListAsync("state=NC"));
        Assert.Equal(elsewhere.Order(), await ListAsync("state=CA"));
        Assert.All(await ListAsync($"lata={raleighDetails.Lata}"), n => Assert.Contains(n, raleigh));
        Assert.All(await ListAsync($"areacode={raleigh[0][..3]}"), n => Assert.StartsWith(raleigh[0][..3], n, StringComparison.Ordinal));
        Assert.Equal([raleigh[0]], (await ListAsync($"npanxx={raleigh[0][..6]}")).Where(n => n == raleigh[0]));
        Assert.Equal(5, (await ListAsync("startdate=26-11-23&enddate=2026-11-23")).Count);
        Assert.Equal(HttpStatusCode.NoContent, (await _client.Get($"{Account}/inserviceNumbers?startdate=26-11-24")).StatusCode);

        var page = await XmlAsync(await _client.Get($"{Account}/inserviceNumbers?page=2&size=2"), 200);
        Assert.Equal("5", page.Element("TotalCount")!.Value);
        Assert.Equal("2", page.Element("TelephoneNumbers")!.Element("Count")!.Value);
        Assert.Contains("page=3&size=2", page.Element("Links")!.Element("next")!.Value, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, (await _client.Get($"{Account}/inserviceNumbers?page=9&size=2")).StatusCode);
    }

    [Theory]
    [InlineData("ratecenter=RALEIGH")]
    [InlineData("areacode=19")]
    [InlineData("npanxx=abc")]
    [InlineData("state=Carolina")]
    [InlineData("size=0")]
    [InlineData("page=0")]
    [InlineData("startdate=yesterday")]
    public async Task InvalidInServiceParametersGet404AsDocumented(string query)
    {
        var (code, _, _) = await ErrorAsync(await _client.Get($"{Account}/inserviceNumbers?{query}"), 404, "TNs");

        Assert.Equal("404", code);
    }

    // ---- chaos through the shared order path ----

    [Fact]
    public async Task PartialFillChaosOnASearchAndOrderEndsPartial()
    {
        await (await _sim.Admin().PostJsonAsync("chaos/rules", new { name = "half", kind = "partialFill", fillRatio = 0.5, target = new { dialect = "bandwidth" } })).JsonAsync(201);

        var order = await SettledAsync(await PlaceAsync(OrderXml("<AreaCodeSearchAndOrderType><AreaCode>919</AreaCode><Quantity>4</Quantity></AreaCodeSearchAndOrderType>")));

        Assert.Equal("PARTIAL", order.Element("OrderStatus")!.Value);
        Assert.Equal(2, Completed(order).Count);
        Assert.Equal(2, Errors(order).Count(e => e.Code == "5003"));
        Assert.Contains(Errors(order), e => e.Code == "5017");
    }

    [Fact]
    public async Task OutcomeChaosAnswersInTheOperationsShape()
    {
        await (await _sim.Admin().PostJsonAsync("chaos/rules", new { name = "down", kind = "outcome", statusCode = 503, target = new { dialect = "bandwidth" } })).JsonAsync(201);

        Assert.Equal("503", (await ErrorAsync(await _client.Get($"{Account}/availableNumbers?areaCode=919"), 503, "SearchResult")).Code);
        Assert.Equal("503", (await ErrorAsync(await PostXml($"{Account}/orders", OrderXml(Existing("9194601234"))), 503, "OrderResponse")).Code);
        Assert.Equal("503", (await ErrorAsync(await PostXml($"{Account}/tnreservation", "<Reservation><ReservedTn>9194601234</ReservedTn></Reservation>"), 503, "ReservationResponse")).Code);
    }

    [Fact]
    public async Task MagicNumbersWorkWithTenDigitTns()
    {
        var taken = await SettledAsync(await PlaceAsync(OrderXml(Existing("9195550145"))));
        var stuck = await PlaceAsync(OrderXml(Existing("9195550165")));
        _sim.Time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal("FAILED", taken.Element("OrderStatus")!.Value);
        Assert.Equal([("5005", (string?)"9195550145")], Errors(taken));
        Assert.Equal("RECEIVED", (await OrderAsync(stuck)).Element("OrderStatus")!.Value);
        Assert.Equal(OrderStatus.Pending, _sim.Simulation.Orders.All().Single(o => o.Requested.Any(n => n.ToString() == "+19195550165")).Status);
    }
}
