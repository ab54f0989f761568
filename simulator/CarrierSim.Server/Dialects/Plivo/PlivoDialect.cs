using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CarrierSim.Core;
using CarrierSim.Core.Accounts;
using CarrierSim.Core.Chaos;
using CarrierSim.Core.Inventory;
using CarrierSim.Server.Admin;
using CarrierSim.Server.Http;

namespace CarrierSim.Server.Dialects.Plivo;

/// <summary>
/// Plivo API v1 (api.plivo.com/v1/Account/{auth_id}/…): HTTP Basic auth with the Auth ID and Auth Token;
/// the Auth ID is the tenant and must also be the one in the URL. Purchases are synchronous.
/// </summary>
internal sealed partial class PlivoDialect : IDialect, IDialectModule
{
    /// <summary>The Auth ID of the vendor's documentation examples.</summary>
    public const string DefaultAuthId = "MA2025RK4E639VJFZAGV";

    public const string DefaultToken = "carriersim_auth_token";

    public PlivoDialect(Simulation simulation)
    {
        Simulation = simulation;
        Store = new PlivoStore(simulation);
        simulation.Orders.Project(Id, Store);
    }

    public static string Id => "plivo";

    public static JsonSerializerOptions JsonOptions { get; } = WireJson.CreateOptions();

    public string Name => Id;

    public string Title => "Plivo";

    // Buying is synchronous and one number at a time: nothing stays pending or fills partly.
    public static DialectCapabilities Capabilities { get; } = new(AsyncOrders: false, PartialOrders: false);

    public static string? DescribeChaos(ChaosKind kind) => kind switch
    {
        ChaosKind.Outcome => "the status in `{api_id, error}`",
        ChaosKind.Race => "400 `{api_id, error}` (the number is no longer available)",
        ChaosKind.PartialFill => "400 `{api_id, error}` (one number per purchase, bought at once)",
        ChaosKind.FulfilmentFailure => "400 `{api_id, error}`: rejected at fulfilment, nothing rented",
        ChaosKind.StuckPending => "magic 555-0160…0169 numbers are bought at once",
        ChaosKind.Drought => "search answers an empty `objects`",
        _ => null,
    };

    public JsonSerializerOptions Json => JsonOptions;

    public Type ErrorEnvelope => typeof(ErrorWire);

    public Simulation Simulation { get; }

    public PlivoStore Store { get; }

    public static IReadOnlyDictionary<string, string> ExampleCredentials(string? tenant, string? apiKey) => new Dictionary<string, string>
    {
        ["Authorization"] = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{apiKey ?? (tenant is null ? DefaultAuthId : AuthIdFor(tenant))}:{DefaultToken}")),
    };

    /// <summary>A Plivo Auth ID derived from any name: <c>MA</c> + 18 upper-case hex digits of its hash.</summary>
    internal static string AuthIdFor(string tenant) => AuthId().IsMatch(tenant) ? tenant : "MA" + DialectNames.Hash(tenant, 18).ToUpperInvariant();

    /// <summary>A fresh <c>api_id</c>, as every Plivo answer carries one.</summary>
    public string NextApiId() => Simulation.Ids.NextGuid("plivo.api_id").ToString();

    public CallerResult Authenticate(HttpContext context, AccountDirectory accounts)
    {
        if (!TryReadBasic(context.Request.Headers.Authorization.ToString(), out var authId, out var token))
        {
            return CallerResult.Fail(PlivoErrors.Unauthorized(NextApiId(), "no valid Authorization: Basic header."));
        }

        // A declared Auth ID is accepted as written; any other must have Plivo's shape.
        var declared = accounts.FindKey(Id, authId);
        if (declared is null && !AuthId().IsMatch(authId))
        {
            return CallerResult.Fail(PlivoErrors.Unauthorized(NextApiId(), $"'{authId}' is not an Auth ID."));
        }

        if (token.Length == 0)
        {
            return CallerResult.Fail(PlivoErrors.Unauthorized(NextApiId(), "the Auth Token is empty."));
        }

        if (context.Request.RouteValues.TryGetValue("auth_id", out var inUrl) && inUrl is string urlId && !string.Equals(urlId, authId, StringComparison.Ordinal))
        {
            return CallerResult.Fail(PlivoErrors.Unauthorized(NextApiId(), $"the URL names account {urlId} but the credentials are for {authId}."));
        }

        return CallerResult.Of(new DialectCaller(declared is null ? accounts.ResolveUndeclared(Id, authId) : accounts.ResolveDeclared(Id, declared.TenantId), declared));
    }

    /// <summary>The Auth ID the request authenticated with (the tenant's key).</summary>
    public static string AuthIdOf(HttpContext context) =>
        TryReadBasic(context.Request.Headers.Authorization.ToString(), out var authId, out _) ? authId : DefaultAuthId;

    public void MapEndpoints(RouteGroupBuilder group) => PlivoEndpoints.Map(group, this);

    public IResult Error(HttpContext context, int statusCode, string message) => PlivoErrors.Error(NextApiId(), statusCode, message);

    public IReadOnlyDictionary<string, ProviderStateSetUp> ProviderStates => new Dictionary<string, ProviderStateSetUp>(StringComparer.Ordinal)
    {
        ["the Plivo account rents number {number}"] = (r, s) =>
        {
            var authId = r.Text("auth_id");
            var declared = s.Accounts.FindKey(Id, authId);
            var account = declared is null ? s.Accounts.ResolveUndeclared(Id, authId) : s.Accounts.ResolveDeclared(Id, declared.TenantId);
            var number = r.Number("number");
            Admin.ProviderStates.Force(s, number, NumberStatus.OwnedBy(account.Owner));
            Store.AddActive(account.Owner, number, alias: null);
        },
    };

    private static bool TryReadBasic(string header, out string authId, out string token)
    {
        authId = token = "";
        const string Scheme = "Basic ";
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[Scheme.Length..].Trim()));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        authId = decoded[..colon];
        token = decoded[(colon + 1)..];
        return true;
    }

    // MA (main account) or SA (subaccount) + 18 upper-case letters or digits: the docs' examples (carriers.md §4.1).
    [GeneratedRegex("^(MA|SA)[A-Z0-9]{18}$")]
    private static partial Regex AuthId();
}
