using System.Text.Json;
using System.Text.RegularExpressions;
using CarrierSim.Core;
using CarrierSim.Core.Accounts;
using CarrierSim.Server.Http;

namespace CarrierSim.Server.Dialects.IdentityCall;

/// <summary>Who is calling: the account the key acts for and what the key may do.</summary>
/// <param name="Key">The declared key, or null for a zero-setup key (every permission, account-wide).</param>
internal sealed record IdentityCallCaller(Account Account, ApiKey? Key)
{
    /// <summary>The project a project-scoped key is confined to; null for an account-wide key.</summary>
    public string? Project => string.IsNullOrWhiteSpace(Key?.Project) ? null : Key.Project;

    public bool Has(string permission) => Key?.HasScope(permission) ?? true;
}

/// <summary>
/// IdentityCall (docs.identitycall.ai): <c>Authorization: Bearer idc_</c> + 32 alphanumerics,
/// with read/write/delete permissions and optional project scope. The dialect's base URL is
/// the vendor's <c>https://api.identitycall.ai</c>, so paths keep their <c>/api/v1/public</c> prefix.
/// </summary>
internal sealed partial class IdentityCallDialect(Simulation simulation) : IDialect
{
    public const string Id = "identitycall";

    private const string CallerItem = "identitycall.caller";

    // The chaos filter and the journal find the tenant as an Account among the request's items.
    private const string AccountItem = "identitycall.account";

    public static JsonSerializerOptions Json { get; } = WireJson.CreateOptions();

    public string Name => Id;

    public string CredentialsHint => "Authorization: Bearer idc_0123456789abcdefghijklmnopqrstuv";

    public Simulation Simulation { get; } = simulation;

    public IdentityCallStore Store { get; } = new(simulation);

    public IdentityCallProvider Provider { get; } = new(simulation);

    public void MapEndpoints(RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var bearer = Bearer().Match(http.Request.Headers.Authorization.ToString());
            if (!bearer.Success)
            {
                return IdentityCallErrors.Unauthorized();
            }

            // A key declared in configuration is accepted as written, so that set-ups may use
            // readable keys; any other key must have the vendor's format.
            var key = bearer.Groups[1].Value;
            var declared = Simulation.Accounts.FindKey(Id, key);
            if (declared is null && !KeyFormat().IsMatch(key))
            {
                return IdentityCallErrors.Unauthorized();
            }

            var account = Simulation.Accounts.Resolve(Id, declared?.TenantId ?? key);
            http.Items[AccountItem] = account;
            http.Items[CallerItem] = new IdentityCallCaller(account, declared);
            return await next(context);
        });
        IdentityCallEndpoints.Map(group, this);
    }

    public IResult Error(HttpContext context, int statusCode, string message) => IdentityCallErrors.Error(statusCode, message);

    public static IdentityCallCaller CallerOf(HttpContext context) => (IdentityCallCaller)context.Items[CallerItem]!;

    [GeneratedRegex(@"^[Bb]earer +(\S+) *$")]
    private static partial Regex Bearer();

    [GeneratedRegex("^idc_[A-Za-z0-9]{32}$")]
    private static partial Regex KeyFormat();
}
