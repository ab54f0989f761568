using System.Reflection;
using CarrierSim.Core;
using CarrierSim.Server.Hosting;
using CarrierSim.Server.Http;
using Microsoft.Extensions.Options;

namespace CarrierSim.Server.Admin;

/// <summary>The control plane under <c>/__admin</c>.</summary>
internal static class AdminEndpoints
{
    public static string Version { get; } =
        typeof(AdminEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static RouteGroupBuilder MapAdmin(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/__admin");
        admin.MapGet("/health", () => Results.Json(new { status = "ok" })).WithName("admin.health");
        admin.MapGet("/info", (Simulation simulation, IOptions<CarrierSimOptions> options, IEnumerable<IDialect> dialects) => Results.Json(new
        {
            name = "CarrierSim",
            version = Version,
            seed = simulation.Options.Seed,
            clock = simulation.Clock.GetUtcNow(),
            dialects = dialects.Where(d => options.Value.EnabledDialects.Contains(d.Name))
                .Select(d => new { name = d.Name, base_path = "/" + d.Name, credentials = d.CredentialsHint }),
        })).WithName("admin.info");
        admin.MapPost("/reset", (Simulation simulation) =>
        {
            simulation.Reset();
            return Results.NoContent();
        }).WithName("admin.reset");
        return admin;
    }
}
