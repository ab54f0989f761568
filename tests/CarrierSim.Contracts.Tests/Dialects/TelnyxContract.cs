using static CarrierSim.Contracts.Tests.Dialects.Vendor;

namespace CarrierSim.Contracts.Tests.Dialects;

/// <summary>
/// Telnyx API v2, from the vendor's OpenAPI document (team-telnyx/openapi spec3.yml: ListAvailablePhoneNumbers,
/// CreateNumberOrder, RetrieveNumberOrder, CreateNumberReservation, ListPhoneNumbers, RetrievePhoneNumber,
/// UpdatePhoneNumber, DeletePhoneNumber and their examples) and the documented 401 body. Error envelope
/// {errors:[{code, title, detail, source, meta}]} with the vendor's string codes.
/// </summary>
internal static class TelnyxContract
{
    public const string Dialect = "telnyx";
    public const string ApiKey = "KEY0188CARRIERSIMDOCS_example01";

    // Chicago (312-744), a real exchange; the spec's examples use +19705555098 and friends.
    private const string NumberA = "+13127445230";
    private const string NumberTaken = "+13127445231";
    private const string NumberOwned = "+13127445232";
    private const string OrderId = "12ade33a-21c0-473b-b055-b3c836e1c292";
    private const string PhoneNumberId = "1293384261075731499";
    private const string Iso = @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$";

    private static readonly (string, string)[] Auth = [("Authorization", $"Bearer {ApiKey}")];
    private static readonly (string, object?)[] Tenant = [("api_key", ApiKey)];

