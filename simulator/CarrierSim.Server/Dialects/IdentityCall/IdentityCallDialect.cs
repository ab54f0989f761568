using System.Text.Json;
using System.Text.RegularExpressions;
using CarrierSim.Core;
using CarrierSim.Core.Accounts;
using CarrierSim.Core.Chaos;
using CarrierSim.Server.Http;

namespace CarrierSim.Server.Dialects.IdentityCall;

/// <summary>Who is calling: the account the key acts for and what the key may do.</summary>
/// <param name="Key">The declared key, or null for a zero-setup key (every permission, account-wide).</param>
/// <summary>
/// IdentityCall (docs.identitycall.ai): <c>Authorization: Bearer idc_</c> + 32 alphanumerics,
/// with read/write/delete permissions and optional project scope. The dialect's base URL is
/// the vendor's <c>https://api.identitycall.ai</c>, so paths keep their <c>/api/v1/public</c> prefix.
/// </summary>
internal sealed partial class IdentityCallDialect : IDialect, IDialectModule
{
    public const string DefaultKey = "idc_0123456789abcdefghijklmnopqrstuv";

    public IdentityCallDialect(Simulation simulation)
    {
        Simulation = simulation;
        Store = new IdentityCallStore(simulation);
        Provider = new IdentityCallProvider(simulation);
        simulation.Orders.Project(Id, Store);
    }

    public static string Id => "identitycall";

    public static JsonSerializerOptions JsonOptions { get; } = WireJson.CreateOptions();

    public string Name => Id;

    public string Title => "IdentityCall";

    // Purchases are synchronous (201 with the number): nothing stays pending or fills partly.
    public static DialectCapabilities Capabilities { get; } = new(AsyncOrders: false, PartialOrders: false);

    public static string? DescribeChaos(ChaosKind kind) => kind switch
    {
        ChaosKind.Outcome => "the status in `{error}`",
        ChaosKind.Race => "422 `{error}`",
        ChaosKind.PartialFill => "422 `{error}` (one number per purchase, bought at once)",
        ChaosKind.FulfilmentFailure => "422 `{error}`: rejected at fulfilment, nothing owned",
        ChaosKind.StuckPending => "magic 555-0160…0169 numbers are bought at once",
        ChaosKind.Drought => "search answers an empty `data`",
        _ => null,
    };

    public JsonSerializerOptions Json => JsonOptions;

    public Simulation Simulation { get; }

    public IdentityCallStore Store { get; }

    public IdentityCallProvider Provider { get; }

    public static IReadOnlyDictionary<string, string> ExampleCredentials(string? tenant, string? apiKey) => new Dictionary<string, string>
    {
        ["Authorization"] = "Bearer " + (apiKey ?? (tenant is null ? DefaultKey : KeyFor(tenant))),
    };

    /// <summary>An IdentityCall key derived from any name: <c>idc_</c> + 32 hex digits of its hash.</summary>
    internal static string KeyFor(string tenant) => KeyFormat().IsMatch(tenant) ? tenant : "idc_" + DialectNames.Hash(tenant, 32);

    public CallerResult Authenticate(HttpContext context, AccountDirectory accounts)
    {
        var bearer = Bearer().Match(context.Request.Headers.Authorization.ToString());
        if (!bearer.Success)
        {
            return CallerResult.Fail(IdentityCallErrors.Unauthorized());
        }

        // A key declared in configuration is accepted as written, so that set-ups may use
        // readable keys; any other key must have the vendor's format.
        var key = bearer.Groups[1].Value;
        var declared = accounts.FindKey(Id, key);
        if (declared is null && !KeyFormat().IsMatch(key))
        {
            return CallerResult.Fail(IdentityCallErrors.Unauthorized());
        }

        return CallerResult.Of(new DialectCaller(declared is null ? accounts.ResolveUndeclared(Id, key) : accounts.ResolveDeclared(Id, declared.TenantId), declared));
    }

    public void MapEndpoints(RouteGroupBuilder group) => IdentityCallEndpoints.Map(group, this);

    public IResult Error(HttpContext context, int statusCode, string message) => IdentityCallErrors.Error(statusCode, message);

    public IResult MissingScope(HttpContext context, string scope) => IdentityCallErrors.PermissionRequired(scope);

    public Type ErrorEnvelope => typeof(ErrorWire);

    public static DialectCaller CallerOf(HttpContext context) => context.Caller();

    public IReadOnlyDictionary<string, ProviderStateSetUp> ProviderStates => new Dictionary<string, ProviderStateSetUp>(StringComparer.Ordinal)
    {
        ["API key {api_key} has only read permission"] = (r, s) => Admin.ProviderStates.DeclareKey(s, Id, r.Text("api_key"), AccountSettings.Default, ["read"]),
    };

    [GeneratedRegex(@"^[Bb]earer +(\S+) *$")]
    private static partial Regex Bearer();

    [GeneratedRegex("^idc_[A-Za-z0-9]{32}$")]
    private static partial Regex KeyFormat();
}
