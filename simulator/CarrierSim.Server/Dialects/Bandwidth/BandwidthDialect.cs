using System.Text;
using System.Text.Json;
using CarrierSim.Core;
using CarrierSim.Core.Accounts;
using CarrierSim.Core.Chaos;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Core.Orders;
using CarrierSim.Server.Admin;
using CarrierSim.Server.Http;

namespace CarrierSim.Server.Dialects.Bandwidth;

/// <summary>
/// Bandwidth's numbers API (the Dashboard / Iris API, Bandwidth/api-docs site/specs/numbers.yml):
/// XML bodies, HTTP Basic credentials, the account id in the path under both prefixes the SDKs
/// use (<c>/api/accounts/{accountId}</c> and <c>/v1.0/accounts/{accountId}</c>). Orders are
/// asynchronous: 201 RECEIVED, then COMPLETE, PARTIAL or FAILED on the simulator clock.
/// </summary>
internal sealed class BandwidthDialect : IDialect, IDialectModule
{
    public const string DefaultUser = "carriersim";
    public const string DefaultPassword = "carriersim";
    public const string DefaultAccount = "9900000";

    private readonly Simulation _simulation;

    public BandwidthDialect(Simulation simulation)
    {
        _simulation = simulation;
        Store = new BandwidthStore(simulation);
        simulation.Orders.Project(Id, Store);
    }

    public static string Id => "bandwidth";

    public string Name => Id;

    public string Title => "Bandwidth";

    public static DialectCapabilities Capabilities { get; } = new(AsyncOrders: true, PartialOrders: true);

    public static string? DescribeChaos(ChaosKind kind) => kind switch
    {
        ChaosKind.Outcome => "the status in the operation's XML error, e.g. 503 `<ErrorList><Error><Code>503</Code>`",
        ChaosKind.Race => "201 `RECEIVED`, then `FAILED` with error 5005 for the taken TN",
        ChaosKind.PartialFill => "order ends `PARTIAL` with `PartialAllowed`, else `FAILED`",
        ChaosKind.FulfilmentFailure => "order ends `FAILED` (error 5003 per TN)",
        ChaosKind.StuckPending => "order stays `RECEIVED`",
        ChaosKind.Drought => "search answers an empty `<SearchResult/>`",
        _ => null,
    };

    // Bandwidth speaks XML; JSON options only name the wire types' properties in the API document.
    public JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.General);

    public Type ErrorEnvelope => typeof(BandwidthErrorResponse);

    public string ErrorContentType => BandwidthXml.ContentType;

    public BandwidthStore Store { get; }

    public static IReadOnlyDictionary<string, string> ExampleCredentials(string? tenant, string? apiKey)
    {
        var user = apiKey ?? (tenant is null ? DefaultUser : UserFor(tenant));
        var pair = user.Contains(':', StringComparison.Ordinal) ? user : $"{user}:{DefaultPassword}";
        return new Dictionary<string, string> { ["Authorization"] = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)) };
    }

    /// <summary>A Dashboard API username derived from any tenant name, e.g. <c>teamb</c>.</summary>
    internal static string UserFor(string tenant) => DialectNames.Token(tenant, lower: true, maxLength: 64);

    public CallerResult Authenticate(HttpContext context, AccountDirectory accounts)
    {
        if (!TryBasic(context.Request.Headers.Authorization.ToString(), out var user))
        {
            return CallerResult.Fail(BandwidthErrors.Unauthorized(context));
        }

        // Both prefixes the SDKs use: /api/accounts/… (docs, node) and /v1.0/accounts/… (C#); any other is an unknown path.
        if (context.Request.RouteValues.TryGetValue("apiVersion", out var version) && version is not ("api" or "v1.0"))
        {
            return CallerResult.Fail(BandwidthErrors.NotFound(context, $"Unknown endpoint {context.Request.Method} {context.Request.Path}: Bandwidth's numbers API lives under /api/accounts/{{accountId}}/… or /v1.0/accounts/{{accountId}}/…"));
        }

        var accountId = context.Request.RouteValues.TryGetValue("accountId", out var value) ? value as string : null;
        if (accountId is not null && (accountId.Length is 0 or > 10 || !accountId.All(char.IsAsciiDigit)))
        {
            return CallerResult.Fail(BandwidthErrors.AccountDenied(context, accountId));
        }

        // Each account id under a user is a tenant of its own (zero-config): any digits will do.
        var account = accountId ?? DefaultAccount;
        var declared = accounts.FindKey(Id, user);
        return CallerResult.Of(new DialectCaller(
            declared is null ? accounts.ResolveUndeclared(Id, $"{user}/{account}") : accounts.ResolveDeclared(Id, $"{declared.TenantId}/{account}"),
            declared));
    }

    public void MapEndpoints(RouteGroupBuilder group) => BandwidthEndpoints.Map(group, this, _simulation);

    public IResult Error(HttpContext context, int statusCode, string message) => BandwidthErrors.Status(context, statusCode, message);

    public IResult Invalid(HttpContext context, RequestProblem problem) => problem.StatusCode != 400
        ? Error(context, problem.StatusCode, problem.Message)
        : context.DialectOperation()?.Id switch
        {
            // Inferred codes: 5002 "Validation error" for order bodies, 5044 "Reservation object is invalid."
            "bandwidth.reserveNumber" => BandwidthErrors.Error(context, 400, "5044", "Reservation object is invalid: " + problem.Message),
            _ => BandwidthErrors.Error(context, 400, "5002", "Validation error: " + problem.Message),
        };

    public IReadOnlyDictionary<string, ProviderStateSetUp> ProviderStates => new Dictionary<string, ProviderStateSetUp>(StringComparer.Ordinal)
    {
        ["Bandwidth order {id} is complete"] = (r, s) => RestoreOrder(r, s, OrderStatus.Complete),
        ["Bandwidth order {id} has failed"] = (r, s) => RestoreOrder(r, s, OrderStatus.Failed),
        ["the Bandwidth account has number {number} in service"] = (r, s) =>
        {
            var account = AccountOf(r, s);
            var number = r.Number("number");
            Admin.ProviderStates.Force(s, number, NumberStatus.OwnedBy(account.Owner));
            Store.AddInService(account.Owner, number);
        },
    };

    private static Account AccountOf(ProviderStateRequest r, Simulation s)
    {
        var user = r.Text("username");
        var tenant = s.Accounts.FindKey(Id, user)?.TenantId ?? user;
        return s.Accounts.Resolve(Id, $"{tenant}/{r.Text("account")}");
    }

    private static void RestoreOrder(ProviderStateRequest r, Simulation s, OrderStatus status)
    {
        var account = AccountOf(r, s);
        var numbers = r.List("phone_numbers").Select(PhoneNumber.Parse).Select(p => p.Success ? p.Value : throw new ProviderStateException(p.Error)).ToList();
        foreach (var number in numbers)
        {
            Admin.ProviderStates.Force(s, number, NumberStatus.Available);
        }

        var order = s.Orders.Restore(r.Text("id"), account.Owner, Id, numbers);
        s.Orders.ForceTransition(order, status, status == OrderStatus.Complete ? numbers : [], status == OrderStatus.Failed ? numbers : [], status == OrderStatus.Failed ? "Telephone Number Unavailable" : null);
    }

    private static bool TryBasic(string header, out string user)
    {
        user = "";
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) || header.Length > 1024)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[768];
        if (!Convert.TryFromBase64String(header[6..].Trim(), bytes, out var length))
        {
            return false;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes[..length]);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text.Length - 1 || text.Any(char.IsControl))
        {
            return false;
        }

        user = text[..colon];
        return true;
    }
}
