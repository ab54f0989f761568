using System.Text.Json;
using System.Xml.Linq;
using static CarrierSim.Contracts.Tests.Dialects.PactXml;
using static CarrierSim.Contracts.Tests.Dialects.Vendor;

namespace CarrierSim.Contracts.Tests.Dialects;

/// <summary>
/// Bandwidth's numbers API, from the examples of Bandwidth/api-docs site/specs/numbers.yml (GetAvailableTns,
/// CreateOrder, RetrieveOrder, ReserveTn, CreateDisconnectOrder, ReadInserviceTns) and the error codes of
/// site/docs/numbers/errors.mdx. Bodies are XML in Pact's XML-with-matchers form: the engine writes the
/// example documents and matching rules (paths such as <c>$.SearchResult.TelephoneNumberList.TelephoneNumber.#text</c>).
/// Where the engine's XML matching falls short (docs/dialects/bandwidth.md, "Contract"): regex matchers must match
/// the whole text; text holding escaped markup (<c>&lt;Order&gt;</c>) loses the spaces next to it, so such
/// descriptions are matched by prefix; the XML declaration is not compared. BandwidthTests
/// checks those exactly.
/// </summary>
internal static class BandwidthContract
{
    public const string Dialect = "bandwidth";
    public const string Username = "carriersim";
    public const string AccountId = "9900000";

    private const string Account = "/api/accounts/" + AccountId;
    private const string Xml = "application/xml";
    private const string Tn = @"^[2-9]\d{2}[2-9]\d{6}$";
    private const string Timestamp = @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$";

    // Basic carriersim:carriersim — any Dashboard API user works in the simulator.
    private static readonly (string, string)[] Auth = [("Authorization", "Basic Y2FycmllcnNpbTpjYXJyaWVyc2lt")];

