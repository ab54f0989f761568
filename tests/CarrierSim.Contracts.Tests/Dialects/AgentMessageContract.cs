using System.Text.Json;
using static CarrierSim.Contracts.Tests.Dialects.Vendor;

namespace CarrierSim.Contracts.Tests.Dialects;

/// <summary>
/// AgentMessage, from seed 001 ("Assign specific phone numbers": all-or-nothing order, 409
/// INSUFFICIENT_INVENTORY, routing fields, campaign rules, numbers:write scope, envelope) and the search page
/// summarised in vendor-apis.md §2.1. Envelope {success, data | error{code, message, request_id, details?}}.
/// Statuses the documents leave open follow vendor-apis.md: VALIDATION_FAILED is 422, INSUFFICIENT_CREDIT is
/// 402 (a guess), and a campaign that is not usable is a VALIDATION_FAILED on campaign_id (a guess).
/// </summary>
internal static class AgentMessageContract
{
    public const string Dialect = "agentmessage";
    public const string ApiKey = "am_live_5f2c8e1a9b7d4c3e2f1a0b9c8d7e6f5a";

    // Separate keys (hence separate organisations) for the restricted tenants, so that their state cannot
    // leak into other interactions.
    public const string ReadOnlyKey = "am_live_readonly0c3e2f1a0b9c8d7e6f5a";
    public const string NoCreditKey = "am_live_nocredit0c3e2f1a0b9c8d7e6f5a";

    // San Francisco (415-554), a real exchange; the document's 415-555 numbers are fictional.
    private const string NumberA = "+14155540123";
    private const string NumberB = "+14155540456";
    private const string CampaignId = "b5d3c4e2-7f7e-44a1-8c12-2bcd9e3f0a01";
    private const string RequestId = "01JTBQH2FZ8K1RXC0WJ4Z9P3VM";

    private static readonly (string, string)[] Auth = [("Authorization", $"Bearer {ApiKey}")];

