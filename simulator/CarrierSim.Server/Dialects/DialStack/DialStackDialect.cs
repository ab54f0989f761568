using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using CarrierSim.Core;
using CarrierSim.Core.Accounts;
using CarrierSim.Core.Chaos;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Core.Orders;
using CarrierSim.Server.Admin;
using CarrierSim.Server.Http;

namespace CarrierSim.Server.Dialects.DialStack;

/// <summary>
/// DialStack (docs.dialstack.ai): bearer <c>sk_test_…</c>/<c>sk_live_…</c> keys plus the
/// <c>DialStack-Account</c> header; each account id under a key is its own tenant. Orders are
/// asynchronous (pending → complete, partial or failed).
/// </summary>
internal sealed partial class DialStackDialect : IDialect, IDialectModule
{
    public const string DefaultKey = "sk_test_carriersim";
    public const string DefaultAccount = "acct_01h2xcejqtf2nbrexx3vqjhp41";

    private static readonly System.Buffers.SearchValues<char> KeyCharacters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_");

    private static readonly System.Buffers.SearchValues<char> AccountCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789");

    private readonly Simulation _simulation;

    public DialStackDialect(Simulation simulation)
    {
        _simulation = simulation;
        Store = new DialStackStore(simulation);
        Sessions = new DialStackSessions(simulation);
        simulation.Orders.Project(Id, Store);
    }

    public static string Id => "dialstack";

    /// <summary>The wire options; the answers of the hot endpoints are described by <see cref="DialStackJsonContext"/> (no reflection).</summary>
    public static JsonSerializerOptions JsonOptions { get; } = WireJson.CreateOptions(DialStackJsonContext.Default);

    public string Name => Id;

    public string Title => "DialStack";

    public static DialectCapabilities Capabilities { get; } = new(AsyncOrders: true, PartialOrders: true);

    public static string? DescribeChaos(ChaosKind kind) => kind switch
    {
        ChaosKind.Outcome => "the status in `{error, code}`, e.g. 503 `server_error`",
        ChaosKind.Race => "409 `phone_numbers_unavailable`",
        ChaosKind.PartialFill => "order ends `partial` with `partial_allowed`, else `failed`",
        ChaosKind.FulfilmentFailure => "order ends `failed`",
        ChaosKind.StuckPending => "order stays `pending`",
        ChaosKind.Drought => "search answers an empty `data`",
        _ => null,
    };

    public JsonSerializerOptions Json => JsonOptions;

    public Type ErrorEnvelope => typeof(ErrorWire);

    public DialStackStore Store { get; }

    /// <summary>Client secrets for the browser SDK (<c>POST /v1/account_sessions</c>).</summary>
    public DialStackSessions Sessions { get; }

    public static IReadOnlyDictionary<string, string> ExampleCredentials(string? tenant, string? apiKey) => new Dictionary<string, string>
    {
        ["Authorization"] = "Bearer " + (apiKey ?? DefaultKey),
        ["DialStack-Account"] = tenant is null ? DefaultAccount : AccountFor(tenant),
    };

    public CallerResult Authenticate(HttpContext context, AccountDirectory accounts)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        var accountHeader = context.Request.Headers["DialStack-Account"].ToString();
        var platformOnly = context.GetEndpoint()?.Metadata.GetMetadata<PlatformKeyOnly>() is not null;
        if (authorization.StartsWith("Bearer ", StringComparison.Ordinal) && DialStackSessions.LooksLikeClientSecret(authorization[7..]))
        {
            return AuthenticateSession(authorization[7..], accountHeader, platformOnly, accounts);
        }

        if (BearerKeyOf(authorization) is not { } key)
        {
            return CallerResult.Fail(DialStackErrors.Unauthorized(authorization));
        }

        if (platformOnly)
        {
            // Account sessions name their account in the body (the server SDK) or the header (the README): the endpoint resolves it.
            return CallerResult.Anonymous;
        }

        if (accountHeader.Length == 0)
        {
            return CallerResult.Fail(DialStackErrors.NoAccount(null));
        }

