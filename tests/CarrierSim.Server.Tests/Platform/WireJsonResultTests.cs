using System.Text;
using System.Text.Json;
using CarrierSim.Core.Chaos;
using CarrierSim.Server.Http;
using Microsoft.AspNetCore.Http;

namespace CarrierSim.Server.Tests.Platform;

/// <summary>
/// The buffered JSON answer must write what <c>Results.Json</c> wrote: the declared type's shape when that type is
/// polymorphic (a chaos rule keeps its <c>kind</c>), the runtime type's when the value is typed <c>object</c>, and
/// the body in one piece with its Content-Length, status and content type.
/// </summary>
public sealed class WireJsonResultTests
{
    private static readonly JsonSerializerOptions Options = new(ChaosScenario.Json) { WriteIndented = false };

    [Fact]
    public void Render_APolymorphicDeclaredType_KeepsTheDiscriminator()
    {
        ChaosRule rule = new FaultRule { Name = "cut", Fault = FaultKind.Hang };

        var json = Encoding.UTF8.GetString(WireJsonBuffer.Render(rule, Options).Span);

        Assert.Equal(JsonSerializer.Serialize(rule, Options), json);
        Assert.Contains("\"kind\":\"fault\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_AValueTypedObject_IsWrittenAsItsRuntimeType()
    {
        object answer = new Page("+19194601234", 2);

        var json = Encoding.UTF8.GetString(WireJsonBuffer.Render(answer, Options).Span);

        Assert.Equal("""{"number":"+19194601234","count":2}""", json);
    }

    [Fact]
    public async Task ExecuteAsync_WritesTheBodyWithItsLengthStatusAndType()
    {
        var context = new DefaultHttpContext();
        using var body = new MemoryStream();
        context.Response.Body = body;

        await WireJson.Result(new Page("+19194601234", 2), Options, statusCode: 201).ExecuteAsync(context);

        var expected = Encoding.UTF8.GetBytes("""{"number":"+19194601234","count":2}""");
        Assert.Equal(201, context.Response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", context.Response.ContentType);
        Assert.Equal(expected.Length, context.Response.ContentLength);
        Assert.Equal(expected, body.ToArray());
    }

    private sealed record Page(string Number, int Count);
}
