using CarrierSim.Core;
using CarrierSim.Server.Admin;
using CarrierSim.Server.Http;
using Microsoft.Extensions.Options;

namespace CarrierSim.Server.Hosting;

public static class CarrierSimEndpointRouteBuilderExtensions
{
    /// <summary>Mounts every enabled dialect under <c>/{dialect}</c> and the control plane under <c>/__admin</c>.</summary>
    public static IEndpointRouteBuilder MapCarrierSim(this IEndpointRouteBuilder endpoints)
    {
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<CarrierSimOptions>>().Value;
        var enabled = options.EnabledDialects;
        var simulation = endpoints.ServiceProvider.GetRequiredService<Simulation>();
        var time = endpoints.ServiceProvider.GetRequiredService<TimeProvider>();
        foreach (var dialect in endpoints.ServiceProvider.GetServices<IDialect>().Where(d => enabled.Contains(d.Name)))
        {
            var group = endpoints.MapGroup("/" + dialect.Name);
            dialect.MapEndpoints(group);

            // After the dialect's own filters (authentication), so chaos can target accounts.
            group.AddEndpointFilter(new ChaosEndpointFilter(dialect, simulation, time));

            // Any other path under a dialect is not emulated: answer as the vendor answers an unknown path.
            group.MapFallback("{**path}", (HttpContext context) =>
                dialect.Error(context, StatusCodes.Status404NotFound, $"Unknown endpoint {context.Request.Method} {context.Request.Path}: CarrierSim does not emulate it (see the README's list of emulated endpoints)."))
                .WithName(dialect.Name + ".notEmulated");
        }

        endpoints.MapAdmin();
        return endpoints;
    }
}
