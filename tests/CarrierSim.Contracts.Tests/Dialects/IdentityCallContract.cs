using static CarrierSim.Contracts.Tests.Dialects.Vendor;

namespace CarrierSim.Contracts.Tests.Dialects;

/// <summary>
/// IdentityCall, from seed 004 ("Search Available Numbers": country, number_type, response fields, 422) and the
/// purchase page summarised in vendor-apis.md §4.1 (201, {data:{…}}). Errors are {error}. A number that is no
/// longer available is a 422 (inferred, ARCHITECTURE §4).
/// </summary>
internal static class IdentityCallContract
{
    public const string Dialect = "identitycall";
    public const string ApiKey = "idc_4fJ9kL2mN7pQ1rS8tU3vW6xY0zA5bC2d";
    public const string ReadOnlyKey = "idc_ReadOnly7c4d9e2f1a0b8c3d6e5f4a2b";

    private const string AvailablePath = "/api/v1/public/virtual_numbers/available";
    private const string PurchasePath = "/api/v1/public/virtual_numbers/purchase";

    // Austin, TX (512-463), a real exchange; the document's +1555… numbers are fictional.
    private const string NumberA = "+15124631234";
    private const string NumberB = "+15124631235";
    private const string NumberTaken = "+15124631236";

    private static readonly (string, string)[] Auth = [("Authorization", $"Bearer {ApiKey}")];

    public static IReadOnlyList<ContractCase> Cases { get; } =
    [
        Search("a search for local numbers in the US", [("country", "US"), ("number_type", "local")], "local", Match.Regex(NumberA, @"^\+1[2-9]\d{9}$")),
        Search("a search with the default country and number type", [], "mobile", Match.Regex(NumberA, @"^\+1[2-9]\d{9}$")),
        Search("a search for toll-free numbers in the US", [("country", "US"), ("number_type", "toll-free")], "toll-free", Match.Regex("+18884521234", @"^\+18(00|33|44|55|66|77|88)\d{7}$")),
        new ContractCase
        {
            Dialect = Dialect,
            Description = "a search in a country the provider rejects",
            Method = "GET",
            Path = AvailablePath,
            Query = [("country", "ZZ"), ("number_type", "local")],
            Headers = Auth,
            Status = 422,
            ResponseBody = new { error = Match.Type("Provider error: invalid country ZZ") },
            Then = error => Assert.False(string.IsNullOrEmpty(error.Str("error"))),
        },
        new ContractCase
        {
            Dialect = Dialect,
            Description = "a search without an API key",
            Method = "GET",
            Path = AvailablePath,
            Query = [("country", "US"), ("number_type", "local")],
            Status = 401,
            ResponseBody = new { error = Match.Type("Invalid or expired API key") },
            Then = error => Assert.False(string.IsNullOrEmpty(error.Str("error"))),
        },
        new ContractCase
        {
            Dialect = Dialect,
            Description = "a purchase of an available number with a name",
            States = [State("number {number} is available", ("number", NumberA))],
            Method = "POST",
            Path = PurchasePath,
            Headers = Auth,
            Body = new { phone_number = NumberA, country_code = "US", number_type = "local", name = "US Sales Line" },
            Status = 201,
            ResponseBody = new { data = Purchased(NumberA, ("name", "US Sales Line")) },
            Then = body =>
            {
                var data = body.GetProperty("data");
                Assert.Equal(NumberA, data.Str("phone_number"));
                Assert.Equal("US Sales Line", data.Str("name"));
                Assert.True(data.GetProperty("id").TryGetInt64(out _));
            },
        },
        new ContractCase
        {
            Dialect = Dialect,
            Description = "a purchase of an available number with only the phone number",
            States = [State("number {number} is available", ("number", NumberB))],
            Method = "POST",
            Path = PurchasePath,
            Headers = Auth,
            Body = new { phone_number = NumberB },
            Status = 201,
            ResponseBody = new { data = Purchased(NumberB) },
            Then = body => Assert.Equal(NumberB, body.GetProperty("data").Str("phone_number")),
        },
        Failure(
            "a purchase without a phone number",
            [],
            Auth,
            new { name = "US Sales Line" },
            422,
            Match.Include("phone_number")),
        Failure(
            "a purchase of a number taken by another buyer",
            [State("number {number} was taken by another buyer", ("number", NumberTaken))],
            Auth,
            new { phone_number = NumberTaken },
            422,
            Match.Type("Phone number is no longer available")),
        Failure(
            "a purchase with a read-only API key",
            [State("API key {api_key} has only read permission", ("api_key", ReadOnlyKey))],
            [("Authorization", $"Bearer {ReadOnlyKey}")],
            new { phone_number = NumberA },
            403,
            Match.Type("Write permission required")),
    ];

    private static ContractCase Search(string description, (string, string)[] query, string numberType, Matcher number) => new()
    {
        Dialect = Dialect,
        Description = description,
        States = [State("{number_type} numbers are available in {country}", ("number_type", numberType), ("country", "US"))],
        Method = "GET",
        Path = AvailablePath,
        Query = query,
        Headers = Auth,
        Status = 200,
        // "Passed through from our phone-number provider … typical but provider-dependent": shapes only,
        // and region_information may be empty.
        ResponseBody = new
        {
            data = Match.EachLike(new
            {
                phone_number = number,
                country_code = Match.Regex("US", "^US$"),
                number_type = Match.Regex(numberType, $"^{numberType}$"),
                upfront_cost = DecimalText("1.00"),
                monthly_cost = DecimalText("1.00"),
                features = Match.EachLike(Match.Regex("voice", "^(voice|sms|mms|fax)$")),
                region_information = Match.EachLike(new { region_type = Match.Type("state"), region_name = Match.Type("TX") }, min: 0),
            }),
        },
        Then = body =>
        {
            var numbers = body.GetProperty("data").EnumerateArray().ToList();
            Assert.NotEmpty(numbers);
            Assert.All(numbers, n => Assert.Equal(numberType, n.Str("number_type")));
            Assert.All(numbers, n => IsE164(n.Str("phone_number")));
        },
    };

    private static ContractCase Failure(
        string description,
        (string, IReadOnlyDictionary<string, object?>)[] states,
        (string, string)[] headers,
        object body,
        int status,
        Matcher error) => new()
        {
            Dialect = Dialect,
            Description = description,
            States = states,
            Method = "POST",
            Path = PurchasePath,
            Headers = headers,
            Body = body,
            Status = status,
            ResponseBody = new { error },
            Then = response => Assert.False(string.IsNullOrEmpty(response.Str("error"))),
        };

    /// <summary>The purchased virtual number: a new number has no operators yet.</summary>
    private static Dictionary<string, object?> Purchased(string number, params (string Name, object? Value)[] extra)
    {
        var data = new Dictionary<string, object?>
        {
            ["id"] = Match.Integer(9),
            ["phone_number"] = number,
            ["country_code"] = "US",
            ["active"] = Match.Boolean(true),
            ["ai_receptionist_enabled"] = Match.Boolean(false),
            ["operators"] = Array.Empty<object>(),
            ["operators_count"] = 0,
        };
        foreach (var (name, value) in extra)
        {
            data[name] = value;
        }

        return data;
    }

    /// <summary>The credentials an authenticated request of this contract carries: the simulator's example credentials.</summary>
    public static void AssertCredentials(IReadOnlyList<(string Name, string Value)> headers)
    {
        Assert.Matches("^Bearer idc_[A-Za-z0-9]{32}$", headers.Single(h => h.Name == "Authorization").Value);
    }
}
