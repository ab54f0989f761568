using System.Text.Json;
using System.Text.RegularExpressions;
using CarrierSim.Core;
using CarrierSim.Core.Accounts;
using CarrierSim.Server.Http;

namespace CarrierSim.Server.Dialects.DialStack;

/// <summary>
/// DialStack (docs.dialstack.ai): bearer <c>sk_test_…</c>/<c>sk_live_…</c> keys plus the
/// <c>DialStack-Account</c> header; each account id under a key is its own tenant.
/// </summary>
internal sealed partial class DialStackDialect(Simulation simulation) : IDialect
{
    public const string Id = "dialstack";

    private const string AccountItem = "dialstack.account";

    public static JsonSerializerOptions Json { get; } = WireJson.CreateOptions();

    public string Name => Id;

    public string CredentialsHint => "Authorization: Bearer sk_test_carriersim  +  DialStack-Account: acct_01h2xcejqtf2nbrexx3vqjhp41";

    public DialStackStore Store { get; } = new(simulation);

    public void MapEndpoints(RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var key = BearerKey().Match(http.Request.Headers.Authorization.ToString());
            if (!key.Success)
            {
                return DialStackErrors.Unauthorized();
            }

            var accountHeader = http.Request.Headers["DialStack-Account"].ToString();
            if (accountHeader.Length == 0)
            {
                return DialStackErrors.NoAccount(null);
            }

            if (!AccountId().IsMatch(accountHeader))
            {
                return DialStackErrors.NoAccount(accountHeader);
            }

            var apiKey = key.Groups[1].Value;
            var tenant = simulation.Accounts.FindKey(Id, apiKey)?.TenantId ?? apiKey;
            http.Items[AccountItem] = simulation.Accounts.Resolve(Id, $"{tenant}/{accountHeader}");
            return await next(context);
        });
        DialStackEndpoints.Map(group, this, simulation);
    }

    public IResult Error(HttpContext context, int statusCode, string message) => statusCode switch
    {
        400 => DialStackErrors.Error(400, message, "validation_error"),
        404 => DialStackErrors.Error(404, message, "resource_not_found"),
        413 => DialStackErrors.Error(413, message, "request_too_large"),
        _ => DialStackErrors.Error(statusCode, message),
    };

    public static Account AccountOf(HttpContext context) => (Account)context.Items[AccountItem]!;

    [GeneratedRegex("^Bearer (sk_(?:test|live)_[A-Za-z0-9_]{4,128})$")]
    private static partial Regex BearerKey();

    [GeneratedRegex("^acct_[0-9a-z]{1,64}$")]
    private static partial Regex AccountId();
}
