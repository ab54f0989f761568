using System.Text.Json;
using static CarrierSim.Contracts.Tests.Dialects.Vendor;

namespace CarrierSim.Contracts.Tests.Dialects;

/// <summary>
/// DialStack, from seed 000 ("New Numbers": search, order, track, list orders) and seed 002 (server SDK
/// "Phone Numbers": list with limit/status). Error envelope {error, code?, details?} per the vendor's
/// error-codes guide; the 409 body and its code are the simulator's documented guess (vendor-apis.md §1.5).
/// </summary>
internal static class DialStackContract
{
    public const string Dialect = "dialstack";
    public const string ApiKey = "sk_test_51CarrierSimDocsExampleKey00";
    public const string Account = "acct_01h2xcejqtf2nbrexx3vqjhp41";

    // Real Raleigh, NC exchange (919-733); the documents' 919-555-xxxx numbers are fictional.
    private const string NumberA = "+19197334821";
    private const string NumberB = "+19197334822";
    private const string NumberC = "+19197334823";
    private const string TollFree = "+18884521234";

    private static readonly (string, string)[] Auth = [("Authorization", $"Bearer {ApiKey}"), ("DialStack-Account", Account)];
    private static readonly (string, object?)[] Tenant = [("api_key", ApiKey), ("account", Account)];