        if (!IsAccountId(accountHeader))
        {
            return CallerResult.Fail(DialStackErrors.NoAccount(accountHeader));
        }

        return CallerResult.Of(Resolve(accounts, key, accountHeader));
    }

    /// <summary>The platform's secret key in the Authorization header, or null.</summary>
    internal static string? SecretKey(HttpContext context) => BearerKeyOf(context.Request.Headers.Authorization.ToString());

    /// <summary>
    /// The key of <c>Bearer sk_test_…</c> or <c>Bearer sk_live_…</c> (4 to 128 letters, digits or underscores after the
    /// prefix), or null. Checked by hand on every request: the pattern <see cref="BearerKey"/> states it, and a
    /// test holds the two to the same answers (a final line feed included, as the pattern's <c>$</c> allows one).
    /// </summary>
    internal static string? BearerKeyOf(string authorization)
    {
        var text = WithoutFinalLineFeed(authorization);
        if (!text.StartsWith("Bearer sk_test_", StringComparison.Ordinal) && !text.StartsWith("Bearer sk_live_", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = text["Bearer sk_test_".Length..];
        return rest.Length is >= 4 and <= 128 && !rest.ContainsAnyExcept(KeyCharacters) ? text["Bearer ".Length..].ToString() : null;
    }

    /// <summary>
    /// Whether a text is a DialStack account id (<c>acct_</c> + 1 to 64 lower-case letters and digits): the pattern
    /// <see cref="AccountId"/>, checked by hand on every request (a test holds the two to the same answers).
    /// </summary>
    internal static bool IsAccountId(string text)
    {
        var rest = WithoutFinalLineFeed(text);
        return rest.StartsWith("acct_", StringComparison.Ordinal)
            && rest.Length - "acct_".Length is >= 1 and <= 64
            && !rest["acct_".Length..].ContainsAnyExcept(AccountCharacters);
    }

    // A regular expression's $ (without RegexOptions.Multiline) also matches before a final \n.
    private static ReadOnlySpan<char> WithoutFinalLineFeed(string text) =>
        text.EndsWith('\n') ? text.AsSpan(0, text.Length - 1) : text.AsSpan();

    /// <summary>The tenant of an account under a platform key: the same for the key itself and for the client secrets it issued.</summary>
    private static DialectCaller Resolve(AccountDirectory accounts, string apiKey, string account)
    {
        var declared = accounts.FindKey(Id, apiKey);
        return new DialectCaller(declared is null ? accounts.ResolveUndeclared(Id, $"{apiKey}/{account}") : accounts.ResolveDeclared(Id, $"{declared.TenantId}/{account}"), declared);
    }

    /// <summary>
    /// A client secret from <c>POST /v1/account_sessions</c>, as DialStack's browser SDK sends it: the
    /// account comes from the session, so no DialStack-Account header is needed; one naming another
    /// account is refused (403), as is an expired secret (401, which makes the SDK fetch a new one).
    /// </summary>
    private CallerResult AuthenticateSession(string secret, string accountHeader, bool platformOnly, AccountDirectory accounts)
    {
        if (platformOnly)
        {
            // The SDK's changelog: "Session creation now requires API keys only (session tokens are rejected)".
            return CallerResult.Fail(DialStackErrors.Error(403, "A client secret cannot create account sessions: call POST /v1/account_sessions from your server with your secret key (Bearer sk_…).", "forbidden"));
        }

        if (Sessions.Find(secret) is not { } session)
        {
            return CallerResult.Fail(DialStackErrors.Error(401, "Invalid client secret: it was not issued by POST /v1/account_sessions on this server (or the simulator was reset since); create a new account session and use its client_secret.", "invalid_client_secret"));
        }

        var now = _simulation.Clock.GetUtcNow();
        if (now >= session.ExpiresAt)
        {
            return CallerResult.Fail(DialStackErrors.Error(401, $"Client secret expired at {Formats.Seconds(session.ExpiresAt)} (account sessions last {DialStackSessions.Lifetime.TotalMinutes:0} minutes): create a new account session; the browser SDK does so through fetchClientSecret.", "client_secret_expired"));
        }

        if (accountHeader.Length > 0 && accountHeader != session.Account)
        {
            return CallerResult.Fail(DialStackErrors.Error(403, $"No access to account '{accountHeader}': this client secret is bound to account {session.Account}. Drop the DialStack-Account header (a client secret carries its account) or create a session for that account.", "account_access_denied"));
        }

        return CallerResult.Of(Resolve(accounts, session.ApiKey, session.Account));
    }

    public void MapEndpoints(RouteGroupBuilder group) => DialStackEndpoints.Map(group, this, _simulation);

    /// <summary>The server SDK sends <c>Idempotency-Key</c> when its caller gives one (the browser SDK never does).</summary>
    public string? IdempotencyHeader => "Idempotency-Key";

    /// <summary>
    /// Every answer carries <c>X-Request-Id</c>, which DialStack's SDKs read into their errors and events (inferred
    /// format: <c>req_</c> + 24 characters), and the CORS headers a browser needs to let the browser SDK, running in
    /// the platform's web page on another origin, read it (inferred: the SDK calls the API from the page).
    /// </summary>
    public void Begin(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers["X-Request-Id"] = NewRequestId();
        headers.AccessControlAllowOrigin = "*";
        headers.AccessControlExposeHeaders = "X-Request-Id";
    }

    /// <summary>
    /// <c>req_</c> + 24 lower-case hex digits, random: one string, and no system call for randomness (a GUID's
    /// random bytes come from the kernel). The id only has to be unique enough to tell requests apart in logs.
    /// </summary>
    internal static string NewRequestId() => string.Create(28, 0, static (id, _) =>
    {
        "req_".CopyTo(id);
        Span<byte> random = stackalloc byte[12];
        Random.Shared.NextBytes(random);
        Convert.TryToHexStringLower(random, id[4..], out _);
    });

    public IResult Error(HttpContext context, int statusCode, string message) => statusCode switch
    {
        400 => DialStackErrors.Error(400, message, "validation_error"),
        401 => DialStackErrors.Error(401, message, "invalid_api_key"),
        403 => DialStackErrors.Error(403, message, "forbidden"),
        404 => DialStackErrors.Error(404, message, "resource_not_found"),
        405 => DialStackErrors.Error(405, message, "method_not_allowed"),
        408 => DialStackErrors.Error(408, message, "request_timeout"),
        413 => DialStackErrors.Error(413, message, "request_too_large"),
        415 => DialStackErrors.Error(415, message, "unsupported_media_type"),
        429 => DialStackErrors.Error(429, message, "rate_limited"),
        >= 500 => DialStackErrors.Error(statusCode, message, "server_error"),
        _ => DialStackErrors.Error(statusCode, message),
    };

    public IResult Invalid(HttpContext context, RequestProblem problem) => problem.StatusCode == 400
        // The platform's messages are whole sentences that name the field ("Unknown field 'foo': remove it…").
        ? DialStackErrors.Validation($"Invalid request: {problem.Message}", new Dictionary<string, string> { [problem.Field ?? "body"] = problem.Message })
        : Error(context, problem.StatusCode, problem.Message);

    public IReadOnlyDictionary<string, ProviderStateSetUp> ProviderStates => new Dictionary<string, ProviderStateSetUp>(StringComparer.Ordinal)
    {
        ["order {id} is pending"] = (r, s) => RestoreOrder(r, s, OrderStatus.Pending),
        ["order {id} is complete"] = (r, s) => RestoreOrder(r, s, OrderStatus.Complete),
        ["order {id} is partial"] = (r, s) => RestoreOrder(r, s, OrderStatus.Partial),
        ["order {id} has failed"] = (r, s) => RestoreOrder(r, s, OrderStatus.Failed),
        ["the account owns active number {number} with id {id}"] = (r, s) =>
        {
            // Every parameter is read (and refused when malformed) before the tenant is created.
            var (number, id) = (r.Number("number"), r.Text("id"));
            var account = AccountOf(r, s);
            Admin.ProviderStates.Force(s, number, NumberStatus.OwnedBy(account.Owner));
            Store.AddActive(account.Owner, id, number);
        },
        ["the account owns {count} active numbers"] = (r, s) =>
        {
            var count = r.Int("count", 1, 1000);
            var account = AccountOf(r, s);
            var missing = count - Store.List(account.Owner).Count(d => d.Status == "active");
            foreach (var found in missing > 0 ? s.Inventory.Search(new SearchCriteria { State = "NC", Quantity = Math.Min(100, missing) }) : [])
            {
                Admin.ProviderStates.Force(s, found.Number, NumberStatus.OwnedBy(account.Owner));
                Store.AddActive(account.Owner, s.Ids.Next("did_", 26), found.Number);
            }
        },
    };

    /// <summary>A DialStack account id derived from any name, e.g. <c>acct_teamb</c>.</summary>
    internal static string AccountFor(string tenant) =>
        IsAccountId(tenant) ? tenant : "acct_" + DialectNames.Token(tenant, lower: true, maxLength: 64);

    private static Account AccountOf(ProviderStateRequest r, Simulation s)
    {
        var key = r.Text("api_key");
        var tenant = s.Accounts.FindKey(Id, key)?.TenantId ?? key;
        return s.Accounts.Resolve(Id, $"{tenant}/{r.Text("account")}");
    }

    private static void RestoreOrder(ProviderStateRequest r, Simulation s, OrderStatus status)
    {
        // Every parameter is read (and refused when malformed) before the tenant is created.
        var id = r.Text("id");
        var completed = status == OrderStatus.Partial ? r.Numbers("completed_numbers") : status == OrderStatus.Complete ? r.Numbers("phone_numbers") : [];
        var failed = status == OrderStatus.Partial ? r.Numbers("failed_numbers") : status == OrderStatus.Failed ? r.Numbers("phone_numbers") : [];
        List<PhoneNumber> parsed = status == OrderStatus.Partial ? [.. completed, .. failed] : [.. r.Numbers("phone_numbers")];
        var account = AccountOf(r, s);
        foreach (var number in parsed)
        {
            Admin.ProviderStates.Force(s, number, NumberStatus.Available);
        }

        var order = s.Orders.Restore(id, account.Owner, Id, parsed);
        if (status != OrderStatus.Pending)
        {
            s.Orders.ForceTransition(order, status, completed, failed, status == OrderStatus.Failed ? "No numbers could be acquired." : null);
        }
    }

    /// <summary>Marks an endpoint only a platform secret key may call (client secrets get 403).</summary>
    internal sealed record PlatformKeyOnly;

    /// <summary>A platform key as DialStack documents it; <see cref="BearerKeyOf"/> checks it by hand.</summary>
    [GeneratedRegex("^Bearer (sk_(?:test|live)_[A-Za-z0-9_]{4,128})$")]
    internal static partial Regex BearerKey();

    /// <summary>An account id; <see cref="IsAccountId"/> checks it by hand.</summary>
    [GeneratedRegex("^acct_[0-9a-z]{1,64}$")]
    internal static partial Regex AccountId();
}

/// <summary>
/// Source-generated metadata and serialization code for the answers DialStack serves most (searches, lists, a number, an order): their first use
/// builds no metadata by reflection, and <see cref="WireJsonBuffer"/> writes them with the generated code (the
/// serializer itself would not: it keeps generated code for the default encoder, and the wire needs the relaxed
/// one). The naming policy repeats <see cref="WireJson.CreateOptions"/>'s; a test holds the output of all three
/// ways to the same bytes. Other types still go through reflection.
/// </summary>
[JsonSourceGenerationOptions(
    GenerationMode = JsonSourceGenerationMode.Default,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(DataWire<AvailableNumberWire>))]
[JsonSerializable(typeof(ListWire<DidWire>))]
[JsonSerializable(typeof(ListWire<OrderWire>))]
[JsonSerializable(typeof(DidWire))]
[JsonSerializable(typeof(OrderWire))]
internal sealed partial class DialStackJsonContext : JsonSerializerContext;
