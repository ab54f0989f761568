using System.Text.Json;
using CarrierSim.Core;
using CarrierSim.Core.Accounts;
using CarrierSim.Core.Chaos;
using CarrierSim.Server.Http;

namespace CarrierSim.Server.Dialects.DialNexa;

/// <summary>
/// DialNexa (api.dialnexa.com/v1): <c>Authorization: Bearer key_id:secret</c>; the workspace of the key
/// is the tenant. Errors are NestJS's <c>{statusCode, message, error}</c>.
/// </summary>
internal sealed class DialNexaDialect : IDialect, IDialectModule
{
    public DialNexaDialect(Simulation simulation)
    {
        Simulation = simulation;
        Store = new DialNexaStore(simulation);
        simulation.Orders.Project(Id, Store);
    }

    public const string DefaultKey = "key_carriersim:secret_carriersim";

    public const string ReadPermission = "phone_numbers:read";

    public const string WritePermission = "phone_numbers:write";

    // The name the host gives the fallback route of every dialect (Hosting/CarrierSimEndpointRouteBuilderExtensions).
    private const string NotEmulated = "dialnexa.notEmulated";

    public static string Id => "dialnexa";

    public static JsonSerializerOptions JsonOptions { get; } = WireJson.CreateOptions();

    public string Name => Id;

    public string Title => "DialNexa";

    // Purchases answer pending, then become active on the simulator clock; one number per purchase.
    public static DialectCapabilities Capabilities { get; } = new(AsyncOrders: true, PartialOrders: false);

    public static string? DescribeChaos(ChaosKind kind) => kind switch
    {
        ChaosKind.Outcome => "the status in `{statusCode, message, error}`",
        ChaosKind.Race => "409 `Conflict` (claimed by another buyer)",
        ChaosKind.PartialFill => "201, then the purchase fails (one number per purchase)",
        ChaosKind.FulfilmentFailure => "201, then the purchase fails and the number is not registered",
        ChaosKind.StuckPending => "the purchase stays `pending`",
        ChaosKind.Drought => "search answers an empty `objects`",
        _ => null,
    };

    public JsonSerializerOptions Json => JsonOptions;

    public Simulation Simulation { get; }

    public DialNexaStore Store { get; }

    public static IReadOnlyDictionary<string, string> ExampleCredentials(string? tenant, string? apiKey) => new Dictionary<string, string>
    {
        ["Authorization"] = "Bearer " + (apiKey ?? (tenant is null ? DefaultKey : KeyFor(tenant))),
    };

    /// <summary>A DialNexa <c>key_id:secret</c> derived from any name: the key id is the workspace.</summary>
    internal static string KeyFor(string tenant)
    {
        if (tenant.Contains(':', StringComparison.Ordinal) && !tenant.Any(char.IsWhiteSpace) && tenant[0] != ':' && tenant[^1] != ':')
        {
            return tenant;
        }

        var token = DialectNames.Token(tenant, lower: false);
        return $"key_{token}:secret_{token}";
    }

    public CallerResult Authenticate(HttpContext context, AccountDirectory accounts)
    {
        // NestJS answers an unknown route with 404 before any guard runs, so no key is needed for it.
        if (context.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName == NotEmulated)
        {
            return CallerResult.Anonymous;
        }

        if (!TryReadKey(context.Request.Headers.Authorization.ToString(), out var keyId, out var fullKey))
        {
            return CallerResult.Fail(DialNexaErrors.Unauthorized());
        }

        // A declared key is looked up by the whole key_id:secret value (what the vendor tells callers
        // to send), then by its key id alone (a declaration without a secret accepts any secret).
        // A declared key id sent with another secret is a wrong key: 401, not a workspace of its own.
        var declared = accounts.FindKey(Id, fullKey) ?? accounts.FindKey(Id, keyId);
        if (declared is null && accounts.Keys(Id).Any(k => k.Key.Contains(':', StringComparison.Ordinal) && KeyIdOf(k.Key) == keyId))
        {
            return CallerResult.Fail(DialNexaErrors.Unauthorized());
        }

        return CallerResult.Of(new DialectCaller(declared is null ? accounts.ResolveUndeclared(Id, keyId) : accounts.ResolveDeclared(Id, declared.TenantId), declared));
    }

    public void MapEndpoints(RouteGroupBuilder group) => DialNexaEndpoints.Map(group, this);

    public IResult Error(HttpContext context, int statusCode, string message) => DialNexaErrors.Error(statusCode, message);

    public Type ErrorEnvelope => typeof(ErrorWire);

    // Every endpoint declares phone_numbers:read or :write; a key without it gets NestJS's 403.
    public IResult MissingScope(HttpContext context, string scope) => DialNexaErrors.Forbidden(scope);

    public static Account AccountOf(HttpContext context) => context.Caller().Account;

    private static readonly string[] CatalogCountries = ["US", "CA", "GB", "IN", "DE", "FR", "AU"];

    public IReadOnlyDictionary<string, ProviderStateSetUp> ProviderStates => new Dictionary<string, ProviderStateSetUp>(StringComparer.Ordinal)
    {
        ["KYC is incomplete for {country}"] = (r, s) => DeclareKey(r, s, AccountSettings.Default with { KycPendingCountries = [r.Text("country")] }),
        ["country {country} is not enabled"] = (r, s) => DeclareKey(r, s, AccountSettings.Default with
        {
            EnabledCountries = [.. CatalogCountries.Where(c => !c.Equals(r.Text("country"), StringComparison.OrdinalIgnoreCase))],
        }),
    };

    /// <summary>The workspace is the key id; the key is declared whole and by its id (any secret).</summary>
    private static void DeclareKey(Admin.ProviderStateRequest r, Simulation s, AccountSettings settings)
    {
        var key = r.Text("api_key");
        var workspace = KeyIdOf(key);
        Admin.ProviderStates.DeclareKey(s, Id, key, settings, null, workspace);
        s.Accounts.DeclareKey(Id, new ApiKey(workspace, workspace, null));
    }

    private static bool TryReadKey(string header, out string keyId, out string fullKey)
    {
        keyId = fullKey = "";
        const string Scheme = "Bearer ";
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var key = header[Scheme.Length..].Trim();
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == key.Length - 1 || key.Any(char.IsWhiteSpace))
        {
            return false;
        }

        keyId = key[..colon];
        fullKey = key;
        return true;
    }

    private static string KeyIdOf(string key)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? key : key[..colon];
    }
}
