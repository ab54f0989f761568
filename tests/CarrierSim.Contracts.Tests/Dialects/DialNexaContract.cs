using static CarrierSim.Contracts.Tests.Dialects.Vendor;

namespace CarrierSim.Contracts.Tests.Dialects;

/// <summary>
/// DialNexa, from seed 003 ("Purchase a Number": body, response fields, 400/403/409) and the search endpoint
/// of the older doc set (vendor-apis.md §3.1, a Plivo pass-through {api_id, objects, meta}). NestJS error
/// envelope {statusCode, message, error}. POST answers 201, NestJS's default for POST.
/// </summary>
internal static class DialNexaContract
{
    public const string Dialect = "dialnexa";
    public const string ApiKey = "key_7Jc2tq9XW4:9f8e7d6c5b4a39281706f5e4d3c2b1a0";

    // Separate workspaces (separate keys) for the restricted tenants.
    public const string KycPendingKey = "key_kycPending1:9f8e7d6c5b4a39281706f5e4d3c2b1a0";
    public const string GbDisabledKey = "key_gbDisabled1:9f8e7d6c5b4a39281706f5e4d3c2b1a0";

    // Chicago (312-744), a real exchange.
    private const string UsNumber = "+13127445210";
    private const string UsNumberTaken = "+13127445211";
    private const string UsNumberGone = "+13127445212";

    // The document's own Mumbai example; India needs KYC.
    private const string IndiaNumber = "+912234567890";
    private const string UkNumber = "+442073238299";

    private static readonly (string, string)[] Auth = [("Authorization", $"Bearer {ApiKey}")];

    public static IReadOnlyList<ContractCase> Cases { get; } =
    [
        Search(
            "a search for local numbers in the US",
            "local",
            Match.Regex(UsNumber, @"^\+1[2-9]\d{9}$")),
        Search(
            "a search for toll-free numbers in the US",
            "tollfree",
            Match.Regex("+18884521234", @"^\+18(00|33|44|55|66|77|88)\d{7}$")),
        new ContractCase
        {
            Dialect = Dialect,
            Description = "a search without country_iso",
            Method = "GET",
            Path = "/v1/organization-phone-numbers/plivo-numbers",
            Query = [("type", "local")],
            Headers = Auth,
            Status = 400,
            ResponseBody = new { statusCode = 400, message = Match.Include("country_iso"), error = "Bad Request" },
            Then = error =>
            {
                Assert.Equal(400, error.GetProperty("statusCode").GetInt32());
                Assert.Contains("country_iso", error.Str("message"));
            },
        },
        new ContractCase
        {
            Dialect = Dialect,
            Description = "a search without an API key",
            Method = "GET",
            Path = "/v1/organization-phone-numbers/plivo-numbers",
            Query = [("country_iso", "US"), ("type", "local")],
            Status = 401,
            ResponseBody = Error(401, "API key is missing or invalid", "Unauthorized"),
            Then = error => Assert.Equal("Unauthorized", error.Str("error")),
        },
        new ContractCase
        {
            Dialect = Dialect,
            Description = "a purchase of an available number",
            States = [State("number {number} is available", ("number", UsNumber))],
            Method = "POST",
            Path = "/v1/organization-phone-numbers/purchase",
            Headers = Auth,
            Body = new { phone_number = UsNumber },
            Status = 201,
            ResponseBody = Purchased(UsNumber, Match.Type("plivo")),
            Then = number =>
            {
                Assert.StartsWith("phn_", number.Str("id"));
                Assert.Equal(UsNumber, number.Str("phone_number"));
                Assert.Contains(number.Str("status"), new[] { "pending", "active" });
            },
        },
        new ContractCase
        {
            Dialect = Dialect,
            Description = "a purchase of an available number from a named provider",
            States = [State("number {number} is available", ("number", UsNumber))],
            Method = "POST",
            Path = "/v1/organization-phone-numbers/purchase",
            Headers = Auth,
            Body = new { phone_number = UsNumber, provider = "plivo" },
            Status = 201,
            ResponseBody = Purchased(UsNumber, "plivo"),
            Then = number => Assert.Equal("plivo", number.Str("provider")),
        },
        Failure(
            "a purchase of a number that is no longer available",
            [State("number {number} is no longer available", ("number", UsNumberGone))],
            Auth,
            new { phone_number = UsNumberGone },
            400, "Phone number is no longer available", "Bad Request"),
        Failure(
            "a purchase of a number in a country not enabled on the workspace",
            [State("country {country} is not enabled", ("country", "GB"), ("api_key", GbDisabledKey)), State("number {number} is available", ("number", UkNumber))],
            [("Authorization", $"Bearer {GbDisabledKey}")],
            new { phone_number = UkNumber },
            400, "Country GB is not enabled on this workspace", "Bad Request"),
        Failure(
            "a purchase of a number with an invalid format",
            [],
            Auth,
            new { phone_number = "2234567890" },
            400, "phone_number must be a valid E.164 phone number", "Bad Request"),
        Failure(
            "a purchase when KYC is incomplete for IN",
            [State("KYC is incomplete for {country}", ("country", "IN"), ("api_key", KycPendingKey)), State("number {number} is available", ("number", IndiaNumber))],
            [("Authorization", $"Bearer {KycPendingKey}")],
            new { phone_number = IndiaNumber },
            403, "KYC verification is required for IN", "Forbidden"),
        Failure(
            "a purchase of a number claimed by another buyer",
            [State("number {number} was taken by another buyer", ("number", UsNumberTaken))],
            Auth,
            new { phone_number = UsNumberTaken },
            409, "Phone number was claimed by another buyer", "Conflict"),
    ];

