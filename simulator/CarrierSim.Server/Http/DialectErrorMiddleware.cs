using CarrierSim.Server.Hosting;
using Microsoft.Extensions.Options;

namespace CarrierSim.Server.Http;

/// <summary>
/// Keeps every answer under a dialect in that vendor's envelope: an unexpected failure gets
/// the vendor's 500, and a request that arrives on a dialect's own port is routed to its
/// mount point.
/// </summary>
internal sealed class DialectErrorMiddleware(RequestDelegate next, IEnumerable<IDialect> dialects, IOptions<CarrierSimOptions> options, ILogger<DialectErrorMiddleware> logger)
{
    private const string ClientPathItem = "CarrierSim.ClientPath";

    private readonly (PathString Prefix, IDialect Dialect)[] _dialects = [.. dialects.Select(d => (new PathString("/" + d.Name), d))];
    private readonly (string Mount, int Port)[] _dialectPorts = [.. options.Value.DialectPorts
        .Where(p => p.Value != options.Value.Port)
        .Select(p => ("/" + p.Key.ToLowerInvariant(), p.Value))];

    /// <summary>The path as the client sent it (without the mount point a dialect's own port adds), for messages.</summary>
    public static string ClientPath(HttpContext context) =>
        context.Items.TryGetValue(ClientPathItem, out var path) && path is string original ? original : context.Request.Path.ToString();

    public async Task InvokeAsync(HttpContext context)
    {
        if (_dialectPorts.Length > 0)
        {
            RouteDialectPort(context);
        }

        var dialect = DialectOf(context.Request.Path);
        if (dialect is null)
        {
            await next(context);
            return;
        }

        dialect.Begin(context);
        try
        {
            await next(context);
        }
        catch (Exception e) when (!context.Response.HasStarted && e is not OperationCanceledException)
        {
            logger.LogError(e, "Unexpected failure in {Dialect} at {Path}", dialect.Name, context.Request.Path);
            context.Response.Clear();
            await dialect.Error(context, StatusCodes.Status500InternalServerError, "An internal error occurred in the simulator; this is a CarrierSim bug, please report it.").ExecuteAsync(context);
        }
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

    private IDialect? DialectOf(PathString path)
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
}
