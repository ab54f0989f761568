using System.Text;
using static CarrierSim.Contracts.Tests.Dialects.Vendor;

namespace CarrierSim.Contracts.Tests.Dialects;

/// <summary>
/// Plivo API v1, from the documented examples: the number search parameters and PhoneNumber fields of
/// plivo.com/docs and the plivo-dotnet SDK, and the plivo-dotnet test mocks (phoneNumberCreateResponse,
/// numberGetResponse, numberListResponse, numberUpdateResponse). Plivo publishes no OpenAPI document.
/// Error body {api_id, error}. Unrenting (204, no body) is left out: a contract interaction needs a body.
/// </summary>
internal static class PlivoContract
{
    public const string Dialect = "plivo";
    public const string AuthId = "MA2025RK4E639VJFZAGV";
    public const string AuthToken = "carriersim_docs_auth_token";

    // Chicago (312-744), a real exchange; the docs' 1415555xxxx examples are fictional.
    private const string Available = "13127445240";
    private const string Taken = "13127445241";
    private const string Rented = "13127445242";

    private static readonly (string, string)[] Auth = [("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AuthId}:{AuthToken}")))];
    private static readonly (string, object?) Account = ("auth_id", AuthId);

    public static IReadOnlyList<ContractCase> Cases { get; } =
    [
        Search(
            "a search for local numbers in the US",
            State("{number_type} numbers are available in {country}", ("number_type", "local"), ("country", "US")),
            [("country_iso", "US"), ("type", "local"), ("limit", "2")],
            Text("13127445240", @"^1[2-9]\d{9}$"),
            n => Assert.Equal("fixed", n.Str("type"))),
        Search(
            "a search for numbers by NPA-NXX",
            State("numbers are available in NPA-NXX {npa_nxx}", ("npa_nxx", "312744")),
            [("country_iso", "US"), ("npanxx", "312744"), ("limit", "2")],
            Text("13127445240", @"^1312744\d{4}$"),
            n => Assert.StartsWith("1312744", n.Str("number"))),
        Search(
            "a search for numbers by city and region",
            State("numbers are available in {city}, {state}", ("city", "Raleigh"), ("state", "NC")),
            [("country_iso", "US"), ("city", "Raleigh"), ("region", "NC"), ("limit", "2")],
            Text("19197334821", @"^1[2-9]\d{9}$"),
            n => Assert.Equal("RALEIGH", n.Str("city")),
            city: Match.Regex("RALEIGH", "^RALEIGH$")),
        new ContractCase
        {
            Dialect = Dialect,
            Description = "a search without country_iso",
            Method = "GET",
            Path = $"/v1/Account/{AuthId}/PhoneNumber/",
            Query = [("type", "local")],
            Headers = Auth,
            Status = 400,
            ResponseBody = Error("country_iso is required"),
            Then = body => Assert.Contains("country_iso", body.Str("error")),
        },
        new ContractCase
        {
            Dialect = Dialect,
            Description = "a search without credentials",
            Method = "GET",
            Path = $"/v1/Account/{AuthId}/PhoneNumber/",
            Query = [("country_iso", "US")],
            Status = 401,
            ResponseBody = Error("Authentication failed"),
            Then = body => Assert.False(string.IsNullOrEmpty(body.Str("error"))),
        },
        new ContractCase
        {
            Dialect = Dialect,
            Description = "a purchase of an available number",
            States = [State("number {number} is available", ("number", "+" + Available))],
            Method = "POST",
            Path = $"/v1/Account/{AuthId}/PhoneNumber/{Available}/",
            Headers = Auth,
            Body = new { app_id = "29986316244302815" },
            Status = 201,
            ResponseBody = new
            {
                api_id = Match.Regex("aa52882c-1c88-11e4-bd8a-12313f048015", Uuid),
                message = "created",
                numbers = Match.EachLike(new { number = Exactly(Available), status = Exactly("Success") }),
                status = "fulfilled",
            },
            Then = body =>
            {
                Assert.Equal("fulfilled", body.Str("status"));
                Assert.Equal(Available, body.GetProperty("numbers")[0].Str("number"));
            },
        },
        new ContractCase
        {
            Dialect = Dialect,
            Description = "a purchase of a number taken by another buyer",
            States = [State("number {number} was taken by another buyer", ("number", "+" + Taken))],
            Method = "POST",
            Path = $"/v1/Account/{AuthId}/PhoneNumber/{Taken}/",
            Headers = Auth,
            Body = new { },
            Status = 400,
            ResponseBody = Error("not available for purchase"),
            Then = body => Assert.Contains("not available", body.Str("error")),
        },
        new ContractCase
        {
            Dialect = Dialect,
            Description = "a request for a rented number",
            States = [State("the Plivo account rents number {number}", ("number", "+" + Rented), Account)],
            Method = "GET",
            Path = $"/v1/Account/{AuthId}/Number/{Rented}/",
            Headers = Auth,
            Status = 200,
            ResponseBody = RentedNumber(withApiId: true),
            Then = body =>
            {
                Assert.Equal(Rented, body.Str("number"));
                Assert.Equal("Plivo", body.Str("carrier"));
            },
        },
        new ContractCase
        {
            Dialect = Dialect,
            Description = "a list of rented numbers",
            States = [State("the Plivo account rents number {number}", ("number", "+" + Rented), Account)],
            Method = "GET",
            Path = $"/v1/Account/{AuthId}/Number/",
            Query = [("limit", "20"), ("offset", "0")],
            Headers = Auth,
            Status = 200,
            ResponseBody = new
            {
                api_id = Match.Regex("aa52882c-1c88-11e4-bd8a-12313f048015", Uuid),
                meta = new { limit = 20, next = Match.Type((string?)null), offset = 0, previous = (string?)null, total_count = Match.Integer(1) },
                objects = Match.EachLike(RentedNumber(withApiId: false)),
            },
            Then = body => Assert.NotEmpty(body.GetProperty("objects").EnumerateArray()),
        },
        new ContractCase
        {
            Dialect = Dialect,
            Description = "an update of a rented number's alias and application",
            States = [State("the Plivo account rents number {number}", ("number", "+" + Rented), Account)],
            Method = "POST",
            Path = $"/v1/Account/{AuthId}/Number/{Rented}/",
            Headers = Auth,
            Body = new { alias = "Front desk", app_id = "77506472664956039" },
            Status = 202,
            ResponseBody = new { message = "changed", api_id = Match.Regex("5a9fcb68-523d-11e1-86da-6ff39efcb949", Uuid) },
            Then = body => Assert.Equal("changed", body.Str("message")),
        },
        new ContractCase
        {
            Dialect = Dialect,
            Description = "a request for a number the account does not rent",
            Method = "GET",
            Path = $"/v1/Account/{AuthId}/Number/13127445249/",
            Headers = Auth,
            Status = 404,
            ResponseBody = Error("not found"),
            Then = body => Assert.Contains("not found", body.Str("error")),
        },
    ];

    private static ContractCase Search(
        string description,
        (string, IReadOnlyDictionary<string, object?>) state,
        (string, string)[] query,
        Matcher number,
        Action<System.Text.Json.JsonElement> then,
        Matcher? city = null) => new()
        {
            Dialect = Dialect,
            Description = description,
            States = [state],
            Method = "GET",
            Path = $"/v1/Account/{AuthId}/PhoneNumber/",
            Query = query,
            Headers = Auth,
            Status = 200,
            ResponseBody = new
            {
                api_id = Match.Regex("859428b0-1c88-11e4-a2d1-22000ac5040c", Uuid),
                meta = new { limit = 2, next = Match.Type("/v1/Account/MA2025RK4E639VJFZAGV/PhoneNumber/?limit=2&offset=2"), offset = 0, previous = (string?)null, total_count = Match.Integer(20) },
                objects = Match.EachLike(new
                {
                    number,
                    prefix = Text("312", @"^\d{1,5}$"),
                    city = city ?? Match.Type("CHICAGO"),
                    country = Exactly("UNITED STATES"),
                    region = Match.Type("Illinois"),
                    rate_center = Match.Type("CHICAGO ZONE 11"),
                    lata = Match.Integer(358),
                    type = Match.Regex("fixed", "^(fixed|mobile|tollfree)$"),
                    sub_type = Match.Regex("local", "^(local|national|mobile|tollfree)$"),
                    setup_rate = DecimalText("0.00000"),
                    monthly_rental_rate = DecimalText("0.80000"),
                    sms_enabled = Match.Boolean(true),
                    mms_enabled = Match.Boolean(false),
                    voice_enabled = Match.Boolean(true),
                    sms_rate = DecimalText("0.00000"),
                    voice_rate = DecimalText("0.00850"),
                    resource_uri = Match.Regex("/v1/Account/MA2025RK4E639VJFZAGV/PhoneNumber/13127445240/", @"^/v1/Account/MA2025RK4E639VJFZAGV/PhoneNumber/\d+/$"),
                }),
            },
            Then = body =>
            {
                var objects = body.GetProperty("objects").EnumerateArray().ToList();
                Assert.NotEmpty(objects);
                Assert.All(objects, then);
            },
        };

    private static object RentedNumber(bool withApiId) => withApiId
        ? new
        {
            api_id = Match.Regex("88625e5e-1c92-11e4-80aa-12313f048015", Uuid),
            number = Exactly(Rented),
            added_on = Match.Regex("2014-02-14", @"^\d{4}-\d{2}-\d{2}$"),
            carrier = "Plivo",
            region = Match.Type("Illinois, UNITED STATES"),
            number_type = Match.Regex("local", "^(local|national|mobile|tollfree|fixed)$"),
            monthly_rental_rate = DecimalText("0.80000"),
            sms_enabled = Match.Boolean(true),
            voice_enabled = Match.Boolean(true),
            voice_rate = DecimalText("0.00850"),
            resource_uri = Exactly($"/v1/Account/{AuthId}/Number/{Rented}/"),
            cnam_lookup = Match.Regex("disabled", "^(enabled|disabled)$"),
        }
        : new
        {
            number = Text(Rented, @"^\d+$"),
            added_on = Match.Regex("2014-02-14", @"^\d{4}-\d{2}-\d{2}$"),
            carrier = "Plivo",
            region = Match.Type("Illinois, UNITED STATES"),
            number_type = Match.Regex("local", "^(local|national|mobile|tollfree|fixed)$"),
            monthly_rental_rate = DecimalText("0.80000"),
            sms_enabled = Match.Boolean(true),
            voice_enabled = Match.Boolean(true),
            voice_rate = DecimalText("0.00850"),
            resource_uri = Match.Regex($"/v1/Account/{AuthId}/Number/{Rented}/", $@"^/v1/Account/{AuthId}/Number/\d+/$"),
            cnam_lookup = Match.Regex("disabled", "^(enabled|disabled)$"),
        };

    private static object Error(string fragment) => new
    {
        api_id = Match.Regex("859428b0-1c88-11e4-a2d1-22000ac5040c", Uuid),
        error = Match.Include(fragment),
    };

    /// <summary>The credentials an authenticated request of this contract carries: the simulator's example credentials.</summary>
    public static void AssertCredentials(IReadOnlyList<(string Name, string Value)> headers)
    {
        Assert.StartsWith("Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(AuthId + ":")), headers.Single(h => h.Name == "Authorization").Value, StringComparison.Ordinal);
    }
}
