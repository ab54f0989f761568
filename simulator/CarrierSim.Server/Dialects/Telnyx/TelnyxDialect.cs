using System.Text.Json;
using System.Text.RegularExpressions;
using CarrierSim.Core;
using CarrierSim.Core.Accounts;
using CarrierSim.Core.Chaos;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Core.Orders;
using CarrierSim.Server.Admin;
using CarrierSim.Server.Http;

namespace CarrierSim.Server.Dialects.Telnyx;

/// <summary>
/// Telnyx API v2 (api.telnyx.com/v2; team-telnyx/openapi spec3.yml): <c>Authorization: Bearer KEY…</c>,
/// the key is the tenant. Number orders are asynchronous (pending → success / failure, per order and per
/// number); reservations hold numbers for 30 minutes of simulator time.
/// </summary>
internal sealed partial class TelnyxDialect : IDialect, IDialectModule
{
    public const string DefaultKey = "KEY0CARRIERSIM_docs_example";

    /// <summary>How long a reservation holds its numbers (developers.telnyx.com/docs/numbers).</summary>
    public static readonly TimeSpan ReservationLifetime = TimeSpan.FromMinutes(30);

    public TelnyxDialect(Simulation simulation)
    {
        Simulation = simulation;
        Store = new TelnyxStore(simulation);
        simulation.Orders.Project(Id, Store);
    }

    public static string Id => "telnyx";

    public static JsonSerializerOptions JsonOptions { get; } = WireJson.CreateOptions();

    public string Name => Id;

    public string Title => "Telnyx";

    public static DialectCapabilities Capabilities { get; } = new(AsyncOrders: true, PartialOrders: true);

    public static string? DescribeChaos(ChaosKind kind) => kind switch
    {
        ChaosKind.Outcome => "the status in `{errors:[…]}`, e.g. 503 `10007`",
        ChaosKind.Race => "422 `10015` (the number is no longer available)",
        ChaosKind.PartialFill => "order ends `failure`, some numbers `success`",
        ChaosKind.FulfilmentFailure => "order and its numbers end `failure`",
        ChaosKind.StuckPending => "order stays `pending`",
        ChaosKind.Drought => "search answers an empty `data`",
        _ => null,
    };

    public JsonSerializerOptions Json => JsonOptions;

    public Type ErrorEnvelope => typeof(ErrorsWire);

    public Simulation Simulation { get; }

    public TelnyxStore Store { get; }

    public static IReadOnlyDictionary<string, string> ExampleCredentials(string? tenant, string? apiKey) => new Dictionary<string, string>
    {
        ["Authorization"] = "Bearer " + (apiKey ?? (tenant is null ? DefaultKey : KeyFor(tenant))),
    };

    /// <summary>A Telnyx key derived from any name, e.g. <c>KEY0teamb</c>.</summary>
    internal static string KeyFor(string tenant) => Key().IsMatch(tenant) ? tenant : "KEY0" + DialectNames.Token(tenant, lower: false, maxLength: 120);

    public CallerResult Authenticate(HttpContext context, AccountDirectory accounts)
    {
        var header = context.Request.Headers.Authorization.ToString();
        const string Scheme = "Bearer ";
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return CallerResult.Fail(TelnyxErrors.Unauthorized());
        }

        // A key declared in configuration is accepted as written; any other key must look like Telnyx's.
        var key = header[Scheme.Length..].Trim();
        var declared = accounts.FindKey(Id, key);
        if (declared is null && !Key().IsMatch(key))
        {
            return CallerResult.Fail(TelnyxErrors.Unauthorized());
        }

        return CallerResult.Of(new DialectCaller(declared is null ? accounts.ResolveUndeclared(Id, key) : accounts.ResolveDeclared(Id, declared.TenantId), declared));
    }

    public void MapEndpoints(RouteGroupBuilder group) => TelnyxEndpoints.Map(group, this);

    public IResult Error(HttpContext context, int statusCode, string message) => statusCode switch
    {
        401 => TelnyxErrors.Error(401, TelnyxErrors.AuthenticationFailed, message),
        403 => TelnyxErrors.Error(403, TelnyxErrors.AuthorizationFailed, message),
        404 => TelnyxErrors.Error(404, TelnyxErrors.NotFound, message),
        408 => TelnyxErrors.Error(408, TelnyxErrors.Timeout, message),
        415 => TelnyxErrors.Error(415, TelnyxErrors.UnsupportedMediaType, message),
        429 => TelnyxErrors.Error(429, TelnyxErrors.TooManyRequests, message),
        >= 500 => TelnyxErrors.Error(statusCode, TelnyxErrors.Unexpected, message),
        _ => TelnyxErrors.Error(statusCode, TelnyxErrors.BadRequest, message),
    };

    // A body that cannot be read (bad JSON, a field of the wrong type, an unknown field) is 10015's "not
    // well-formed": 400, with the field's pointer when there is one. Fields that are read but unusable are 422.
    public IResult Invalid(HttpContext context, RequestProblem problem) => problem is { StatusCode: 400, Field: { } field }
        ? TelnyxErrors.Error(400, TelnyxErrors.BadRequest, problem.Message, new ErrorSourceWire("/" + field, null))
        : Error(context, problem.StatusCode, problem.Message);

    public IReadOnlyDictionary<string, ProviderStateSetUp> ProviderStates => new Dictionary<string, ProviderStateSetUp>(StringComparer.Ordinal)
    {
        ["the Telnyx number order {id} is pending"] = RestoreOrder,
        ["the Telnyx account owns active number {number} with id {id}"] = (r, s) =>
        {
            var account = AccountOf(r, s);
            Admin.ProviderStates.Force(s, r.Number("number"), NumberStatus.OwnedBy(account.Owner));
            Store.AddActive(account.Owner, r.Text("id"), r.Number("number"));
        },
    };

    private void RestoreOrder(ProviderStateRequest r, Simulation s)
    {
        var id = r.Text("id");
        if (!Guid.TryParseExact(id, "D", out _))
        {
            throw new ProviderStateException($"parameter 'id' must be a UUID; got '{id}'");
        }

        var account = AccountOf(r, s);
        var numbers = r.List("phone_numbers").Select(PhoneNumber.Parse).Select(p => p.Success ? p.Value : throw new ProviderStateException(p.Error)).ToList();
        foreach (var number in numbers)
        {
            Admin.ProviderStates.Force(s, number, NumberStatus.Available);
        }

        var order = s.Orders.Restore("tnxord_" + id, account.Owner, Id, numbers);
        Store.Rename(order, id);
    }

    private static Account AccountOf(ProviderStateRequest r, Simulation s)
    {
        var key = r.Text("api_key");
        var declared = s.Accounts.FindKey(Id, key);
        return declared is null ? s.Accounts.ResolveUndeclared(Id, key) : s.Accounts.ResolveDeclared(Id, declared.TenantId);
    }

    // Inferred from the docs' KEY_xxxxxxxx examples and real keys (KEY0187…_…): KEY, then letters, digits, _ or -.
    [GeneratedRegex("^KEY[A-Za-z0-9_-]{4,200}$")]
    private static partial Regex Key();
}
