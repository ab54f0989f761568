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
            // The dialect instance is group metadata: the body reader finds the vendor's JSON options there.
            var group = endpoints.MapGroup("/" + dialect.Name).WithMetadata(dialect).WithGroupName(dialect.Name);
            group.AddEndpointFilter(new DialectPipeline(dialect, simulation, time));
            dialect.MapEndpoints(group);
            OpenApiDocuments.MapDialectDocument(group, dialect.Name);

            // Any other path under a dialect is not emulated: answer as the vendor answers an unknown path.
            // Handed over as a Delegate variable, so the request delegate generator leaves the call alone: the
            // code it generates for MapFallback(pattern, handler) maps its default pattern instead of this one.
            Delegate notEmulated = (HttpContext context) =>
                dialect.Error(context, StatusCodes.Status404NotFound, $"Unknown endpoint {context.Request.Method} {DialectGateMiddleware.ClientPath(context)}: CarrierSim does not emulate it (what is emulated: {dialect.Name}.md in docs/dialects, or this dialect's openapi.json).");
#pragma warning disable RDG002 // generated at run time, on purpose (see above)
            group.MapFallback("{**path}", notEmulated)
                .WithName(dialect.Name + ".notEmulated")
                .ExcludeFromDescription();
#pragma warning restore RDG002
        }

        endpoints.MapAdmin().WithGroupName(OpenApiDocuments.AdminDocument);
        OpenApiDocuments.MapAdminDocument(endpoints);
        return endpoints;
    }
}
