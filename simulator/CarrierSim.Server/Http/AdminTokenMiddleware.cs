using CarrierSim.Server.Admin;
using CarrierSim.Server.Admin.Ui;
using CarrierSim.Server.Hosting;
using Microsoft.Extensions.Options;

namespace CarrierSim.Server.Http;

/// <summary>
/// When an admin token is set, every <c>/__admin</c> call but health must carry it as a
/// bearer token. The CLI refuses to bind beyond loopback without one. A refusal is the admin
/// API's RFC 9457 problem, like its other errors. The dashboard's own static files
/// (<see cref="DashboardEndpoints"/>) load without it: they hold no data, and the page asks
/// for the token before it calls anything else.
/// </summary>
internal sealed class AdminTokenMiddleware(RequestDelegate next, IOptions<CarrierSimOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var token = options.Value.AdminToken;
        if (!string.IsNullOrEmpty(token)
            && context.Request.Path.StartsWithSegments("/__admin", out var rest)
            && rest != "/health"
            && !(HttpMethods.IsGet(context.Request.Method) && DashboardEndpoints.IsDashboardFile(context.Request.Path))
            && !string.Equals(context.Request.Headers.Authorization.ToString(), "Bearer " + token, StringComparison.Ordinal))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return AdminEndpoints.Error(
                    StatusCodes.Status401Unauthorized,
                    "The admin API needs the admin token: send Authorization: Bearer <token> (the --admin-token the simulator was started with).")
                .ExecuteAsync(context);
        }

        return next(context);
    }
}
