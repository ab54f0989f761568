using System.Text.Json;
using System.Text.RegularExpressions;
using CarrierSim.Core;
using CarrierSim.Core.Accounts;
using CarrierSim.Server.Http;

namespace CarrierSim.Server.Dialects.AgentMessage;

/// <summary>
/// AgentMessage (agentmessage.io/docs, seed 001): <c>Authorization: Bearer am_live_…</c> keys scoped to
/// the owning organization and to the key's scopes; every response in the
/// <c>{success, data | error}</c> envelope with a ULID-like request id.
/// </summary>
internal sealed partial class AgentMessageDialect(Simulation simulation) : IDialect
{
    public const string Id = "agentmessage";

    /// <summary>
    /// What one assigned number costs, charged upfront. Inferred: the docs name INSUFFICIENT_CREDIT on
    /// orders but give no prices; a round figure keeps the arithmetic obvious (default credit 100 = 100 numbers).
    /// </summary>
    public const decimal PricePerNumber = 1.00m;

    private const string CallerItem = "agentmessage.caller";
    private const string AccountItem = "agentmessage.account";
    private const string RequestIdItem = "agentmessage.request_id";
    private const string Crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static JsonSerializerOptions Json { get; } = WireJson.CreateOptions();

    public string Name => Id;

    public string CredentialsHint => "Authorization: Bearer am_live_carriersim";

    public Simulation Simulation { get; } = simulation;

    public AgentMessageStore Store { get; } = new(simulation);

    public void MapEndpoints(RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            RequestId(http);
            var match = BearerKey().Match(http.Request.Headers.Authorization.ToString());
            if (!match.Success)
            {
                return AgentMessageErrors.Unauthorized(http);
            }

            var key = match.Groups[1].Value;
            var declared = Simulation.Accounts.FindKey(Id, key);

            // A declared key is accepted whatever its shape (it was configured on purpose); any other key
            // must look like the vendor's, and then acts for an organization of its own.
            if (declared is null && !WellFormedKey().IsMatch(key))
            {
                return AgentMessageErrors.Unauthorized(http);
            }

            var account = Simulation.Accounts.Resolve(Id, declared?.TenantId ?? key);
            http.Items[CallerItem] = new AgentMessageCaller(account, declared);

            // The chaos filter finds the account among the request's items to target rules at it.
            http.Items[AccountItem] = account;
            return await next(context);
        });
        AgentMessageEndpoints.Map(group, this);
    }

    public IResult Error(HttpContext context, int statusCode, string message) =>
        AgentMessageErrors.Error(context, statusCode, AgentMessageErrors.CodeFor(statusCode), message);

    public static AgentMessageCaller CallerOf(HttpContext context) => (AgentMessageCaller)context.Items[CallerItem]!;

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

/// <summary>Who is calling: the organization, and the declared key when there is one (null = every scope).</summary>
internal sealed record AgentMessageCaller(Account Account, ApiKey? Key)
{
    public bool HasScope(string scope) => Key?.HasScope(scope) ?? true;
}
