using System.Text;
using System.Text.Json;
using CarrierSim.Server.Http;
using Microsoft.AspNetCore.Http;

namespace CarrierSim.Server.Tests.Platform;

public sealed class RequestReaderTests
{
    private sealed record Form(string? PhoneNumber, string? FriendlyName);

    [Fact]
    public async Task ReadAsync_FormBodyWithOptionsNeverUsedBefore_ReadsIt()
    {
        // Regression: fresh options have no type resolver until first used, and the form reader asked them for
        // metadata first, so a form body as a dialect's very first request was a 500.
        var options = WireJson.CreateOptions();
        var context = new DefaultHttpContext();
        context.Request.ContentType = "application/x-www-form-urlencoded";
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes("PhoneNumber=%2B19194601234&FriendlyName=Main"));
        context.SetEndpoint(new Endpoint(_ => Task.CompletedTask, new EndpointMetadataCollection(new DialectBody(typeof(Form), ["application/x-www-form-urlencoded"])), "form"));

        var read = await RequestReader.ReadAsync<Form>(context, options);

        Assert.Null(read.Problem);
        Assert.Equal(new Form("+19194601234", "Main"), read.Value);
        Assert.True(options.IsReadOnly);
        _ = JsonSerializer.Serialize(read.Value, options);
    }
}
