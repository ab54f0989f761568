using System.Text.Json;
using CarrierSim.Core;
using CarrierSim.Core.Accounts;
using CarrierSim.Server.Http;

namespace CarrierSim.Server.Dialects.DialNexa;

/// <summary>
/// DialNexa (api.dialnexa.com/v1): <c>Authorization: Bearer key_id:secret</c>; the workspace of the key
/// is the tenant. Errors are NestJS's <c>{statusCode, message, error}</c>.
/// </summary>
internal sealed class DialNexaDialect(Simulation simulation) : IDialect
{
    public const string Id = "dialnexa";

    public const string ReadPermission = "phone_numbers:read";

    public const string WritePermission = "phone_numbers:write";

    private const string AccountItem = "dialnexa.account";

    // The name the host gives the fallback route of every dialect (Hosting/CarrierSimEndpointRouteBuilderExtensions).
    private const string NotEmulated = Id + ".notEmulated";

    public static JsonSerializerOptions Json { get; } = WireJson.CreateOptions();

    public string Name => Id;

    public string CredentialsHint => "Authorization: Bearer key_carriersim:secret_carriersim";

    public Simulation Simulation { get; } = simulation;

    public DialNexaStore Store { get; } = new(simulation);

    public void MapEndpoints(RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;

            // NestJS answers an unknown route with 404 before any guard runs, so no key is needed for it.
            if (http.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName == NotEmulated)
            {
                return await next(context);
            }

            if (!TryReadKey(http.Request.Headers.Authorization.ToString(), out var keyId, out var fullKey))
            {
                return DialNexaErrors.Unauthorized();
            }

            // A declared key is looked up by the whole key_id:secret value (what the vendor tells callers
            // to send), then by its key id alone (a declaration without a secret accepts any secret).
            // A declared key id sent with another secret is a wrong key: 401, not a workspace of its own.
            var declared = Simulation.Accounts.FindKey(Id, fullKey) ?? Simulation.Accounts.FindKey(Id, keyId);
            if (declared is null && Simulation.Accounts.Keys(Id).Any(k => k.Key.Contains(':', StringComparison.Ordinal) && KeyIdOf(k.Key) == keyId))
            {
                return DialNexaErrors.Unauthorized();
            }

            var permission = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) ? ReadPermission : WritePermission;
            if (declared is not null && !declared.HasScope(permission))
            {
                return DialNexaErrors.Forbidden(permission);
            }

            http.Items[AccountItem] = Simulation.Accounts.Resolve(Id, declared?.TenantId ?? keyId);
            return await next(context);
        });
        DialNexaEndpoints.Map(group, this);
    }

    public IResult Error(HttpContext context, int statusCode, string message) => DialNexaErrors.Error(statusCode, message);

    public static Account AccountOf(HttpContext context) => (Account)context.Items[AccountItem]!;

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