    public static IReadOnlyList<ContractCase> Cases { get; } =
    [
        Search(
            "a search for available numbers by national destination code",
            State("numbers are available in area code {area_code}", ("area_code", "312")),
            [("filter[national_destination_code]", "312"), ("filter[limit]", "2")],
            Match.Regex("+13127445230", @"^\+1312\d{7}$"),
            body => Assert.All(body.GetProperty("data").EnumerateArray(), n => Assert.StartsWith("+1312", n.Str("phone_number")))),
        Search(
            "a search for available local numbers by administrative area",
            State("numbers are available in state {state}", ("state", "IL")),
            [("filter[country_code]", "US"), ("filter[administrative_area]", "IL"), ("filter[phone_number_type]", "local"), ("filter[limit]", "2")],
            E164("+13127445230"),
            body => Assert.All(body.GetProperty("data").EnumerateArray(), n =>
                Assert.All(n.GetProperty("region_information").EnumerateArray().Where(r => r.Str("region_type") == "state"), r => Assert.Equal("IL", r.Str("region_name"))))),
        new ContractCase
        {
            Dialect = Dialect,
            Description = "a search with an unknown phone number type",
            Method = "GET",
            Path = "/v2/available_phone_numbers",
            Query = [("filter[phone_number_type]", "premium")],
            Headers = Auth,
            Status = 400,
            ResponseBody = Errors("10015", "Bad Request", "filter[phone_number_type] must be", new { parameter = "filter[phone_number_type]" }),
            Then = body => Assert.Equal("10015", body.GetProperty("errors")[0].Str("code")),
        },
        new ContractCase
        {
            Dialect = Dialect,
            Description = "a search without an API key",
            Method = "GET",
            Path = "/v2/available_phone_numbers",
            Query = [("filter[national_destination_code]", "312")],
            Status = 401,
            ResponseBody = new
            {
                errors = Match.EachLike(new
                {
                    code = Exactly("10009"),
                    title = Exactly("Authentication failed"),
                    detail = Match.Type("The required authentication headers were either invalid or not included in the request."),
                    meta = new { url = Exactly("https://developers.telnyx.com/docs/overview/errors/10009") },
                }),
            },
            Then = body => Assert.Equal("Authentication failed", body.GetProperty("errors")[0].Str("title")),
        },
        new ContractCase
        {
            Dialect = Dialect,
            Description = "a number order for an available number",
            States = [State("number {number} is available", ("number", NumberA))],
            Method = "POST",
            Path = "/v2/number_orders",
            Headers = Auth,
            Body = new { phone_numbers = new[] { new { phone_number = NumberA } }, customer_reference = "MY REF 001" },
            Status = 200,
            ResponseBody = new { data = Order(Match.Regex(OrderId, Uuid), NumberA, "MY REF 001") },
            Then = body =>
            {
                var order = body.GetProperty("data");
                Assert.True(Guid.TryParse(order.Str("id"), out _));
                Assert.Equal("pending", order.Str("status"));
                Assert.Equal(NumberA, order.GetProperty("phone_numbers")[0].Str("phone_number"));
            },
        },
        new ContractCase
        {
            Dialect = Dialect,
            Description = "a number order for a number taken by another buyer",
            States = [State("number {number} was taken by another buyer", ("number", NumberTaken))],
            Method = "POST",
            Path = "/v2/number_orders",
            Headers = Auth,
            Body = new { phone_numbers = new[] { new { phone_number = NumberTaken } } },
            Status = 422,
            ResponseBody = Errors("10015", "Bad Request", "is no longer available", new { pointer = "/phone_numbers/0/phone_number" }),
            Then = body => Assert.Equal("/phone_numbers/0/phone_number", body.GetProperty("errors")[0].GetProperty("source").Str("pointer")),
        },
        new ContractCase
        {
            Dialect = Dialect,
            Description = "a number order for a number not in +E.164 format",
            Method = "POST",
            Path = "/v2/number_orders",
            Headers = Auth,
            Body = new { phone_numbers = new[] { new { phone_number = "3127445230" } } },
            Status = 422,
            ResponseBody = Errors("10016", "Phone number must be in +E.164 format", "+E.164", new { pointer = "/phone_numbers/0/phone_number" }),
            Then = body => Assert.Equal("10016", body.GetProperty("errors")[0].Str("code")),
        },
        new ContractCase
        {
            Dialect = Dialect,
            Description = "a request for a pending number order",
            States = [State("the Telnyx number order {id} is pending", [("id", OrderId), ("phone_numbers", new[] { NumberA }), .. Tenant])],
            Method = "GET",
            Path = $"/v2/number_orders/{OrderId}",
            Headers = Auth,
            Status = 200,
            ResponseBody = new { data = Order(OrderId, NumberA, customerReference: null) },
            Then = body => Assert.Equal(OrderId, body.GetProperty("data").Str("id")),
        },
        new ContractCase
        {
            Dialect = Dialect,
            Description = "a request for an unknown number order",
            Method = "GET",
            Path = "/v2/number_orders/0a3b6f7e-0000-4000-8000-000000000000",
            Headers = Auth,
            Status = 404,
            ResponseBody = Errors("10005", "Resource not found", "number order", source: null),
            Then = body => Assert.Equal("10005", body.GetProperty("errors")[0].Str("code")),
        },
        new ContractCase
        {
            Dialect = Dialect,
            Description = "a number reservation for an available number",
            States = [State("number {number} is available", ("number", NumberA))],
            Method = "POST",
            Path = "/v2/number_reservations",
            Headers = Auth,
            Body = new { phone_numbers = new[] { new { phone_number = NumberA } } },
            Status = 200,
            ResponseBody = new
            {
                data = new
                {
                    id = Match.Regex(OrderId, Uuid),
                    record_type = "number_reservation",
                    status = Match.Regex("success", "^(pending|success|failure)$"),
                    customer_reference = (string?)null,
                    phone_numbers = Match.EachLike(new
                    {
                        id = Match.Regex(OrderId, Uuid),
                        record_type = Exactly("reserved_phone_number"),
                        phone_number = Exactly(NumberA),
                        status = Match.Regex("success", "^(pending|success|failure)$"),
                        expired_at = Match.Regex("2018-01-01T00:30:00.000000Z", Iso),
                        created_at = Match.Regex("2018-01-01T00:00:00.000000Z", Iso),
                        updated_at = Match.Regex("2018-01-01T00:00:00.000000Z", Iso),
                    }),
                    created_at = Match.Regex("2018-01-01T00:00:00.000000Z", Iso),
                    updated_at = Match.Regex("2018-01-01T00:00:00.000000Z", Iso),
                },
            },
            Then = body => Assert.Equal("success", body.GetProperty("data").Str("status")),
        },
        new ContractCase
        {
            Dialect = Dialect,
            Description = "a list of the account's phone numbers",
            States = [State("the Telnyx account owns active number {number} with id {id}", [("number", NumberOwned), ("id", PhoneNumberId), .. Tenant])],
            Method = "GET",
            Path = "/v2/phone_numbers",
            Query = [("page[number]", "1"), ("page[size]", "20"), ("filter[status]", "active")],
            Headers = Auth,
            Status = 200,
            ResponseBody = new
            {
                data = Match.EachLike(PhoneNumber(Match.Regex(PhoneNumberId, "^[0-9]+$"), E164(NumberOwned), tags: Match.Type(Array.Empty<string>()))),
                meta = new { page_number = 1, page_size = 20, total_pages = Match.Integer(1), total_results = Match.Integer(1) },
            },
            Then = body =>
            {
                Assert.Equal(1, body.GetProperty("meta").GetProperty("page_number").GetInt32());
                Assert.All(body.GetProperty("data").EnumerateArray(), n => Assert.Equal("active", n.Str("status")));
            },
        },
        new ContractCase
        {
            Dialect = Dialect,
            Description = "a request for one phone number",
            States = [State("the Telnyx account owns active number {number} with id {id}", [("number", NumberOwned), ("id", PhoneNumberId), .. Tenant])],
            Method = "GET",
            Path = $"/v2/phone_numbers/{PhoneNumberId}",
            Headers = Auth,
            Status = 200,
            ResponseBody = new { data = PhoneNumber(PhoneNumberId, NumberOwned, tags: Match.Type(Array.Empty<string>())) },
            Then = body => Assert.Equal(NumberOwned, body.GetProperty("data").Str("phone_number")),
        },
        new ContractCase
        {
            Dialect = Dialect,
            Description = "an update of a phone number's tags and customer reference",
            States = [State("the Telnyx account owns active number {number} with id {id}", [("number", NumberOwned), ("id", PhoneNumberId), .. Tenant])],
            Method = "PATCH",
            Path = $"/v2/phone_numbers/{PhoneNumberId}",
            Headers = Auth,
            Body = new { tags = new[] { "tag1", "tag2" }, customer_reference = "customer-reference" },
            Status = 200,
            ResponseBody = new { data = PhoneNumber(PhoneNumberId, NumberOwned, tags: new[] { "tag1", "tag2" }) },
            Then = body => Assert.Equal(2, body.GetProperty("data").GetProperty("tags").GetArrayLength()),
        },
        new ContractCase
        {
            Dialect = Dialect,
            Description = "a deletion of a phone number",
            States = [State("the Telnyx account owns active number {number} with id {id}", [("number", NumberOwned), ("id", PhoneNumberId), .. Tenant])],
            Method = "DELETE",
            Path = $"/v2/phone_numbers/{PhoneNumberId}",
            Headers = Auth,
            Status = 200,
            ResponseBody = new { data = new { id = PhoneNumberId, record_type = "phone_number", phone_number = NumberOwned, status = "deleted" } },
            Then = body => Assert.Equal("deleted", body.GetProperty("data").Str("status")),
        },
    ];

