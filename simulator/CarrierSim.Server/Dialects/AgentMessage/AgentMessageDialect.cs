using System.Text.Json;
using System.Text.RegularExpressions;
using CarrierSim.Core;
using CarrierSim.Core.Accounts;
using CarrierSim.Core.Chaos;
using CarrierSim.Server.Http;

namespace CarrierSim.Server.Dialects.AgentMessage;

/// <summary>
/// AgentMessage (agentmessage.io/docs, seed 001): <c>Authorization: Bearer am_live_…</c> keys scoped to
/// the owning organization and to the key's scopes; every response in the
/// <c>{success, data | error}</c> envelope with a ULID-like request id.
/// </summary>
internal sealed partial class AgentMessageDialect : IDialect, IDialectModule
{
    public const string DefaultKey = "am_live_carriersim";

    public AgentMessageDialect(Simulation simulation)
    {
        Simulation = simulation;

        // The number records are a projection of AgentMessage's orders, kept in step by the order book.
        Store = new AgentMessageStore(simulation);
        simulation.Orders.Project(Id, Store);
    }

    /// <summary>
    /// What one assigned number costs, charged upfront. Inferred: the docs name INSUFFICIENT_CREDIT on
    /// orders but give no prices; a round figure keeps the arithmetic obvious (default credit 100 = 100 numbers).
    /// </summary>
    public const decimal PricePerNumber = 1.00m;

    private const string RequestIdItem = "agentmessage.request_id";
    private const string Crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string Id => "agentmessage";

    public static JsonSerializerOptions JsonOptions { get; } = WireJson.CreateOptions();

    public string Name => Id;

    public string Title => "AgentMessage";

    // Assignments are synchronous and all or nothing; numbers carry callback URLs.
    public static DialectCapabilities Capabilities { get; } = new(AsyncOrders: false, PartialOrders: false, Callbacks: true);

    public static string? DescribeChaos(ChaosKind kind) => kind switch
    {
        ChaosKind.Outcome => "the status in `{success: false, error}`, e.g. 503 `SERVICE_UNAVAILABLE`",
        ChaosKind.Race => "409 `INSUFFICIENT_INVENTORY`",
        ChaosKind.PartialFill => "409 `INSUFFICIENT_INVENTORY` (assigns are all or nothing)",
        ChaosKind.FulfilmentFailure => "409 `INSUFFICIENT_INVENTORY`",
        ChaosKind.StuckPending => "magic 555-0160…0169 numbers are assigned at once",
        ChaosKind.Drought => "search answers 409 `INSUFFICIENT_INVENTORY`",
        ChaosKind.DropCallback => "the callback is never sent (`dropped`)",
        ChaosKind.DuplicateCallback => "the callback is sent twice (`copies: 2`)",
        _ => null,
    };

    public JsonSerializerOptions Json => JsonOptions;

    public Simulation Simulation { get; }

    public AgentMessageStore Store { get; }

    public static IReadOnlyDictionary<string, string> ExampleCredentials(string? tenant, string? apiKey) => new Dictionary<string, string>
    {
        ["Authorization"] = "Bearer " + (apiKey ?? (tenant is null ? DefaultKey : KeyFor(tenant))),
    };

    /// <summary>An AgentMessage key derived from any name: the key is the tenant.</summary>
    internal static string KeyFor(string tenant) =>
        WellFormedKey().IsMatch(tenant) ? tenant : "am_test_" + DialectNames.Token(tenant, lower: false).PadRight(4, '0');

    public CallerResult Authenticate(HttpContext context, AccountDirectory accounts)
    {
        RequestId(context);
        var match = BearerKey().Match(context.Request.Headers.Authorization.ToString());
        if (!match.Success)
        {
            return CallerResult.Fail(AgentMessageErrors.Unauthorized(context));
        }

        var key = match.Groups[1].Value;
        var declared = accounts.FindKey(Id, key);

        // A declared key is accepted whatever its shape (it was configured on purpose); any other key
        // must look like the vendor's, and then acts for an organization of its own.
        if (declared is null && !WellFormedKey().IsMatch(key))
        {
            return CallerResult.Fail(AgentMessageErrors.Unauthorized(context));
        }

        return CallerResult.Of(new DialectCaller(declared is null ? accounts.ResolveUndeclared(Id, key) : accounts.ResolveDeclared(Id, declared.TenantId), declared));
    }