    public static IReadOnlyList<ContractCase> Cases { get; } =
    [
        Search(
            "a search for available numbers by area code",
            State("numbers are available in area code {area_code}", ("area_code", "919")),
            [("area_code", "919"), ("quantity", "2")],
            phoneNumber: Text(NumberA, @"^\+1919\d{7}$"),
            state: Text("NC", "^[A-Z]{2}$"),
            then: n => Assert.StartsWith("+1919", n.Str("phone_number"))),
        Search(
            "a search for available numbers by state",
            State("numbers are available in state {state}", ("state", "NC")),
            [("state", "NC"), ("quantity", "2")],
            phoneNumber: Text(NumberA, E164Pattern),
            state: Text("NC", "^NC$"),
            then: n => Assert.Equal("NC", n.Str("state"))),
        Search(
            "a search for available numbers by city and state",
            State("numbers are available in {city}, {state}", ("city", "Raleigh"), ("state", "NC")),
            [("city", "Raleigh"), ("state", "NC"), ("quantity", "2")],
            phoneNumber: Text(NumberA, E164Pattern),
            state: Text("NC", "^NC$"),
            then: n => Assert.Equal("NC", n.Str("state"))),
        Search(
            "a search for available numbers by ZIP code",
            State("numbers are available near ZIP {zip}", ("zip", "27601")),
            [("zip", "27601"), ("quantity", "2")],
            phoneNumber: Text(NumberA, E164Pattern),
            state: Text("NC", "^NC$"),
            then: n => Assert.Equal("NC", n.Str("state"))),
        Search(
            "a search for available numbers by NPA-NXX",
            State("numbers are available in NPA-NXX {npa_nxx}", ("npa_nxx", "919733")),
            [("npa_nxx", "919733"), ("quantity", "2")],
            phoneNumber: Text(NumberA, @"^\+1919733\d{4}$"),
            state: Text("NC", "^[A-Z]{2}$"),
            then: n => Assert.StartsWith("+1919733", n.Str("phone_number"))),
        ValidationError(
            "a search for available numbers without any filter",
            "GET", "/v1/available-phone-numbers", [], body: null,
            details: null),
        ValidationError(
            "a search for available numbers by city without a state",
            "GET", "/v1/available-phone-numbers", [("city", "Raleigh")], body: null,
            details: new { state = Match.Type("is required when city is given") }),
        ValidationError(
            "a search for more than 100 available numbers",
            "GET", "/v1/available-phone-numbers", [("area_code", "919"), ("quantity", "101")], body: null,
            details: new { quantity = Match.Type("must be between 1 and 100") }),
        new ContractCase
        {
            Dialect = Dialect,
            Description = "a search for available numbers without an API key",
            Method = "GET",
            Path = "/v1/available-phone-numbers",
            Query = [("area_code", "919")],
            Headers = [("DialStack-Account", Account)],
            Status = 401,
            ResponseBody = new { error = Match.Type("Invalid API key") },
            Then = body => Assert.False(string.IsNullOrEmpty(body.Str("error"))),
        },
        new ContractCase
        {
            Dialect = Dialect,
            Description = "an order for two available numbers",
            States = [State("number {number} is available", ("number", NumberA)), State("number {number} is available", ("number", NumberB))],
            Method = "POST",
            Path = "/v1/phone-number-orders",
            Headers = Auth,
            Body = new { phone_numbers = new[] { NumberA, NumberB } },
            Status = 201,
            ResponseBody = Order(id: null, "pending", new[] { NumberA, NumberB }, completed: Array.Empty<string>(), failed: Array.Empty<string>(), errorMessage: null),
            Then = order =>
            {
                Assert.Equal("pending", order.Str("status"));
                Assert.Equal([NumberA, NumberB], order.GetProperty("phone_numbers").EnumerateArray().Select(n => n.GetString()));
                Assert.Equal(0, order.GetProperty("completed_numbers").GetArrayLength());
            },
        },
        new ContractCase
        {
            Dialect = Dialect,
            Description = "an order with partial_allowed when one number was taken by another buyer",
            States = [State("number {number} is available", ("number", NumberA)), State("number {number} was taken by another buyer", ("number", NumberB))],
            Method = "POST",
            Path = "/v1/phone-number-orders",
            Headers = Auth,
            Body = new { phone_numbers = new[] { NumberA, NumberB }, partial_allowed = true },
            Status = 201,
            ResponseBody = Order(id: null, "pending", new[] { NumberA, NumberB }, completed: Array.Empty<string>(), failed: Array.Empty<string>(), errorMessage: null),
            Then = order => Assert.Equal("pending", order.Str("status")),
        },
        new ContractCase
        {
            Dialect = Dialect,
            Description = "an order when one number was taken by another buyer",
            States = [State("number {number} is available", ("number", NumberA)), State("number {number} was taken by another buyer", ("number", NumberB))],
            Method = "POST",
            Path = "/v1/phone-number-orders",
            Headers = Auth,
            Body = new { phone_numbers = new[] { NumberA, NumberB } },
            Status = 409,
            ResponseBody = new
            {
                error = Match.Type("1 phone number(s) are unavailable"),
                code = "phone_numbers_unavailable",
                details = new { unavailable = new[] { NumberB } },
            },
            Then = error =>
            {
                Assert.Equal("phone_numbers_unavailable", error.Str("code"));
                Assert.Equal(NumberB, error.GetProperty("details").GetProperty("unavailable")[0].GetString());
            },
        },
        ValidationError(
            "an order for a toll-free number",
            "POST", "/v1/phone-number-orders", [], body: new { phone_numbers = new[] { TollFree } },
            details: new { phone_numbers = Match.Type("must be a valid US non-toll-free number") }),
        GetOrder(
            "a request for a pending order",
            State("order {id} is pending", [("id", "ord_01jsq1yc8f2q6y1e4h3m9k7v5a"), ("phone_numbers", new[] { NumberA }), .. Tenant]),
            "ord_01jsq1yc8f2q6y1e4h3m9k7v5a",
            Order("ord_01jsq1yc8f2q6y1e4h3m9k7v5a", "pending", new[] { NumberA }, completed: Array.Empty<string>(), failed: Array.Empty<string>(), errorMessage: null),
            order => Assert.Equal("pending", order.Str("status"))),
        GetOrder(
            "a request for a complete order",
            State("order {id} is complete", [("id", "ord_01jsq1yc8f2q6y1e4h3m9k7v5b"), ("phone_numbers", new[] { NumberA, NumberB }), .. Tenant]),
            "ord_01jsq1yc8f2q6y1e4h3m9k7v5b",
            Order("ord_01jsq1yc8f2q6y1e4h3m9k7v5b", "complete", new[] { NumberA, NumberB }, completed: Match.EachLike(E164(NumberA)), failed: Array.Empty<string>(), errorMessage: null),
            order =>
            {
                Assert.Equal("complete", order.Str("status"));
                IsE164(order.GetProperty("completed_numbers")[0].GetString());
            }),
        GetOrder(
            "a request for a partially filled order",
            State("order {id} is partial", [("id", "ord_01jsq1yc8f2q6y1e4h3m9k7v5c"), ("completed_numbers", new[] { NumberA }), ("failed_numbers", new[] { NumberB }), .. Tenant]),
            "ord_01jsq1yc8f2q6y1e4h3m9k7v5c",
            Order("ord_01jsq1yc8f2q6y1e4h3m9k7v5c", "partial", new[] { NumberA, NumberB }, completed: Match.EachLike(E164(NumberA)), failed: Match.EachLike(E164(NumberB)), errorMessage: null),
            order =>
            {
                Assert.Equal("partial", order.Str("status"));
                Assert.Equal(1, order.GetProperty("failed_numbers").GetArrayLength());
            }),
        GetOrder(
            "a request for a failed order",
            State("order {id} has failed", [("id", "ord_01jsq1yc8f2q6y1e4h3m9k7v5d"), ("phone_numbers", new[] { NumberB }), .. Tenant]),
            "ord_01jsq1yc8f2q6y1e4h3m9k7v5d",
            Order("ord_01jsq1yc8f2q6y1e4h3m9k7v5d", "failed", new[] { NumberB }, completed: Array.Empty<string>(), failed: Match.EachLike(E164(NumberB)), errorMessage: Match.Type("No numbers could be acquired")),
            order =>
            {
                Assert.Equal("failed", order.Str("status"));
                Assert.False(string.IsNullOrEmpty(order.Str("error_message")));
            }),
        NotFound("a request for an order that does not exist", "/v1/phone-number-orders/ord_01jsq1yc8f2q6y1e4h3m9k7v00"),
        new ContractCase
        {
            Dialect = Dialect,
            Description = "a request to list complete purchase orders",
            States = [State("order {id} is complete", [("id", "ord_01jsq1yc8f2q6y1e4h3m9k7v5e"), ("phone_numbers", new[] { NumberA }), .. Tenant])],
            Method = "GET",
            Path = "/v1/phone-number-orders",
            Query = [("status", "complete"), ("order_type", "purchase")],
            Headers = Auth,
            Status = 200,
            // next_page_url is not pinned here: how many orders the account holds depends on what ran before.
            ResponseBody = new
            {
                @object = "list",
                url = Match.Regex("/v1/phone-number-orders", MountedPath("/v1/phone-number-orders")),
                previous_page_url = (string?)null,
                data = Match.EachLike(Order(id: null, "complete", Match.EachLike(E164(NumberA)), completed: Match.EachLike(E164(NumberA)), failed: Array.Empty<string>(), errorMessage: null)),
            },
            Then = list =>
            {
                Assert.Equal("list", list.Str("object"));
                Assert.All(list.GetProperty("data").EnumerateArray(), o => Assert.Equal("complete", o.Str("status")));
            },
        },
        new ContractCase
        {
            Dialect = Dialect,
            Description = "a request to list active phone numbers",
            States = [State("the account owns active number {number} with id {id}", [("number", NumberC), ("id", "did_01jsq1yc8f2q6y1e4h3m9k7v5f"), .. Tenant])],
            Method = "GET",
            Path = "/v1/phone-numbers",
            Query = [("limit", "10"), ("status", "active")],
            Headers = Auth,
            Status = 200,
            ResponseBody = new
            {
                @object = "list",
                url = Match.Regex("/v1/phone-numbers", MountedPath("/v1/phone-numbers")),
                previous_page_url = (string?)null,
                data = Match.EachLike(PhoneNumber(Match.Type("did_01jsq1yc8f2q6y1e4h3m9k7v5f"), E164(NumberC))),
            },
            Then = list =>
            {
                Assert.Equal("list", list.Str("object"));
                Assert.All(list.GetProperty("data").EnumerateArray(), n => Assert.Equal("active", n.Str("status")));
            },
        },
        new ContractCase
        {
            Dialect = Dialect,
            Description = "a request for the first page of phone numbers",
            States = [State("the account owns {count} active numbers", [("count", 3), .. Tenant])],
            Method = "GET",
            Path = "/v1/phone-numbers",
            Query = [("limit", "2")],
            Headers = Auth,
            Status = 200,
            ResponseBody = new
            {
                @object = "list",
                url = Match.Regex("/v1/phone-numbers", MountedPath("/v1/phone-numbers")),
                next_page_url = Match.Regex("/v1/phone-numbers?limit=2&page=eyJzdGFydGluZ19hZnRlciI6ImRpZF8wMSJ9", MountedPath(@"/v1/phone-numbers\?(.*&)?page=[^&]+")),
                previous_page_url = (string?)null,
                data = Match.EachLike(new
                {
                    id = Match.Type("did_01jsq1yc8f2q6y1e4h3m9k7v5g"),
                    phone_number = E164(NumberA),
                    status = Match.Regex("active", "^(active|inactive|pending)$"),
                    created_at = Match.DateTime("2026-04-21T14:00:00Z", SecondsTimestamp),
                }),
            },
            Then = list => Assert.Contains("page=", list.Str("next_page_url")),
        },
        new ContractCase
        {
            Dialect = Dialect,
            Description = "a request for a phone number by id",
            States = [State("the account owns active number {number} with id {id}", [("number", NumberA), ("id", "did_01jsq1yc8f2q6y1e4h3m9k7v5h"), .. Tenant])],
            Method = "GET",
            Path = "/v1/phone-numbers/did_01jsq1yc8f2q6y1e4h3m9k7v5h",
            Headers = Auth,
            Status = 200,
            ResponseBody = PhoneNumber("did_01jsq1yc8f2q6y1e4h3m9k7v5h", NumberA),
            Then = number =>
            {
                Assert.Equal(NumberA, number.Str("phone_number"));
                Assert.Equal("active", number.Str("status"));
            },
        },
        NotFound("a request for a phone number that does not exist", "/v1/phone-numbers/did_01jsq1yc8f2q6y1e4h3m9k7v00"),
        new ContractCase
        {
            // The browser SDK's phoneNumbers.updateRoute (vendor-apis.md §1.1 row 8).
            Dialect = Dialect,
            Description = "a request to route a phone number to a ring group",
            States = [State("the account owns active number {number} with id {id}", [("number", NumberB), ("id", "did_01jsq1yc8f2q6y1e4h3m9k7v5j"), .. Tenant])],
            Method = "POST",
            Path = "/v1/phone-numbers/did_01jsq1yc8f2q6y1e4h3m9k7v5j/route",
            Headers = Auth,
            Body = new { routing_target = "rg_01jsq1yc8f2q6y1e4h3m9k7v5k" },
            Status = 200,
            ResponseBody = new
            {
                id = "did_01jsq1yc8f2q6y1e4h3m9k7v5j",
                phone_number = E164(NumberB),
                status = Exactly("active"),
                routing_target = "rg_01jsq1yc8f2q6y1e4h3m9k7v5k",
                updated_at = Match.DateTime("2026-04-21T14:00:00Z", SecondsTimestamp),
            },
            Then = number => Assert.Equal("rg_01jsq1yc8f2q6y1e4h3m9k7v5k", number.Str("routing_target")),
        },
        new ContractCase
        {
            // The server SDK's accountSessions.create names the account in the body; the SDK's README sends
            // DialStack-Account too. Both, naming the same account, are accepted.
            Dialect = Dialect,
            Description = "a request to create an account session for the browser SDK",
            Method = "POST",
            Path = "/v1/account_sessions",
            Headers = Auth,
            Body = new { account = Account, components = new { phone_number_ordering = new { enabled = true } } },
            Status = 201,
            ResponseBody = new
            {
                account_id = Account,
                client_secret = Match.Regex("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhY2NvdW50X2lkIjoiYWNjdF8wMSJ9.c2lnbmF0dXJl", @"^eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$"),
                expires_at = Match.DateTime("2026-04-21T15:00:00Z", SecondsTimestamp),
            },
            Then = session =>
            {
                Assert.Equal(Account, session.Str("account_id"));
                Assert.StartsWith("eyJ", session.Str("client_secret"));
            },
        },
    ];