    public static IReadOnlyList<ContractCase> Cases { get; } =
    [
        new ContractCase
        {
            Dialect = Dialect,
            Description = "a search for local numbers in area code 415",
            States = [State("numbers are available in area code {area_code}", ("area_code", "415"))],
            Method = "POST",
            Path = "/v1/phone-numbers/search",
            Headers = Auth,
            Body = new { area_code = "415", number_type = "local", quantity = 2 },
            Status = 200,
            ResponseBody = new
            {
                success = true,
                data = Match.EachLike(new
                {
                    number = Match.Regex(NumberA, @"^\+1415\d{7}$"),
                    number_type = Match.Regex("local", "^local$"),
                }),
            },
            Then = body =>
            {
                Assert.True(body.GetProperty("success").GetBoolean());
                Assert.All(body.GetProperty("data").EnumerateArray(), n => Assert.StartsWith("+1415", n.Str("number")));
            },
        },
        new ContractCase
        {
            Dialect = Dialect,
            Description = "a search for numbers containing a pattern",
            States = [State("numbers containing {pattern} are available in area code {area_code}", ("pattern", "012"), ("area_code", "415"))],
            Method = "POST",
            Path = "/v1/phone-numbers/search",
            Headers = Auth,
            Body = new { area_code = "415", pattern = "012", quantity = 1 },
            Status = 200,
            ResponseBody = new
            {
                success = true,
                data = Match.EachLike(new
                {
                    number = Match.Regex(NumberA, @"^\+1415\d*012\d*$"),
                    number_type = Match.Type("local"),
                }),
            },
            Then = body => Assert.Contains("012", body.GetProperty("data")[0].Str("number")),
        },
        Error(
            "a search without an API key",
            "/v1/phone-numbers/search",
            headers: [],
            body: new { area_code = "415", quantity = 1 },
            states: [],
            status: 401,
            code: "UNAUTHORIZED",
            message: "authentication failed"),
        Error(
            "a search with an API key lacking numbers:write",
            "/v1/phone-numbers/search",
            headers: [("Authorization", $"Bearer {ReadOnlyKey}")],
            body: new { area_code = "415", quantity = 1 },
            states: [State("API key {api_key} lacks scope {scope}", ("api_key", ReadOnlyKey), ("scope", "numbers:write"))],
            status: 403,
            code: "FORBIDDEN",
            message: "missing required scope"),
        new ContractCase
        {
            Dialect = Dialect,
            Description = "an order for an available number",
            States = [State("number {number} is available", ("number", NumberA))],
            Method = "POST",
            Path = "/v1/phone-numbers/orders",
            Headers = Auth,
            Body = new { numbers = new[] { NumberA } },
            Status = 200,
            ResponseBody = new { success = true, data = new[] { PhoneNumber(NumberA) } },
            Then = body =>
            {
                Assert.True(body.GetProperty("success").GetBoolean());
                Assert.Equal(NumberA, body.GetProperty("data")[0].Str("number"));
            },
        },
        new ContractCase
        {
            Dialect = Dialect,
            Description = "an order with routing URLs and a label",
            States = [State("number {number} is available", ("number", NumberA))],
            Method = "POST",
            Path = "/v1/phone-numbers/orders",
            Headers = Auth,
            Body = new
            {
                numbers = new[] { NumberA },
                inbound_url = "https://customer.example/inbound",
                status_url = "https://customer.example/status",
                label = "support-line",
            },
            Status = 200,
            ResponseBody = new
            {
                success = true,
                data = new[]
                {
                    PhoneNumber(NumberA, ("inbound_url", "https://customer.example/inbound"), ("status_url", "https://customer.example/status"), ("label", "support-line")),
                },
            },
            Then = body =>
            {
                var number = body.GetProperty("data")[0];
                Assert.Equal("https://customer.example/inbound", number.Str("inbound_url"));
                Assert.Equal("support-line", number.Str("label"));
            },
        },
        new ContractCase
        {
            Dialect = Dialect,
            Description = "an order linked to an active campaign",
            States =
            [
                State("number {number} is available", ("number", NumberA)),
                State("campaign {campaign_id} is ACTIVE with a VERIFIED brand", ("campaign_id", CampaignId), ("api_key", ApiKey)),
            ],
            Method = "POST",
            Path = "/v1/phone-numbers/orders",
            Headers = Auth,
            Body = new { numbers = new[] { NumberA }, campaign_id = CampaignId },
            Status = 200,
            ResponseBody = new { success = true, data = new[] { PhoneNumber(NumberA, ("campaign_id", CampaignId)) } },
            Then = body => Assert.Equal(CampaignId, body.GetProperty("data")[0].Str("campaign_id")),
        },
        Error(
            "an order linked to a campaign that is not active",
            "/v1/phone-numbers/orders",
            headers: Auth,
            body: new { numbers = new[] { NumberA }, campaign_id = CampaignId },
            states:
            [
                State("number {number} is available", ("number", NumberA)),
                State("campaign {campaign_id} is PENDING", ("campaign_id", CampaignId), ("api_key", ApiKey)),
            ],
            status: 422,
            code: "VALIDATION_FAILED",
            message: "validation failed",
            details: new { campaign_id = Match.Type("campaign must be ACTIVE") }),
        Error(
            "an order linked to a campaign whose brand is not verified",
            "/v1/phone-numbers/orders",
            headers: Auth,
            body: new { numbers = new[] { NumberA }, campaign_id = CampaignId },
            states:
            [
                State("number {number} is available", ("number", NumberA)),
                State("campaign {campaign_id} is ACTIVE with an UNVERIFIED brand", ("campaign_id", CampaignId), ("api_key", ApiKey)),
            ],
            status: 422,
            code: "VALIDATION_FAILED",
            message: "validation failed",
            details: new { campaign_id = Match.Type("campaign brand must be VERIFIED or VETTED_VERIFIED") }),
        new ContractCase
        {
            Dialect = Dialect,
            Description = "an order when one of the numbers is no longer available",
            States = [State("number {number} is available", ("number", NumberA)), State("number {number} was taken by another buyer", ("number", NumberB))],
            Method = "POST",
            Path = "/v1/phone-numbers/orders",
            Headers = Auth,
            Body = new { numbers = new[] { NumberA, NumberB } },
            Status = 409,
            // Seed 001 puts available_count and the unavailable numbers in "data", beside "error".
            ResponseBody = new
            {
                success = false,
                error = ErrorBody("INSUFFICIENT_INVENTORY", "insufficient inventory: requested 2, available 1"),
                data = new { available_count = Match.Integer(1), unavailable = new[] { NumberB } },
            },
            Then = body =>
            {
                Assert.False(body.GetProperty("success").GetBoolean());
                Assert.Equal("INSUFFICIENT_INVENTORY", body.GetProperty("error").Str("code"));
                Assert.Equal(1, body.GetProperty("data").GetProperty("available_count").GetInt32());
                Assert.Equal(NumberB, body.GetProperty("data").GetProperty("unavailable")[0].GetString());
            },
        },
        Error(
            "an order with a plain-http inbound_url",
            "/v1/phone-numbers/orders",
            headers: Auth,
            body: new { numbers = new[] { NumberA }, inbound_url = "http://customer.example/inbound" },
            states: [State("number {number} is available", ("number", NumberA))],
            status: 422,
            code: "VALIDATION_FAILED",
            message: "validation failed",
            details: new { inbound_url = Match.Type("must use https://") }),
        Error(
            "an order with a number that is not in E.164 format",
            "/v1/phone-numbers/orders",
            headers: Auth,
            body: new { numbers = new[] { "4155540123" } },
            states: [],
            status: 422,
            code: "VALIDATION_FAILED",
            message: "validation failed",
            details: new { numbers = Match.Type("must be E.164") }),
        Error(
            "an order when the organisation has no credit",
            "/v1/phone-numbers/orders",
            headers: [("Authorization", $"Bearer {NoCreditKey}")],
            body: new { numbers = new[] { NumberA } },
            states:
            [
                State("number {number} is available", ("number", NumberA)),
                State("the organisation of API key {api_key} has no credit", ("api_key", NoCreditKey)),
            ],
            status: 402,
            code: "INSUFFICIENT_CREDIT",
            message: "insufficient credit"),
        Error(
            "an order with an API key lacking numbers:write",
            "/v1/phone-numbers/orders",
            headers: [("Authorization", $"Bearer {ReadOnlyKey}")],
            body: new { numbers = new[] { NumberA } },
            states: [State("API key {api_key} lacks scope {scope}", ("api_key", ReadOnlyKey), ("scope", "numbers:write"))],
            status: 403,
            code: "FORBIDDEN",
            message: "missing required scope"),
        Error(
            "an order without an API key",
            "/v1/phone-numbers/orders",
            headers: [],
            body: new { numbers = new[] { NumberA } },
            states: [],
            status: 401,
            code: "UNAUTHORIZED",
            message: "authentication failed"),
    ];