    private static ContractCase Search(string description, string type, Matcher number) => new()
    {
        Dialect = Dialect,
        Description = description,
        States = [State("{number_type} numbers are available in {country}", ("number_type", type), ("country", "US"))],
        Method = "GET",
        Path = "/v1/organization-phone-numbers/plivo-numbers",
        Query = [("country_iso", "US"), ("type", type)],
        Headers = Auth,
        Status = 200,
        ResponseBody = new
        {
            api_id = Match.Type("9f6d7c"),
            objects = Match.EachLike(new
            {
                number,
                type = Match.Regex(type, $"^{type}$"),
                monthly_rental_rate = DecimalText("0.80"),
                setup_rate = DecimalText("0.00"),
                voice_enabled = Match.Boolean(true),
                sms_enabled = Match.Boolean(true),
                mms_enabled = Match.Boolean(false),
                country_iso = Match.Regex("US", "^US$"),
                number_format = Match.Type("+13127445210"),
            }),
            meta = new { total_count = Match.Integer(1) },
        },
        Then = body =>
        {
            Assert.False(string.IsNullOrEmpty(body.Str("api_id")));
            var numbers = body.GetProperty("objects").EnumerateArray().ToList();
            Assert.NotEmpty(numbers);
            Assert.All(numbers, n => Assert.Equal(type, n.Str("type")));
            Assert.All(numbers, n => IsE164(n.Str("number")));
        },
    };

    private static ContractCase Failure(
        string description,
        (string, IReadOnlyDictionary<string, object?>)[] states,
        (string, string)[] headers,
        object body,
        int status,
        string message,
        string error) => new()
        {
            Dialect = Dialect,
            Description = description,
            States = states,
            Method = "POST",
            Path = "/v1/organization-phone-numbers/purchase",
            Headers = headers,
            Body = body,
            Status = status,
            ResponseBody = Error(status, message, error),
            Then = response =>
            {
                Assert.Equal(status, response.GetProperty("statusCode").GetInt32());
                Assert.Equal(error, response.Str("error"));
                Assert.False(string.IsNullOrEmpty(response.Str("message")));
            },
        };

    private static object Error(int status, string message, string error) => new
    {
        statusCode = status,
        message = Match.Type(message),
        error,
    };

    /// <summary>The purchased number (seed 003 response fields); a fresh number has no label, agent or nickname yet.</summary>
    private static object Purchased(string number, object provider) => new
    {
        id = Match.Regex("phn_abc123", "^phn_[A-Za-z0-9]+$"),
        phone_number = number,
        label = (string?)null,
        agent_id = (string?)null,
        nickname = (string?)null,
        status = Match.Regex("active", "^(pending|active)$"),
        provider,
        created_at = Match.DateTime("2024-03-01T10:00:00.000Z", MillisecondsTimestamp),
    };

    /// <summary>The credentials an authenticated request of this contract carries: the simulator's example credentials.</summary>
    public static void AssertCredentials(IReadOnlyList<(string Name, string Value)> headers)
    {
        Assert.Matches(@"^Bearer [^:\s]+:[^:\s]+$", headers.Single(h => h.Name == "Authorization").Value);
    }
}