    public static IReadOnlyList<ContractCase> Cases { get; } =
    [
        new ContractCase
        {
            Dialect = Dialect,
            Description = "a search for numbers in an area code",
            States = [State("numbers are available in area code {area_code}", ("area_code", "919"))],
            Method = "GET",
            Path = Account + "/availableNumbers",
            Query = [("areaCode", "919"), ("quantity", "2")],
            Headers = Auth,
            ContentType = Xml,
            Status = 200,
            ResponseBody = Document(Element("SearchResult",
                Regex("ResultCount", "2", @"^\d+$"),
                Element("TelephoneNumberList", EachLike(Regex("TelephoneNumber", "9192286710", @"^919\d{7}$"))))),
            Then = body =>
            {
                var result = Parse(body);
                Assert.Equal("SearchResult", result.Name.LocalName);
                Assert.All(result.Descendants("TelephoneNumber"), n => Assert.Matches(Tn, n.Value));
            },
        },
        new ContractCase
        {
            Dialect = Dialect,
            Description = "a search with details in a rate center",
            States = [State("numbers are available in state {state}", ("state", "NC"))],
            Method = "GET",
            Path = Account + "/availableNumbers",
            Query = [("rateCenter", "RALEIGH"), ("state", "NC"), ("quantity", "2"), ("enableTNDetail", "true")],
            Headers = Auth,
            ContentType = Xml,
            Status = 200,
            ResponseBody = Document(Element("SearchResult",
                Regex("ResultCount", "2", @"^\d+$"),
                Element("TelephoneNumberDetailList", EachLike(Element("TelephoneNumberDetail",
                    Regex("City", "RALEIGH", @"^[A-Z0-9 .'-]*$"),
                    Regex("LATA", "426", @"^\d{3,5}$"),
                    Element("RateCenter", "RALEIGH"),
                    Element("State", "NC"),
                    Regex("FullNumber", "9192286710", Tn),
                    Element("Tier", "0"),
                    Element("VendorId", "49"),
                    Element("VendorName", "Bandwidth CLEC")))))),
            Then = body => Assert.All(Parse(body).Descendants("TelephoneNumberDetail"), d => Assert.Equal("RALEIGH", d.Element("RateCenter")!.Value)),
        },
        new ContractCase
        {
            Dialect = Dialect,
            Description = "a search without criteria",
            Method = "GET",
            Path = Account + "/availableNumbers",
            Query = [("quantity", "5")],
            Headers = Auth,
            ContentType = Xml,
            Status = 400,
            ResponseBody = Document(Element("SearchResult", Element("Error",
                Element("Code", "4010"),
                Regex("Description", "One of more required search parameters are null or empty, please refer to the api documentation", "^One of more required search parameters are null or empty, please refer to the api documentation.*$")))),
            Then = body => Assert.Equal("4010", Parse(body).Element("Error")!.Element("Code")!.Value),
        },
        new ContractCase
        {
            Dialect = Dialect,
            Description = "a search without credentials",
            Method = "GET",
            Path = Account + "/availableNumbers",
            Query = [("areaCode", "919")],
            ContentType = Xml,
            Status = 401,
            ResponseBody = Document(Element("SearchResult", Element("Error",
                Element("Code", "401"),
                Regex("Description", "Authentication failed", ".+")))),
            Then = body => Assert.Equal("401", Parse(body).Element("Error")!.Element("Code")!.Value),
        },
        new ContractCase
        {
            Dialect = Dialect,
            Description = "a ZIP search-and-order",
            Method = "POST",
            Path = Account + "/orders",
            Headers = Auth,
            ContentType = Xml,
            Body = Document(Element("Order",
                Element("CustomerOrderId", "123456789"),
                Element("Name", "Zip Order"),
                Element("BackOrderRequested", "false"),
                Element("ZIPSearchAndOrderType", Element("Quantity", "1"), Element("Zip", "27606")),
                Element("TnAttributes", Element("TnAttribute", "Protected"), Element("TnAttribute", "External"), Element("TnAttribute", "Imported")),
                Element("PartialAllowed", "true"),
                Element("SiteId", "3013"))),
            Status = 201,
            ResponseHeaders = [("Location", Match.Regex($"https://dashboard.bandwidth.com{Account}/orders/34adcd9f-2c4a-4631-9dae-d1f318ed57bc", @"^https?://.+/accounts/9900000/orders/[0-9a-f-]{36}$"))],
            ResponseBody = Document(Element("OrderResponse",
                Element("Order",
                    Element("CustomerOrderId", "123456789"),
                    Regex("id", "34adcd9f-2c4a-4631-9dae-d1f318ed57bc", Uuid),
                    Element("Name", "Zip Order"),
                    Regex("OrderCreateDate", "2014-07-11T17:13:57.788Z", Timestamp),
                    Element("BackOrderRequested", "false"),
                    Element("ZIPSearchAndOrderType", Element("Quantity", "1"), Element("Zip", "27606")),
                    Element("TnAttributes", Element("TnAttribute", "Protected"), Element("TnAttribute", "External"), Element("TnAttribute", "Imported")),
                    Element("PartialAllowed", "true"),
                    Element("SiteId", "3013")),
                Element("OrderStatus", "RECEIVED"))),
            Then = body => Assert.Equal("RECEIVED", Parse(body).Element("OrderStatus")!.Value),
        },
        new ContractCase
        {
            Dialect = Dialect,
            Description = "an order for numbers found by an earlier search",
            States = [State("number {number} is available", ("number", "+19193752369")), State("number {number} is available", ("number", "+19193752720"))],
            Method = "POST",
            Path = Account + "/orders",
            Headers = Auth,
            ContentType = Xml,
            Body = Document(Element("Order",
                Element("CustomerOrderId", "123456789"),
                Element("Name", "Existing Number Order"),
                Element("ExistingTelephoneNumberOrderType", Element("TelephoneNumberList", Element("TelephoneNumber", "9193752369"), Element("TelephoneNumber", "9193752720"))),
                Element("SiteId", "743"))),
            Status = 201,
            ResponseBody = Document(Element("OrderResponse",
                Element("Order",
                    Element("CustomerOrderId", "123456789"),
                    Regex("id", "34adcd9f-2c4a-4631-9dae-d1f318ed57bc", Uuid),
                    Element("Name", "Existing Number Order"),
                    Regex("OrderCreateDate", "2014-07-11T17:13:57.788Z", Timestamp),
                    Element("ExistingTelephoneNumberOrderType", Element("TelephoneNumberList", Element("TelephoneNumber", "9193752369"), Element("TelephoneNumber", "9193752720"))),
                    Element("SiteId", "743")),
                Element("OrderStatus", "RECEIVED"))),
            Then = body => Assert.Equal(2, Parse(body).Descendants("TelephoneNumber").Count()),
        },
        new ContractCase
        {
            Dialect = Dialect,
            Description = "an order with an invalid SiteId",
            Method = "POST",
            Path = Account + "/orders",
            Headers = Auth,
            ContentType = Xml,
            Body = Document(Element("Order",
                Element("CustomerOrderId", "123456789"),
                Element("Name", "Area Code Order"),
                Element("AreaCodeSearchAndOrderType", Element("AreaCode", "435"), Element("Quantity", "1")),
                Element("PartialAllowed", "true"),
                Element("SiteId", "site-763"))),
            Status = 400,
            ResponseBody = Document(Element("OrderResponse",
                Element("ErrorList", Element("Error", Element("Code", "5016"), Regex("Description", "The SiteId submitted is invalid.", "^The SiteId submitted is invalid.*$"))),
                Element("Order",
                    Element("CustomerOrderId", "123456789"),
                    Element("Name", "Area Code Order"),
                    Regex("OrderCreateDate", "2014-07-08T14:29:13.174Z", Timestamp),
                    Element("AreaCodeSearchAndOrderType", Element("AreaCode", "435"), Element("Quantity", "1")),
                    Element("PartialAllowed", "true"),
                    Element("SiteId", "site-763")))),
            Then = body => Assert.Equal("5016", Parse(body).Descendants("Code").Single().Value),
        },
        new ContractCase
        {
            Dialect = Dialect,
            Description = "an order with an unknown order type",
            Method = "POST",
            Path = Account + "/orders",
            Headers = Auth,
            ContentType = Xml,
            Body = Document(Element("Order",
                Element("Name", "Area Code Order"),
                Element("AreaCodeSearchAndOrder", Element("AreaCode", "435"), Element("Quantity", "1")),
                Element("SiteId", "743"))),
            Status = 400,
            ResponseBody = Document(Element("OrderResponse",
                Element("ErrorList", Element("Error", Element("Code", "5087"), Regex("Description", "The input order type is not a valid entry: <AreaCodeSearchAndOrder> is not an element of <Order>.", "^The input order type is not a valid entry.*$"))))),
            Then = body => Assert.Equal("5087", Parse(body).Descendants("Code").Single().Value),
        },
        new ContractCase
        {
            Dialect = Dialect,
            Description = "a completed order",
            States = [State("Bandwidth order {id} is complete", ("id", "34adcd9f-2c4a-4631-9dae-d1f318ed57bc"), ("username", Username), ("account", AccountId), ("phone_numbers", new[] { "+18042105666" }))],
            Method = "GET",
            Path = Account + "/orders/34adcd9f-2c4a-4631-9dae-d1f318ed57bc",
            Headers = Auth,
            ContentType = Xml,
            Status = 200,
            ResponseBody = Document(Element("OrderResponse",
                Element("CompletedQuantity", "1"),
                Regex("LastModifiedDate", "2014-01-06T19:09:44.027Z", Timestamp),
                Regex("OrderCompleteDate", "2014-01-06T19:09:44.041Z", Timestamp),
                Element("Order", Element("id", "34adcd9f-2c4a-4631-9dae-d1f318ed57bc")),
                Element("OrderStatus", "COMPLETE"),
                Element("CompletedNumbers", Element("TelephoneNumber", Element("FullNumber", "8042105666"))),
                Element("FailedQuantity", "0"))),
            Then = body =>
            {
                var order = Parse(body);
                Assert.Equal("COMPLETE", order.Element("OrderStatus")!.Value);
                Assert.Equal("8042105666", order.Descendants("FullNumber").Single().Value);
            },
        },
        new ContractCase
        {
            Dialect = Dialect,
            Description = "an order that does not exist",
            Method = "GET",
            Path = Account + "/orders/00000000-0000-4000-8000-000000000000",
            Headers = Auth,
            ContentType = Xml,
            Status = 404,
            ResponseBody = Document(Element("OrderResponse",
                Element("ErrorList", Element("Error", Element("Code", "5035"), Regex("Description", "New number order 00000000-0000-4000-8000-000000000000 not found on this account", ".+"))))),
            Then = body => Assert.Equal("5035", Parse(body).Descendants("Code").Single().Value),
        },
        new ContractCase
        {
            Dialect = Dialect,
            Description = "a reservation of an available number",
            States = [State("number {number} is available", ("number", "+14354770625"))],
            Method = "POST",
            Path = Account + "/tnreservation",
            Headers = Auth,
            ContentType = Xml,
            Body = Document(Element("Reservation", Element("ReservedTn", "4354770625"))),
            Status = 201,
            ResponseHeaders = [("Location", Match.Regex($"https://dashboard.bandwidth.com{Account}/tnreservation/8da0f39c-043c-4806-9f0f-497b2d197bc5", @"^https?://.+/accounts/9900000/tnreservation/[0-9a-f-]{36}$"))],
            ResponseBody = null,
            Then = body => Assert.Equal(string.Empty, body.GetString()),
        },
        new ContractCase
        {
            Dialect = Dialect,
            Description = "a reservation of a number taken by another buyer",
            States = [State("number {number} was taken by another buyer", ("number", "+14354776010"))],
            Method = "POST",
            Path = Account + "/tnreservation",
            Headers = Auth,
            ContentType = Xml,
            Body = Document(Element("Reservation", Element("ReservedTn", "4354776010"))),
            Status = 400,
            ResponseBody = Document(Element("ReservationResponse", Element("ResponseStatus",
                Element("ErrorCode", "5041"),
                Element("Description", "Reservation failed: telephone number 4354776010 is not available.")))),
            Then = body => Assert.Equal("5041", Parse(body).Descendants("ErrorCode").Single().Value),
        },
        new ContractCase
        {
            Dialect = Dialect,
            Description = "a disconnect of an in-service number",
            States = [State("the Bandwidth account has number {number} in service", ("number", "+14158714245"), ("username", Username), ("account", AccountId))],
            Method = "POST",
            Path = Account + "/disconnects",
            Headers = Auth,
            ContentType = Xml,
            Body = Document(Element("DisconnectTelephoneNumberOrder",
                Element("CustomerOrderId", "My OrderId"),
                Element("DisconnectTelephoneNumberOrderType",
                    Element("TelephoneNumberList", Element("TelephoneNumber", "4158714245")),
                    Element("Protected", "UNCHANGED")))),
            Status = 201,
            ResponseBody = Document(Element("DisconnectTelephoneNumberOrderResponse",
                Element("orderRequest",
                    Element("CustomerOrderId", "My OrderId"),
                    Regex("id", "ba05e04b-192a-47cb-b182-b1bf6cfef0d7", Uuid),
                    Regex("OrderCreateDate", "2022-05-25T14:12:57.840Z", Timestamp),
                    Element("DisconnectTelephoneNumberOrderType",
                        Element("DisconnectMode", "normal"),
                        Element("Protected", "UNCHANGED"),
                        Element("TelephoneNumberList", Element("TelephoneNumber", "4158714245")))),
                Element("OrderStatus", "RECEIVED"))),
            Then = body => Assert.Equal("RECEIVED", Parse(body).Element("OrderStatus")!.Value),
        },
        new ContractCase
        {
            Dialect = Dialect,
            Description = "the in-service numbers of the account",
            States = [State("the Bandwidth account has number {number} in service", ("number", "+18043024183"), ("username", Username), ("account", AccountId))],
            Method = "GET",
            Path = Account + "/inserviceNumbers",
            Headers = Auth,
            ContentType = Xml,
            Status = 200,
            ResponseBody = Document(Element("TNs",
                Regex("TotalCount", "1", @"^\d+$"),
                Element("Links", Regex("first", "Link=<https://dashboard.bandwidth.com/api/accounts/9900000/inserviceNumbers?page=1&size=300>;rel=\"first\";", "^Link=<.+>;rel=\"first\";$")),
                Element("TelephoneNumbers",
                    Regex("Count", "1", @"^\d+$"),
                    EachLike(Regex("TelephoneNumber", "8043024183", Tn))))),
            Then = body => Assert.Contains("8043024183", Parse(body).Descendants("TelephoneNumber").Select(t => t.Value)),
        },
    ];

    private static XElement Parse(JsonElement body) => XDocument.Parse(body.GetString()!).Root!;

    /// <summary>The credentials an authenticated request of this contract carries: the simulator's example credentials.</summary>
    public static void AssertCredentials(IReadOnlyList<(string Name, string Value)> headers)
    {
        Assert.Equal("carriersim:carriersim", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(headers.Single(h => h.Name == "Authorization").Value["Basic ".Length..])));
    }
}
