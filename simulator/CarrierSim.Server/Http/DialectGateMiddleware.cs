using System.Diagnostics;
using CarrierSim.Core;
using CarrierSim.Core.Chaos;
using CarrierSim.Server.Admin;
using CarrierSim.Server.Admin.Ui;
using CarrierSim.Server.Hosting;
using Microsoft.Extensions.Options;

namespace CarrierSim.Server.Http;

/// <summary>
/// The one middleware in front of routing, for every request:
/// <list type="bullet">
/// <item>the admin token: when one is set, every <c>/__admin</c> call but health must carry it as a bearer
/// token, and a refusal is the admin API's RFC 9457 problem. The dashboard's own static files
/// (<see cref="DashboardEndpoints"/>) load without it: they hold no data, and the page asks for the token
/// before it calls anything else;</item>
/// <item>a request on a dialect's own port is routed to that dialect's mount point;</item>
/// <item>under a dialect: the dialect's per-request headers (<see cref="IDialect.Begin"/>), the vendor's 500
/// envelope for an unexpected failure, and the request's entry in the journal, with the chaos injected
/// into it and the status the client got.</item>
/// </list>
/// One layer rather than one per concern: each layer of middleware costs every request a call and, when
/// it awaits, a state machine.
/// </summary>
internal sealed class DialectGateMiddleware(
    RequestDelegate next,
    IEnumerable<IDialect> dialects,
    IOptions<CarrierSimOptions> options,
    RequestJournal journal,
    Simulation simulation,
    ILogger<DialectGateMiddleware> logger)
{
    /// <summary>Set by the chaos pipeline: the injections made into this request, for its journal entry.</summary>
    public const string InjectionsItem = "carriersim.injections";

    private const string ClientPathItem = "CarrierSim.ClientPath";

    private readonly (PathString Prefix, IDialect Dialect)[] _dialects = [.. dialects.Select(d => (new PathString("/" + d.Name), d))];
    private readonly (string Mount, int Port)[] _dialectPorts = [.. options.Value.DialectPorts
        .Where(p => p.Value != options.Value.Port)
        .Select(p => ("/" + p.Key.ToLowerInvariant(), p.Value))];

    /// <summary>The dialect the request is under, as the gate found it; null outside the dialects.</summary>
    public static IDialect? DialectOf(HttpContext context) => context.Features.Get<IDialect>();

    /// <summary>The path as the client sent it (without the mount point a dialect's own port adds), for messages.</summary>
    public static string ClientPath(HttpContext context) =>
        context.Items.TryGetValue(ClientPathItem, out var path) && path is string original ? original : context.Request.Path.ToString();

    public Task InvokeAsync(HttpContext context)
    {
        if (RefusesAdmin(context) is { } refusal)
        {
            return refusal;
        }

        if (_dialectPorts.Length > 0)
        {
            RouteDialectPort(context);
        }

        var dialect = DialectAt(context.Request.Path);

        // Anything else (the admin API, the dashboard, health) passes straight through, without a state machine.
        return dialect is null ? next(context) : InvokeDialectAsync(context, dialect);
    }

    private async Task InvokeDialectAsync(HttpContext context, IDialect dialect)
    {
        context.Features.Set(dialect);
        dialect.Begin(context);
        var at = simulation.Clock.GetUtcNow();
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        catch (Exception e) when (!context.Response.HasStarted && e is not OperationCanceledException)
        {
            logger.LogError(e, "Unexpected failure in {Dialect} at {Path}", dialect.Name, context.Request.Path);
            context.Response.Clear();

            // Clearing dropped the dialect's headers (X-Request-Id, CORS): a 500 carries them too.
            dialect.Begin(context);
            await dialect.Error(context, StatusCodes.Status500InternalServerError, "An internal error occurred in the simulator; this is a CarrierSim bug, please report it.").ExecuteAsync(context);
        }
        finally
        {
            // After the error envelope, so a failed request is journalled with the 500 its client got.
            journal.Add(new JournalEntry(
                journal.NextId(),
                at,
                dialect.Name,
                context.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? dialect.Name + ".unknown",
                context.Request.Method,
                context.Request.Path.Value ?? "",
                context.Request.QueryString.Value ?? "",
                // A reset or a hang sends nothing: the client got no status, and the journal says so.
                context.Items.ContainsKey(DialectPipeline.NoResponseItem) || (context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted) ? 0 : context.Response.StatusCode,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                context.Features.Get<DialectCaller>()?.Account.Id,
                Injections(context)));
        }
    }

    private Task? RefusesAdmin(HttpContext context)
    {
        var token = options.Value.AdminToken;
        if (string.IsNullOrEmpty(token)
            || !context.Request.Path.StartsWithSegments("/__admin", out var rest)
            || rest == "/health"
            || (HttpMethods.IsGet(context.Request.Method) && DashboardEndpoints.IsDashboardFile(context.Request.Path))
            || string.Equals(context.Request.Headers.Authorization.ToString(), "Bearer " + token, StringComparison.Ordinal))
        {
            return null;
        }

        context.Response.Headers.WWWAuthenticate = "Bearer";
        return AdminEndpoints.Error(
                StatusCodes.Status401Unauthorized,
                "The admin API needs the admin token: send Authorization: Bearer <token> (the --admin-token the simulator was started with).")
            .ExecuteAsync(context);
    }

    private void RouteDialectPort(HttpContext context)
    {
        var port = context.Connection.LocalPort;
        foreach (var (mount, dialectPort) in _dialectPorts)
        {
            if (dialectPort == port && !context.Request.Path.StartsWithSegments("/__admin"))
            {
                context.Items[ClientPathItem] = context.Request.Path.ToString();
                context.Request.Path = mount + context.Request.Path;
            }
        }
    }

    private IDialect? DialectAt(PathString path)
    {
        foreach (var (prefix, dialect) in _dialects)
        {
            if (path.StartsWithSegments(prefix))
            {
                return dialect;
            }
        }

        return null;
    }

    private static string[] Injections(HttpContext context)
    {
        if (!context.Items.TryGetValue(InjectionsItem, out var list) || list is not IReadOnlyList<Injection> { Count: > 0 } made)
        {
            return [];
        }

        var names = new string[made.Count];
        for (var i = 0; i < made.Count; i++)
        {
            names[i] = $"{made[i].Rule}:{System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(made[i].Kind.ToString())}";
        }

        return names;
    }
}
