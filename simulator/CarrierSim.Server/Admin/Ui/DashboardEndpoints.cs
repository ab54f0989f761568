using System.Collections.Frozen;

namespace CarrierSim.Server.Admin.Ui;

/// <summary>
/// The dashboard at <c>/__admin/ui</c>: a static page, its script and its style sheet, embedded in this
/// assembly and served as they are. They hold no data: the page reads everything from the admin API with
/// the admin token the user types in, so <see cref="Http.DialectGateMiddleware"/> lets these few files
/// through without the token while every data endpoint still refuses.
/// </summary>
internal static class DashboardEndpoints
{
    /// <summary>The path of the page; its files live under it (<c>/__admin/ui/app.js</c>).</summary>
    public const string Path = "/__admin/ui";

    private const string ResourcePrefix = "CarrierSim.Server.Admin.Ui.";

    // Only these files, never a path from the request, so nothing else in the assembly can be read.
    private static readonly FrozenDictionary<string, string> Files = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["index.html"] = "text/html; charset=utf-8",
        ["app.js"] = "text/javascript; charset=utf-8",
        ["app.css"] = "text/css; charset=utf-8",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Everything from this origin only: no CDN, no inline script, no framing of the page by another site.
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>Whether a request path is one of the dashboard's static files (which need no token).</summary>
    public static bool IsDashboardFile(PathString path) =>
        path.Equals(Path, StringComparison.Ordinal)
        || path.Equals(Path + "/", StringComparison.Ordinal)
        || (path.StartsWithSegments(Path, StringComparison.Ordinal, out var rest) && Files.ContainsKey(rest.Value!.TrimStart('/')));

    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/ui/{**file}", (string? file, HttpContext context) => Serve(string.IsNullOrEmpty(file) ? "index.html" : file, context))
            .WithName("admin.dashboard")
            .ExcludeFromDescription();
    }

    private static IResult Serve(string file, HttpContext context)
    {
        if (!Files.TryGetValue(file, out var contentType)
            || typeof(DashboardEndpoints).Assembly.GetManifestResourceStream(ResourcePrefix + file) is not { } stream)
        {
            return AdminEndpoints.Error(404, $"The dashboard has no file '{file}'; open {Path} in a browser.");
        }

        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-cache";
        return Results.Stream(stream, contentType);
    }
}