    public void MapEndpoints(RouteGroupBuilder group) => AgentMessageEndpoints.Map(group, this);

    public IResult Error(HttpContext context, int statusCode, string message) =>
        AgentMessageErrors.Error(context, statusCode, AgentMessageErrors.CodeFor(statusCode), message);

    public IResult Invalid(HttpContext context, RequestProblem problem) => AgentMessageErrors.Unreadable(context, problem);

    public static DialectCaller CallerOf(HttpContext context) => context.Caller();

    public IResult MissingScope(HttpContext context, string scope) => AgentMessageErrors.Forbidden(context, scope);

    public Type ErrorEnvelope => typeof(ErrorEnvelope);

    private static readonly string[] AllScopes = ["numbers:read", "numbers:write", "messages:read", "messages:write", "campaigns:read", "campaigns:write"];

    public IReadOnlyDictionary<string, ProviderStateSetUp> ProviderStates => new Dictionary<string, ProviderStateSetUp>(StringComparer.Ordinal)
    {
        // Restricted organisations use their own keys.
        ["API key {api_key} lacks scope {scope}"] = (r, s) =>
            Admin.ProviderStates.DeclareKey(s, Id, r.Text("api_key"), AccountSettings.Default,
                [.. AllScopes.Where(x => x != r.Text("scope"))]),
        ["the organisation of API key {api_key} has no credit"] = (r, s) =>
            Admin.ProviderStates.DeclareKey(s, Id, r.Text("api_key"), AccountSettings.Default with { Credit = 0 }, null),
        ["campaign {campaign_id} is ACTIVE with a VERIFIED brand"] = (r, s) => Campaign(r, s, active: true, BrandStatus.Verified),
        ["campaign {campaign_id} is PENDING"] = (r, s) => Campaign(r, s, active: false, BrandStatus.Verified),
        ["campaign {campaign_id} is ACTIVE with an UNVERIFIED brand"] = (r, s) => Campaign(r, s, active: true, BrandStatus.Unverified),
    };

    private static void Campaign(Admin.ProviderStateRequest r, Simulation s, bool active, BrandStatus brand)
    {
        var key = r.Text("api_key");
        var tenant = s.Accounts.FindKey(Id, key)?.TenantId ?? key;
        var existing = s.Accounts.Find(Id, tenant)?.Settings ?? AccountSettings.Default;
        var campaignId = r.Text("campaign_id");
        var campaigns = existing.Campaigns.Where(c => c.Id != campaignId).Append(new Campaign(campaignId, "Docs campaign", active, "Docs brand", brand)).ToList();
        s.Accounts.Declare(Id, tenant, existing with { Campaigns = campaigns });
    }

    /// <summary>
    /// The request's id, made on first use and echoed in <c>X-Request-Id</c> (vendor-apis.md §2.4). ULID
    /// layout: 10 characters of milliseconds on the simulator clock, then 16 from the seeded id source.
    /// </summary>
    public static string RequestId(HttpContext context)
    {
        if (context.Items[RequestIdItem] is not string id)
        {
            var simulation = context.RequestServices.GetRequiredService<Simulation>();
            var millis = simulation.Clock.GetUtcNow().ToUnixTimeMilliseconds();
            Span<char> time = stackalloc char[10];
            for (var i = 9; i >= 0; i--, millis >>= 5)
            {
                time[i] = Crockford[(int)(millis & 31)];
            }

            id = string.Concat(time, simulation.Ids.Next("", 16).ToUpperInvariant());
            context.Items[RequestIdItem] = id;
        }

        // Set on every call: the error middleware clears headers before rendering a 500.
        if (!context.Response.HasStarted)
        {
            context.Response.Headers["X-Request-Id"] = id;
        }

        return id;
    }

    [GeneratedRegex("^[Bb]earer +(\\S+)$")]
    private static partial Regex BearerKey();

    [GeneratedRegex("^am_(?:live|test)_[A-Za-z0-9_]{4,128}$")]
    private static partial Regex WellFormedKey();
}

