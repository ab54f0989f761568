using System.Net;
using CarrierSim.Server.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace CarrierSim.Server.Tests.Hosting;

/// <summary>Every dialect and the control plane publish an OpenAPI 3.1 document that a real reader accepts and that lists every mapped route.</summary>
public sealed class OpenApiDocumentTests : IAsyncLifetime
{
    private TestSimulator _sim = null!;

    public async ValueTask InitializeAsync() => _sim = await TestSimulator.StartAsync();

    public async ValueTask DisposeAsync() => await _sim.DisposeAsync();

    public static TheoryData<string> Dialects => [.. CarrierSimDialects.Ids];

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task EachDialectServesAValidDocumentWithEveryMappedRoute(string dialect)
    {
        // Anonymous: no credentials on the client.
        using var response = await _sim.Anonymous(dialect).Get("openapi.json");
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);

        var document = Read(text);
        Assert.Equal("/" + dialect, Assert.Single(document.Servers!).Url);
        var mapped = MappedRoutes("/" + dialect + "/");
        Assert.NotEmpty(mapped);
        foreach (var (method, path) in mapped)
        {
            var relative = path[(dialect.Length + 1)..];
            Assert.True(document.Paths.TryGetValue(relative, out var item), $"{method} {relative} is mapped but missing from {dialect}'s document; it has: {string.Join(", ", document.Paths.Keys)}");
            Assert.True(item!.Operations!.ContainsKey(HttpMethod.Parse(method)), $"{method} {relative} is missing from {dialect}'s document");
            var operation = item.Operations[HttpMethod.Parse(method)];
            Assert.StartsWith(dialect + ".", operation.OperationId);
            Assert.True(operation.Responses!.ContainsKey("401"), $"{operation.OperationId} does not document the vendor's 401");
        }

        Assert.NotEmpty(document.Components!.SecuritySchemes!);
    }

    [Fact]
    public async Task DialStackDocumentUsesTheVendorsNames()
    {
        var text = await (await _sim.Anonymous("dialstack").Get("openapi.json")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var document = Read(text);

        var search = document.Paths["/v1/available-phone-numbers"].Operations![HttpMethod.Get];
        Assert.Equal("dialstack.searchNumbers", search.OperationId);
        Assert.Contains(search.Parameters!, p => p.Name == "area_code" && p.In == ParameterLocation.Query);
        Assert.Contains(search.Parameters!, p => p.Name == "npa_nxx");

        var order = document.Paths["/v1/phone-number-orders"].Operations![HttpMethod.Post];
        var body = order.RequestBody!.Content!["application/json"].Schema!;
        Assert.Contains("phone_numbers", body.Properties!.Keys);
        Assert.Contains("partial_allowed", body.Properties!.Keys);
        var error = order.Responses!["409"].Content!["application/json"].Schema!;
        Assert.Contains("error", error.Properties!.Keys);
        Assert.Contains("DialStack-Account", document.Components!.SecuritySchemes!.Keys);
    }

    [Fact]
    public async Task ControlPlaneServesAValidDocumentWithEveryAdminRoute()
    {
        using var response = await _sim.Admin().Get("openapi.json");
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);

        var document = Read(text);
        foreach (var (method, path) in MappedRoutes("/__admin/"))
        {
            Assert.True(document.Paths.TryGetValue(path, out var item) && item.Operations!.ContainsKey(HttpMethod.Parse(method)),
                $"{method} {path} is mapped but missing from the control plane's document");
            Assert.StartsWith("admin.", item.Operations[HttpMethod.Parse(method)].OperationId);
        }

        // The shared wire model documents requests and answers: a rule is one of the kinds, info lists the dialects.
        var create = document.Paths["/__admin/chaos/rules"].Operations![HttpMethod.Post];
        Assert.NotNull(create.RequestBody!.Content!["application/json"].Schema);
        Assert.Contains("kind", text, StringComparison.Ordinal);
        Assert.Contains("stuckPending", text, StringComparison.Ordinal);
        var info = document.Paths["/__admin/info"].Operations![HttpMethod.Get].Responses!["200"].Content!["application/json"].Schema!;
        Assert.NotNull(info);
        Assert.Contains("\"dialects\"", text, StringComparison.Ordinal);
    }

    private static OpenApiDocument Read(string text)
    {
        var result = OpenApiDocument.Parse(text, "json", new OpenApiReaderSettings());
        Assert.True(result.Diagnostic!.Errors.Count == 0, string.Join("; ", result.Diagnostic.Errors.Select(e => $"{e.Pointer}: {e.Message}")));
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, result.Diagnostic.SpecificationVersion);
        return result.Document!;
    }

    /// <summary>(method, path) of every route mapped under a prefix, except catch-alls and the documents themselves.</summary>
    private List<(string Method, string Path)> MappedRoutes(string prefix) =>
    [
        .. _sim.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => ("/" + e.RoutePattern.RawText!.TrimStart('/')).StartsWith(prefix, StringComparison.Ordinal))
            .Where(e => !e.RoutePattern.RawText!.Contains("{**", StringComparison.Ordinal) && !e.RoutePattern.RawText!.EndsWith("openapi.json", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => (m, "/" + e.RoutePattern.RawText!.Trim('/')))),
    ];
}
