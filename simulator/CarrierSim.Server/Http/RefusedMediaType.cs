using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing.Template;

namespace CarrierSim.Server.Http;

/// <summary>
/// Routing refuses a request whose <c>Content-Type</c> an endpoint does not accept (its <c>Accepts</c>
/// metadata) before the platform can read the body, and a dialect's catch-all then takes it as an
/// unknown path. This finds that case, so the platform answers it as what it is: 415, in the vendor's envelope.
/// </summary>
internal static class RefusedMediaType
{
    /// <summary>
    /// The problem to answer when an endpoint of <paramref name="dialect"/> matches the request's method and
    /// path but refused its <c>Content-Type</c>; null when none does (the path is really not emulated).
    /// </summary>
    public static RequestProblem? Find(HttpContext context, IDialect dialect)
    {
        var contentType = context.Request.ContentType;
        if (string.IsNullOrEmpty(contentType) || context.RequestServices.GetService<EndpointDataSource>() is not { } endpoints)
        {
            return null;
        }

        foreach (var endpoint in endpoints.Endpoints.OfType<RouteEndpoint>())
        {
            var metadata = endpoint.Metadata;
            if (!ReferenceEquals(metadata.GetMetadata<IDialect>(), dialect)
                || metadata.GetMetadata<IAcceptsMetadata>() is not { ContentTypes.Count: > 0 } accepts
                || metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(context.Request.Method, StringComparer.OrdinalIgnoreCase) != true)
            {
                continue;
            }

            var matcher = new TemplateMatcher(new RouteTemplate(endpoint.RoutePattern), []);
            if (matcher.TryMatch(context.Request.Path, []))
            {
                return new RequestProblem(StatusCodes.Status415UnsupportedMediaType,
                    $"Content-Type '{contentType}' is not supported here: send {string.Join(" or ", accepts.ContentTypes)}.");
            }
        }

        return null;
    }
}
