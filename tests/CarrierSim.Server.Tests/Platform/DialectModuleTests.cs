using System.Text.Json;
using CarrierSim.Server.Dialects;
using CarrierSim.Server.Hosting;
using CarrierSim.Server.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CarrierSim.Server.Tests.Platform;

/// <summary>What every registered dialect module must declare, checked for each one the registry lists.</summary>
public sealed class DialectModuleTests : IAsyncLifetime
{
    private TestSimulator _sim = null!;

    public async ValueTask InitializeAsync() => _sim = await TestSimulator.StartAsync();

    public async ValueTask DisposeAsync() => await _sim.DisposeAsync();

    public static TheoryData<string> Dialects => [.. CarrierSimDialects.Ids];

    /// <summary>Every status the host itself produces, plus chaos outcomes.</summary>
    private static readonly int[] Statuses = [400, 401, 403, 404, 405, 408, 413, 415, 429, 500, 502, 503, 504];

    private IDialect Dialect(string id) => _sim.Services.GetServices<IDialect>().Single(d => d.Name == id);

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task ErrorWriterAnswersEveryHostStatusInTheVendorsEnvelope(string id)
    {
        var dialect = Dialect(id);
        Assert.NotEqual(typeof(object), dialect.ErrorEnvelope);
        var shapes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var status in Statuses)
        {
            var (code, json) = await ExecuteAsync(dialect.Error(new DefaultHttpContext { RequestServices = _sim.Services }, status, "Say how to fix it."));

            Assert.Equal(status, code);
            Assert.Equal(JsonValueKind.Object, json.ValueKind);
            Assert.Contains("Say how to fix it.", json.GetRawText(), StringComparison.Ordinal);

            // One envelope: the same top-level fields whatever the status (vendor codes may add optional ones).
            shapes.Add(string.Join(",", json.EnumerateObject().Select(p => p.Name).Where(n => n is not ("code" or "details" or "request_id"))));
        }

        Assert.Single(shapes);
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task InvalidAndMissingScopeUseTheVendorsEnvelope(string id)
    {
        var dialect = Dialect(id);
        var (badStatus, bad) = await ExecuteAsync(dialect.Invalid(new DefaultHttpContext { RequestServices = _sim.Services }, new RequestProblem(400, "Field 'x' has the wrong type.", "x")));
        var (scopeStatus, scope) = await ExecuteAsync(dialect.MissingScope(new DefaultHttpContext { RequestServices = _sim.Services }, "numbers:write"));

        Assert.Equal(400, badStatus);
        Assert.Contains("wrong type", bad.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(403, scopeStatus);
        Assert.Contains("numbers:write", scope.GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public void ExampleCredentialsAuthenticateAndDerivedTenantsAreIsolated(string id)
    {
        var dialect = Dialect(id);

        var example = Authenticate(dialect, CarrierSimDialects.Credentials(id));
        var alice = Authenticate(dialect, CarrierSimDialects.Credentials(id, tenant: "Alice & Co"));
        var bob = Authenticate(dialect, CarrierSimDialects.Credentials(id, tenant: "bob"));
        var anonymous = dialect.Authenticate(new DefaultHttpContext { RequestServices = _sim.Services }, _sim.Simulation.Accounts);

        Assert.NotEqual(alice.Account.Id, bob.Account.Id);
        Assert.NotEqual(example.Account.Id, alice.Account.Id);
        Assert.Equal(alice.Account.Id, Authenticate(dialect, CarrierSimDialects.Credentials(id, tenant: "Alice & Co")).Account.Id);
        Assert.Null(anonymous.Caller);
        Assert.NotNull(anonymous.Failure);
    }

    [Fact]
    public void RegistryIdsAreUniqueLowerCaseAndMatchTheModules()
    {
        Assert.Equal(DialectRegistry.All.Count, DialectRegistry.Ids.Distinct().Count());
        Assert.All(DialectRegistry.Ids, id => Assert.Matches("^[a-z][a-z0-9]*$", id));
        Assert.Equal(DialectRegistry.Ids, _sim.Services.GetServices<IDialect>().Select(d => d.Name));
        Assert.Equal(DialectRegistry.Ids, CarrierSimOptions.AllDialects);
    }

    private DialectCaller Authenticate(IDialect dialect, IReadOnlyDictionary<string, string> headers)
    {
        var context = new DefaultHttpContext { RequestServices = _sim.Services };
        foreach (var (name, value) in headers)
        {
            context.Request.Headers[name] = value;
        }

        var result = dialect.Authenticate(context, _sim.Simulation.Accounts);
        Assert.Null(result.Failure);
        return result.Caller!;
    }

    private async Task<(int Status, JsonElement Json)> ExecuteAsync(IResult result)
    {
        var context = new DefaultHttpContext { RequestServices = _sim.Services };
        using var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteAsync(context);
        if (context.Response.ContentType?.StartsWith("application/xml", StringComparison.Ordinal) == true)
        {
            // An XML vendor (Bandwidth): the root's children as a JSON object, so the envelope checks read the same.
            var root = System.Xml.Linq.XDocument.Parse(System.Text.Encoding.UTF8.GetString(body.ToArray())).Root!;
            return (context.Response.StatusCode, JsonSerializer.SerializeToElement(XmlObject(root)));
        }

        return (context.Response.StatusCode, JsonDocument.Parse(body.ToArray()).RootElement.Clone());
    }

    private static object XmlObject(System.Xml.Linq.XElement element) => element.HasElements
        ? element.Elements().GroupBy(e => e.Name.LocalName).ToDictionary(g => g.Key, g => g.Count() == 1 ? XmlObject(g.Single()) : g.Select(XmlObject).ToList())
        : element.Value;
}
