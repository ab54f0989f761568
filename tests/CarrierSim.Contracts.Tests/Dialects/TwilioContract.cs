using System.Text;
using static CarrierSim.Contracts.Tests.Dialects.Vendor;

namespace CarrierSim.Contracts.Tests.Dialects;

/// <summary>
/// Twilio API 2010-04-01, from the examples of Twilio's OpenAPI document (twilio/twilio-oai
/// spec/json/twilio_api_v2010.json): the Hilo search result (+18089251571, HILO, LATA 834, 96720), the
/// IncomingPhoneNumber create/fetch/update/list examples (ACaaaa…, PNaaaa…, +18089255327) and the country
/// list; errors in the legacy envelope {code, message, more_info, status} (carriers.md §1.5). Bodies are
/// form fields, as the SDKs send them.
/// </summary>
internal static class TwilioContract
{
    public const string Dialect = "twilio";
    public const string AccountSid = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    public const string AuthToken = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    private const string NumberSid = "PNaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string Account = "/2010-04-01/Accounts/" + AccountSid;

    // The spec's examples: a Hilo number to buy, and the number the account already owns.
    private const string HiloNumber = "+18089251571";
    private const string OwnedNumber = "+18089255327";
    private const string TakenNumber = "+18089251572";

    private static readonly (string, string)[] Auth = [("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:{AuthToken}")))];

    private static readonly (string, IReadOnlyDictionary<string, object?>) Owned =
        State("account {account_sid} owns number {number} with sid {sid}", ("account_sid", AccountSid), ("number", OwnedNumber), ("sid", NumberSid));

    public static IReadOnlyList<ContractCase> Cases { get; } =
    [
        Search(
            "a search for local numbers in a rate center and LATA",
            [State("numbers are available in rate center {rate_center}, LATA {lata}", ("rate_center", "HILO"), ("lata", "834"))],
            [("InRateCenter", "HILO"), ("InLata", "834")],
            n => Assert.Equal(("HILO", "834"), (n.Str("rate_center"), n.Str("lata")))),
        Search(
            "a search for local numbers in a postal code",
            [State("numbers are available near ZIP {zip}", ("zip", "96720"))],
            [("InPostalCode", "96720")],
            n => Assert.Equal("96720", n.Str("postal_code"))),
        Search(
            "a search for local numbers near a point",
            [State("numbers are available in rate center {rate_center}, LATA {lata}", ("rate_center", "HILO"), ("lata", "834"))],
            [("NearLatLong", "19.720000,-155.090000"), ("Distance", "50")],
            n => Assert.Equal("HI", n.Str("region"))),
        new ContractCase
        {
            Dialect = Dialect,
            Description = "the list of countries with available numbers",
            Method = "GET",
            Path = Account + "/AvailablePhoneNumbers.json",
            Headers = Auth,
            Status = 200,
            ResponseBody = new
            {
                countries = Match.EachLike(new
                {
                    country_code = Match.Regex("US", "^[A-Z]{2}$"),
                    country = Match.Type("United States"),
                    uri = Match.Regex(Account + "/AvailablePhoneNumbers/US.json", @"^/2010-04-01/Accounts/AC[0-9a-f]{32}/AvailablePhoneNumbers/[A-Z]{2}\.json$"),
                    beta = Match.Boolean(false),
                    subresource_uris = new { local = Match.Regex(Account + "/AvailablePhoneNumbers/US/Local.json", @"^/2010-04-01/Accounts/AC[0-9a-f]{32}/AvailablePhoneNumbers/[A-Z]{2}/Local\.json$") },
                }),
                uri = Account + "/AvailablePhoneNumbers.json",
            },
            Then = body => Assert.Contains(body.GetProperty("countries").EnumerateArray(), c => c.Str("country_code") == "US"),
        },
        new ContractCase
        {
            Dialect = Dialect,
            Description = "a purchase of an available number",
            States = [State("number {number} is available", ("number", HiloNumber))],
            Method = "POST",
            Path = Account + "/IncomingPhoneNumbers.json",
            Headers = Auth,
            FormBody = [("PhoneNumber", HiloNumber), ("FriendlyName", "friendly_name"), ("VoiceUrl", "https://example.com"), ("SmsMethod", "GET")],
            Status = 201,
            ResponseBody = Resource(HiloNumber, "friendly_name", ("voice_url", "https://example.com"), ("sms_method", "GET")),
            Then = number =>
            {
                Assert.Equal(HiloNumber, number.Str("phone_number"));
                Assert.Matches("^PN[0-9a-f]{32}$", number.Str("sid"));
            },
        },
        new ContractCase
        {
            Dialect = Dialect,
            Description = "a purchase by area code",
            States = [State("numbers are available in area code {area_code}", ("area_code", "808"))],
            Method = "POST",
            Path = Account + "/IncomingPhoneNumbers.json",
            Headers = Auth,
            FormBody = [("AreaCode", "808")],
            Status = 201,
            ResponseBody = Resource(Match.Regex(OwnedNumber, @"^\+1808\d{7}$"), Match.Regex("(808) 925-5327", @"^\(808\) \d{3}-\d{4}$")),
            Then = number => Assert.StartsWith("+1808", number.Str("phone_number")),
        },
        new ContractCase
        {
            Dialect = Dialect,
            Description = "fetching a number the account owns",
            States = [Owned],
            Method = "GET",
            Path = $"{Account}/IncomingPhoneNumbers/{NumberSid}.json",
            Headers = Auth,
            Status = 200,
            ResponseBody = Resource(OwnedNumber, Match.Type("(808) 925-5327"), ("sid", NumberSid)),
            Then = number => Assert.Equal((NumberSid, OwnedNumber), (number.Str("sid"), number.Str("phone_number"))),
        },
        new ContractCase
        {
            Dialect = Dialect,
            Description = "updating a number the account owns",
            States = [Owned],
            Method = "POST",
            Path = $"{Account}/IncomingPhoneNumbers/{NumberSid}.json",
            Headers = Auth,
            FormBody = [("FriendlyName", "Front desk"), ("VoiceCallerIdLookup", "true")],
            Status = 200,
            ResponseBody = Resource(OwnedNumber, "Front desk", ("sid", NumberSid), ("voice_caller_id_lookup", true)),
            Then = number => Assert.Equal("Front desk", number.Str("friendly_name")),
        },
        new ContractCase
        {
            Dialect = Dialect,
            Description = "listing the account's numbers",
            States = [Owned],
            Method = "GET",
            Path = Account + "/IncomingPhoneNumbers.json",
            Query = [("PageSize", "50")],
            Headers = Auth,
            Status = 200,
            ResponseBody = new
            {
                incoming_phone_numbers = Match.EachLike(Resource(Match.Regex(OwnedNumber, E164Pattern), Match.Type("(808) 925-5327"))),
                uri = Match.Regex(Account + "/IncomingPhoneNumbers.json?PageSize=50", @"^/2010-04-01/Accounts/AC[0-9a-f]{32}/IncomingPhoneNumbers\.json(\?.*)?$"),
                first_page_uri = Match.Regex(Account + "/IncomingPhoneNumbers.json?PageSize=50&Page=0", @"^/2010-04-01/Accounts/AC[0-9a-f]{32}/IncomingPhoneNumbers\.json\?(.*&)?Page=0(&.*)?$"),
                page = 0,
                page_size = 50,
                start = 0,
                end = Match.Integer(0),
                previous_page_uri = (object?)null,
            },
            Then = body => Assert.Contains(body.GetProperty("incoming_phone_numbers").EnumerateArray(), n => n.Str("sid") == NumberSid),
        },
        Error(
            "a purchase of a number another account bought",
            [State("number {number} was taken by another buyer", ("number", TakenNumber))],
            "POST", Account + "/IncomingPhoneNumbers.json", Auth, [("PhoneNumber", TakenNumber)], 400, 21422, "+18089251572 is not available"),
        Error(
            "a purchase of an invalid number",
            [], "POST", Account + "/IncomingPhoneNumbers.json", Auth, [("PhoneNumber", "+1808925")], 400, 21421, "is invalid"),
        Error(
            "a purchase without credentials",
            [], "POST", Account + "/IncomingPhoneNumbers.json", [], [("PhoneNumber", HiloNumber)], 401, 20003, "Authenticate"),
        Error(
            "fetching a number the account does not have",
            [], "GET", $"{Account}/IncomingPhoneNumbers/PNbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.json", Auth, null, 404, 20404, "was not found"),
        Error(
            "a rate-center search without a LATA",
            [], "GET", Account + "/AvailablePhoneNumbers/US/Local.json", Auth, null, 400, 20001, "InLata", [("InRateCenter", "HILO")]),
    ];

    private static ContractCase Search(
        string description,
        (string, IReadOnlyDictionary<string, object?>)[] states,
        (string, string)[] query,
        Action<System.Text.Json.JsonElement> eachNumber) => new()
        {
            Dialect = Dialect,
            Description = description,
            States = states,
            Method = "GET",
            Path = Account + "/AvailablePhoneNumbers/US/Local.json",
            Query = query,
            Headers = Auth,
            Status = 200,
            // The spec's Hilo example, as shapes: the inventory decides which numbers come back.
            ResponseBody = new
            {
                available_phone_numbers = Match.EachLike(new
                {
                    friendly_name = Match.Regex("(808) 925-1571", @"^\(\d{3}\) \d{3}-\d{4}$"),
                    phone_number = Match.Regex(HiloNumber, @"^\+1808\d{7}$"),
                    lata = Text("834", @"^\d{3}$"),
                    locality = Match.Type("Hilo"),
                    rate_center = Text("HILO", UpperCasePlace),
                    latitude = Match.Regex("19.720000", @"^-?\d+\.\d{6}$"),
                    longitude = Match.Regex("-155.090000", @"^-?\d+\.\d{6}$"),
                    region = Exactly("HI"),
                    postal_code = Match.Regex("96720", @"^\d{5}$"),
                    iso_country = Exactly("US"),
                    address_requirements = Exactly("none"),
                    beta = Match.Boolean(false),
                    capabilities = new { mms = Match.Boolean(true), sms = Match.Boolean(false), voice = Match.Boolean(true) },
                }),
                uri = Match.Regex(Account + "/AvailablePhoneNumbers/US/Local.json", @"^/2010-04-01/Accounts/AC[0-9a-f]{32}/AvailablePhoneNumbers/US/Local\.json(\?.*)?$"),
            },
            Then = body =>
            {
                var numbers = body.GetProperty("available_phone_numbers").EnumerateArray().ToList();
                Assert.NotEmpty(numbers);
                Assert.All(numbers, eachNumber);
                Assert.All(numbers, n => IsE164(n.Str("phone_number")));
            },
        };

    /// <summary>The IncomingPhoneNumber of the spec's examples, with the fields a client reads.</summary>
    private static Dictionary<string, object?> Resource(object number, object friendlyName, params (string Name, object? Value)[] overrides)
    {
        var resource = new Dictionary<string, object?>
        {
            ["account_sid"] = AccountSid,
            ["address_requirements"] = Match.Type("none"),
            ["api_version"] = "2010-04-01",
            ["beta"] = Match.Boolean(false),
            ["capabilities"] = new { voice = Match.Boolean(true), sms = Match.Boolean(false), mms = Match.Boolean(true), fax = Match.Boolean(false) },
            ["date_created"] = Match.Regex("Thu, 30 Jul 2015 23:19:04 +0000", @"^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$"),
            ["date_updated"] = Match.Regex("Thu, 30 Jul 2015 23:19:04 +0000", @"^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$"),
            ["friendly_name"] = friendlyName,
            ["phone_number"] = number,
            ["sid"] = Match.Regex(NumberSid, "^PN[0-9a-fA-F]{32}$"),
            ["sms_method"] = Match.Regex("POST", "^(GET|POST)$"),
            ["voice_method"] = Match.Regex("POST", "^(GET|POST)$"),
            ["voice_receive_mode"] = Match.Regex("voice", "^(voice|fax)$"),
            ["status"] = Match.Type("in-use"),
            ["type"] = Match.Type("local"),
            ["uri"] = Match.Regex($"{Account}/IncomingPhoneNumbers/{NumberSid}.json", @"^/2010-04-01/Accounts/AC[0-9a-f]{32}/IncomingPhoneNumbers/PN[0-9a-f]{32}\.json$"),
        };
        foreach (var (name, value) in overrides)
        {
            resource[name] = value;
        }

        return resource;
    }

    private static ContractCase Error(
        string description,
        (string, IReadOnlyDictionary<string, object?>)[] states,
        string method,
        string path,
        (string, string)[] headers,
        (string, string)[]? form,
        int status,
        int code,
        string inMessage,
        (string, string)[]? query = null) => new()
        {
            Dialect = Dialect,
            Description = description,
            States = states,
            Method = method,
            Path = path,
            Query = query ?? [],
            Headers = headers,
            FormBody = form,
            Status = status,
            ResponseBody = new
            {
                code,
                message = Match.Include(inMessage),
                more_info = $"https://www.twilio.com/docs/errors/{code}",
                status,
            },
            Then = error =>
            {
                Assert.Equal(code, error.GetProperty("code").GetInt32());
                Assert.Equal(status, error.GetProperty("status").GetInt32());
                Assert.Contains(inMessage, error.Str("message"), StringComparison.Ordinal);
            },
        };

    /// <summary>The credentials an authenticated request of this contract carries: the simulator's example credentials.</summary>
    public static void AssertCredentials(IReadOnlyList<(string Name, string Value)> headers)
    {
        Assert.Matches("^AC[0-9a-f]{32}:.+$", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(headers.Single(h => h.Name == "Authorization").Value["Basic ".Length..])));
    }
}