    private static ContractCase Search(
        string description,
        (string, IReadOnlyDictionary<string, object?>) given,
        (string, string)[] query,
        object phoneNumber,
        object state,
        Action<JsonElement> then) => new()
        {
            Dialect = Dialect,
            Description = description,
            States = [given],
            Method = "GET",
            Path = "/v1/available-phone-numbers",
            Query = query,
            Headers = Auth,
            Status = 200,
            // Not a list envelope: search returns bare {data:[…]} (seed 000).
            ResponseBody = new
            {
                data = Match.EachLike(new
                {
                    phone_number = phoneNumber,
                    city = Text("RALEIGH", UpperCasePlace),
                    state,
                    rate_center = Text("RALEIGH", UpperCasePlace),
                    lata = Text("426", @"^\d{3}$"),
                }),
            },
            Then = body =>
            {
                var numbers = body.GetProperty("data").EnumerateArray().ToList();
                Assert.NotEmpty(numbers);
                Assert.All(numbers, n => IsE164(n.Str("phone_number")));
                then(numbers[0]);
            },
        };

    private static ContractCase ValidationError(string description, string method, string path, (string, string)[] query, object? body, object? details) => new()
    {
        Dialect = Dialect,
        Description = description,
        Method = method,
        Path = path,
        Query = query,
        Headers = Auth,
        Body = body,
        Status = 400,
        ResponseBody = details is null
            ? new { error = Match.Type("At least one filter is required: area_code, state, city with state, zip or npa_nxx"), code = "validation_error" }
            : new { error = Match.Type("The request is invalid"), code = "validation_error", details },
        Then = error =>
        {
            Assert.Equal("validation_error", error.Str("code"));
            Assert.False(string.IsNullOrEmpty(error.Str("error")));
        },
    };