    private static object ErrorBody(string code, string message) => new
    {
        code,
        message = Match.Type(message),
        request_id = Match.Type(RequestId),
    };

    private static ContractCase Error(
        string description,
        string path,
        (string, string)[] headers,
        object body,
        (string, IReadOnlyDictionary<string, object?>)[] states,
        int status,
        string code,
        string message,
        object? details = null) => new()
        {
            Dialect = Dialect,
            Description = description,
            States = states,
            Method = "POST",
            Path = path,
            Headers = headers,
            Body = body,
            Status = status,
            ResponseBody = new
            {
                success = false,
                error = details is null
                    ? ErrorBody(code, message)
                    : new { code, message = Match.Type(message), request_id = Match.Type(RequestId), details },
            },
            Then = response =>
            {
                Assert.False(response.GetProperty("success").GetBoolean());
                var error = response.GetProperty("error");
                Assert.Equal(code, error.Str("code"));
                Assert.False(string.IsNullOrEmpty(error.Str("request_id")));
                if (details is not null)
                {
                    Assert.Equal(JsonValueKind.Object, error.GetProperty("details").ValueKind);
                }
            },
        };

    /// <summary>PhoneNumber (seed 001): routing fields are pinned only when the order set them.</summary>
    private static Dictionary<string, object?> PhoneNumber(string number, params (string Name, object? Value)[] routing)
    {
        var result = new Dictionary<string, object?>
        {
            ["id"] = Match.Regex("7c1f0a2d-9e8b-4c3a-9d2e-1f0a2b3c4d5e", Uuid),
            ["number"] = number,
            ["number_type"] = Match.Type("local"),
            ["sms_enabled"] = Match.Boolean(true),
            ["mms_enabled"] = Match.Boolean(true),
            ["created_at"] = Match.DateTime("2026-04-26T12:00:00Z", SecondsTimestamp),
            ["updated_at"] = Match.DateTime("2026-04-26T12:00:00Z", SecondsTimestamp),
        };
        foreach (var (name, value) in routing)
        {
            result[name] = value;
        }

        return result;
    }

    /// <summary>The credentials an authenticated request of this contract carries: the simulator's example credentials.</summary>
    public static void AssertCredentials(IReadOnlyList<(string Name, string Value)> headers)
    {
        Assert.StartsWith("Bearer am_live_", headers.Single(h => h.Name == "Authorization").Value, StringComparison.Ordinal);
    }
}
