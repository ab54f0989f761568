using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace CarrierSim.Server.Tests.Dialects;

/// <summary>
/// DialStack account sessions, with raw HTTP that replicates the SDKs: the server SDK's
/// <c>accountSessions.create</c> (secret key, no account header, body <c>{account, components}</c>) and
/// the browser SDK's <c>fetchApi</c> (only <c>Authorization: Bearer &lt;client_secret&gt;</c> and a JSON content type).
/// </summary>
public sealed class DialStackSessionTests : IAsyncLifetime
{
    private const string Account = "acct_browser1";

    private TestSimulator _sim = null!;

    public async ValueTask InitializeAsync() => _sim = await TestSimulator.StartAsync();

    public async ValueTask DisposeAsync() => await _sim.DisposeAsync();

    /// <summary>The platform's backend, as the server SDK calls: secret key, no DialStack-Account header.</summary>
    private HttpClient Platform(string key = "sk_test_carriersim")
    {
        var client = _sim.Anonymous("dialstack");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>The browser SDK: the client secret as bearer token, nothing else.</summary>
    private HttpClient Browser(string clientSecret)
    {
        var client = _sim.Anonymous("dialstack");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", clientSecret);
        return client;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<HttpResponseMessage> CreateSessionAsync(string body, HttpClient? client = null) =>
        await (client ?? Platform()).PostAsync("v1/account_sessions", Json(body), TestContext.Current.CancellationToken);

    private async Task<string> ClientSecretAsync(string account = Account) =>
        (await (await CreateSessionAsync(SessionBody(account, """{"phone_number_ordering":{"enabled":true},"phone_numbers":{"enabled":true}}"""))).JsonAsync(201))
            .GetProperty("client_secret").GetString()!;

    [Fact]
    public async Task AccountSessionAnswersTheServerSdksShape()
    {
        var now = _sim.Time.GetUtcNow();

        var session = await (await CreateSessionAsync(SessionBody(Account, """{"phone_number_ordering":{"enabled":true}}"""))).JsonAsync(201);

        Assert.Equal(["account_id", "client_secret", "expires_at"], session.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(Account, session.GetProperty("account_id").GetString());
        var secret = session.GetProperty("client_secret").GetString()!;
        Assert.Matches("^eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$", secret);
        var expires = DateTimeOffset.Parse(session.GetProperty("expires_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(now.AddHours(1).ToUnixTimeSeconds(), expires.ToUnixTimeSeconds());
        var claims = JsonDocument.Parse(Convert.FromBase64String(Pad(secret.Split('.')[1]))).RootElement;
        Assert.Equal(Account, claims.GetProperty("account_id").GetString());
        Assert.Equal(expires.ToUnixTimeSeconds(), claims.GetProperty("exp").GetInt64());
    }

    [Fact]
    public async Task TheBrowserSdkOrdersAndRoutesWithAClientSecretAlone()
    {
        var browser = Browser(await ClientSecretAsync());

        // availablePhoneNumbers.search → phoneNumberOrders.create → phoneNumbers.list → updateRoute → phoneNumberOrders.retrieve
        var found = await (await browser.Get("v1/available-phone-numbers?area_code=919&quantity=1")).JsonAsync(200);
        var number = found.GetProperty("data")[0].GetProperty("phone_number").GetString()!;
        var order = await (await browser.PostAsync("v1/phone-number-orders", Json($$"""{"phone_numbers":["{{number}}"]}"""), TestContext.Current.CancellationToken)).JsonAsync(201);
        var dids = await (await browser.Get("v1/phone-numbers?limit=100")).JsonAsync(200);
        var did = Assert.Single(dids.GetProperty("data").EnumerateArray());
        var routed = await (await browser.PostAsync($"v1/phone-numbers/{did.GetProperty("id").GetString()}/route", Json("""{"routing_target":"rg_01abc"}"""), TestContext.Current.CancellationToken)).JsonAsync(200);
        _sim.Time.Advance(TimeSpan.FromSeconds(2));
        var done = await (await browser.Get($"v1/phone-number-orders/{order.GetProperty("id").GetString()}")).JsonAsync(200);

        Assert.Equal("rg_01abc", routed.GetProperty("routing_target").GetString());
        Assert.Equal("complete", done.GetProperty("status").GetString());

        // The same account as the platform key with DialStack-Account: one tenant, whichever credential.
        var server = await (await _sim.DialStack(account: Account).Get("v1/phone-numbers?status=active")).JsonAsync(200);
        Assert.Equal(number, Assert.Single(server.GetProperty("data").EnumerateArray()).GetProperty("phone_number").GetString());
        var other = await (await _sim.DialStack(account: "acct_someoneelse").Get("v1/phone-numbers")).JsonAsync(200);
        Assert.Empty(other.GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task AHeaderNamingAnotherAccountIsRefused()
    {
        var secret = await ClientSecretAsync();
        using var same = Browser(secret);
        same.DefaultRequestHeaders.Add("DialStack-Account", Account);
        using var other = Browser(secret);
        other.DefaultRequestHeaders.Add("DialStack-Account", "acct_someoneelse");

        await (await same.Get("v1/phone-numbers")).JsonAsync(200);
        var refused = await (await other.Get("v1/phone-numbers")).JsonAsync(403);

        Assert.Equal("account_access_denied", refused.GetProperty("code").GetString());
        Assert.Contains($"bound to account {Account}", refused.GetProperty("error").GetString());
    }

    [Fact]
    public async Task AClientSecretExpiresAfterAnHourOfSimulatorTime()
    {
        var browser = Browser(await ClientSecretAsync());

        _sim.Time.Advance(TimeSpan.FromMinutes(59));
        await (await browser.Get("v1/phone-numbers")).JsonAsync(200);
        _sim.Time.Advance(TimeSpan.FromMinutes(1));
        var expired = await (await browser.Get("v1/phone-numbers")).JsonAsync(401);

        Assert.Equal("client_secret_expired", expired.GetProperty("code").GetString());
        Assert.Contains("expired at", expired.GetProperty("error").GetString());
        Assert.Contains("create a new account session", expired.GetProperty("error").GetString());
    }

    [Fact]
    public async Task AnUnknownOrForgottenClientSecretIs401()
    {
        var secret = await ClientSecretAsync();
        await (await _sim.Admin().PostAsync("reset", null, TestContext.Current.CancellationToken)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        var forgotten = await (await Browser(secret).Get("v1/phone-numbers")).JsonAsync(401);
        var forged = await (await Browser("eyJhbGciOiJIUzI1NiJ9.eyJhY2NvdW50X2lkIjoiYWNjdF94In0.c2ln").Get("v1/phone-numbers")).JsonAsync(401);

        Assert.Equal("invalid_client_secret", forgotten.GetProperty("code").GetString());
        Assert.Equal("invalid_client_secret", forged.GetProperty("code").GetString());
    }

    [Fact]
    public async Task AClientSecretCannotCreateSessions()
    {
        var browser = Browser(await ClientSecretAsync());

        var refused = await (await CreateSessionAsync(SessionBody(Account), browser)).JsonAsync(403);

        Assert.Contains("secret key", refused.GetProperty("error").GetString());
    }

    [Fact]
    public async Task TheAccountMayComeFromTheHeaderAsTheReadmeShows()
    {
        using var client = Platform();
        client.DefaultRequestHeaders.Add("DialStack-Account", Account);

        var session = await (await CreateSessionAsync("""{"components":{"phone_numbers":{"enabled":true}}}""", client)).JsonAsync(201);

        Assert.Equal(Account, session.GetProperty("account_id").GetString());
    }

    [Theory]
    [InlineData("""{"components":{"phone_numbers":{"enabled":true}}}""", "account", "is required")]
    [InlineData("""{"account":"account-1","components":{"phone_numbers":{"enabled":true}}}""", "account", "is not an account id")]
    [InlineData("""{"account":"acct_browser1"}""", "components", "at least one component")]
    [InlineData("""{"account":"acct_browser1","components":{"phone_numbers":{"enabled":false}}}""", "components", "at least one component")]
    public async Task AnInvalidSessionRequestSaysHowToFixIt(string body, string field, string reason)
    {
        var error = await (await CreateSessionAsync(body)).JsonAsync(400);

        Assert.Equal("validation_error", error.GetProperty("code").GetString());
        Assert.Contains(reason, error.GetProperty("details").GetProperty(field).GetString());
    }

    [Fact]
    public async Task ABodyAndHeaderNamingDifferentAccountsIs400()
    {
        using var client = Platform();
        client.DefaultRequestHeaders.Add("DialStack-Account", "acct_other");

        var error = await (await CreateSessionAsync(SessionBody(Account), client)).JsonAsync(400);

        Assert.Contains("send the account once", error.GetProperty("error").GetString());
    }

    [Fact]
    public async Task ABadPlatformKeyCannotCreateSessions()
    {
        var error = await (await CreateSessionAsync(SessionBody(Account), Platform("pk_test_abcd"))).JsonAsync(401);

        Assert.Equal("invalid_api_key", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task ABrowserOnAnotherOriginMayCallWithTheClientSecret()
    {
        using var anonymous = _sim.Anonymous("dialstack");
        var preflight = new HttpRequestMessage(HttpMethod.Options, "v1/phone-numbers/did_01abc/route");
        preflight.Headers.Add("Origin", "https://platform.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");

        using var answer = await anonymous.SendAsync(preflight, TestContext.Current.CancellationToken);
        var browser = Browser(await ClientSecretAsync());
        browser.DefaultRequestHeaders.Add("Origin", "https://platform.example");
        using var list = await browser.Get("v1/phone-numbers");

        Assert.Equal(System.Net.HttpStatusCode.NoContent, answer.StatusCode);
        Assert.Equal("*", Assert.Single(answer.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("POST", Assert.Single(answer.Headers.GetValues("Access-Control-Allow-Methods")));
        Assert.Contains("Authorization", Assert.Single(answer.Headers.GetValues("Access-Control-Allow-Headers")));
        Assert.Equal("*", Assert.Single(list.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Equal("X-Request-Id", Assert.Single(list.Headers.GetValues("Access-Control-Expose-Headers")));
    }

    private static string SessionBody(string account, string components = """{"phone_numbers":{"enabled":true}}""") =>
        $"{{\"account\":\"{account}\",\"components\":{components}}}";

    private static string Pad(string base64Url)
    {
        var text = base64Url.Replace('-', '+').Replace('_', '/');
        return text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
    }
}