    private static ContractCase GetOrder(string description, (string, IReadOnlyDictionary<string, object?>) given, string id, object order, Action<JsonElement> then) => new()
    {
        Dialect = Dialect,
        Description = description,
        States = [given],
        Method = "GET",
        Path = $"/v1/phone-number-orders/{id}",
        Headers = Auth,
        Status = 200,
        ResponseBody = order,
        Then = body =>
        {
            Assert.Equal(id, body.Str("id"));
            then(body);
        },
    };

    private static ContractCase NotFound(string description, string path) => new()
    {
        Dialect = Dialect,
        Description = description,
        Method = "GET",
        Path = path,
        Headers = Auth,
        Status = 404,
        ResponseBody = new { error = Match.Type("Not found") },
        Then = error => Assert.False(string.IsNullOrEmpty(error.Str("error"))),
    };

    /// <summary>NumberOrder (seed 000 step 2). A null id means "any string": the provider chooses it.</summary>
    private static Dictionary<string, object?> Order(string? id, string status, object phoneNumbers, object completed, object failed, object? errorMessage) => new()
    {
        ["id"] = id is null ? Match.Type("ord_01jsq1yc8f2q6y1e4h3m9k7v5t") : id,
        ["order_type"] = Exactly("purchase"),
        ["status"] = Exactly(status),
        ["phone_numbers"] = phoneNumbers,
        ["completed_numbers"] = completed,
        ["failed_numbers"] = failed,
        ["error_message"] = errorMessage,
        ["created_at"] = Match.DateTime("2026-04-21T14:00:00Z", SecondsTimestamp),
        ["updated_at"] = Match.DateTime("2026-04-21T14:00:05Z", SecondsTimestamp),
    };

    /// <summary>The server SDK's PhoneNumber (seed 002): {id, phone_number, status, created_at}.</summary>
    private static object PhoneNumber(object id, object phoneNumber) => new
    {
        id,
        phone_number = phoneNumber,
        status = Exactly("active"),
        created_at = Match.DateTime("2026-04-21T14:00:00Z", SecondsTimestamp),
    };

    /// <summary>The credentials an authenticated request of this contract carries: the simulator's example credentials.</summary>
    public static void AssertCredentials(IReadOnlyList<(string Name, string Value)> headers)
    {
        Assert.Contains(headers, h => h.Name == "Authorization" && h.Value.StartsWith("Bearer sk_test_", StringComparison.Ordinal));
        Assert.Contains(headers, h => h.Name == "DialStack-Account" && h.Value.StartsWith("acct_", StringComparison.Ordinal));
    }
}