    private static ContractCase Search(
        string description,
        (string, IReadOnlyDictionary<string, object?>) state,
        (string, string)[] query,
        Matcher phoneNumber,
        Action<System.Text.Json.JsonElement> then) => new()
        {
            Dialect = Dialect,
            Description = description,
            States = [state],
            Method = "GET",
            Path = "/v2/available_phone_numbers",
            Query = query,
            Headers = Auth,
            Status = 200,
            ResponseBody = new
            {
                data = Match.EachLike(new
                {
                    record_type = "available_phone_number",
                    phone_number = phoneNumber,
                    vanity_format = Match.Type(""),
                    best_effort = Match.Boolean(false),
                    quickship = Match.Boolean(false),
                    reservable = Match.Boolean(true),
                    region_information = Match.EachLike(new { region_type = Match.Regex("country_code", "^(country_code|rate_center|state|location)$"), region_name = Match.Type("US") }),
                    cost_information = new { upfront_cost = DecimalText("1.00"), monthly_cost = DecimalText("1.00"), currency = "USD" },
                    features = Match.EachLike(new { name = Match.Type("sms") }),
                }),
                metadata = new { total_results = Match.Integer(2), best_effort_results = Match.Integer(0) },
            },
            Then = body =>
            {
                Assert.NotEmpty(body.GetProperty("data").EnumerateArray());
                then(body);
            },
        };

    private static object Order(object id, string number, string? customerReference) => new
    {
        id,
        record_type = "number_order",
        phone_numbers_count = 1,
        status = Match.Regex("pending", "^(pending|success|failure)$"),
        requirements_met = Match.Boolean(true),
        phone_numbers = Match.EachLike(new
        {
            id = Match.Regex(OrderId, Uuid),
            record_type = Exactly("number_order_phone_number"),
            phone_number = Exactly(number),
            phone_number_type = Match.Regex("local", "^(local|toll_free|mobile|national|shared_cost)$"),
            country_code = Match.Type("+1"),
            status = Match.Regex("pending", "^(pending|success|failure)$"),
        }),
        customer_reference = customerReference,
        created_at = Match.Regex("2018-01-01T00:00:00.000000Z", Iso),
        updated_at = Match.Regex("2018-01-01T00:00:00.000000Z", Iso),
    };

    private static object PhoneNumber(object id, object number, object tags) => new
    {
        id,
        record_type = "phone_number",
        phone_number = number,
        status = Match.Regex("active", "^(purchase-pending|purchase-failed|port-pending|active|deleted|port-failed|emergency-only|ported-out|port-out-pending)$"),
        tags,
        country_iso_alpha2 = Match.Regex("US", "^[A-Z]{2}$"),
        phone_number_type = Match.Regex("local", "^(local|toll_free|mobile|national|shared_cost)$"),
        deletion_lock_enabled = Match.Boolean(false),
        created_at = Match.Regex("2019-10-23T18:10:00.000Z", Iso),
        purchased_at = Match.Regex("2019-10-23T18:10:00.000Z", Iso),
    };

    private static object Errors(string code, string title, string detail, object? source) => new
    {
        errors = Match.EachLike(source is null
            ? new { code = Exactly(code), title = Exactly(title), detail = Match.Include(detail), meta = new { url = Match.Type("https://developers.telnyx.com/docs/overview/errors/" + code) } }
            : (object)new { code = Exactly(code), title = Exactly(title), detail = Match.Include(detail), source, meta = new { url = Match.Type("https://developers.telnyx.com/docs/overview/errors/" + code) } }),
    };

    /// <summary>The credentials an authenticated request of this contract carries: the simulator's example credentials.</summary>
    public static void AssertCredentials(IReadOnlyList<(string Name, string Value)> headers)
    {
        Assert.Matches("^Bearer KEY[A-Za-z0-9_-]{4,}$", headers.Single(h => h.Name == "Authorization").Value);
    }
}
