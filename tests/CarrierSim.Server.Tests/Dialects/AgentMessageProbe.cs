using System.Net.Http.Json;
using System.Text.Json;
using CarrierSim.Server.Tests.Dialects.Probes;

namespace CarrierSim.Server.Tests.Dialects;

internal sealed class AgentMessageProbe : DialectProbe
{
    public override string Dialect => "agentmessage";

    public override int AcceptedStatus => 200;

    public override int FailureStatus => 409;

    public override Task<HttpResponseMessage> SearchAsync(HttpClient client, int quantity) =>
        client.PostAsJsonAsync("v1/phone-numbers/search", new { area_code = "919", quantity }, Ct);

    public override IReadOnlyList<string> Numbers(JsonElement body) =>
        [.. body.GetProperty("data").EnumerateArray().Select(n => n.GetProperty("number").GetString()!)];

    public override Task<HttpResponseMessage> OrderAsync(HttpClient client, IReadOnlyList<string> numbers, bool partialAllowed) =>
        client.PostAsJsonAsync("v1/phone-numbers/orders", new { numbers }, Ct);

    public override Task<HttpResponseMessage> OrderWithCallbacksAsync(HttpClient client, string number, string inboundUrl, string statusUrl) =>
        client.PostAsJsonAsync("v1/phone-numbers/orders", new { numbers = new[] { number }, inbound_url = inboundUrl, status_url = statusUrl }, Ct);

    public override void AssertConflict(JsonElement body) =>
        Assert.Equal("INSUFFICIENT_INVENTORY", body.GetProperty("error").GetProperty("code").GetString());

    public override void AssertFailure(JsonElement body)
    {
        Assert.False(body.GetProperty("success").GetBoolean());
        Assert.Equal("INSUFFICIENT_INVENTORY", body.GetProperty("error").GetProperty("code").GetString());
    }

    public override void AssertServerError(JsonElement body, int status)
    {
        Assert.False(body.GetProperty("success").GetBoolean());
        Assert.Equal(status == 503 ? "SERVICE_UNAVAILABLE" : "INTERNAL_ERROR", body.GetProperty("error").GetProperty("code").GetString());
    }

    /// <summary>AgentMessage answers a search it cannot fill with 409 INSUFFICIENT_INVENTORY rather than an empty list.</summary>
    public override async Task AssertDroughtAsync(HttpResponseMessage response) =>
        AssertConflict(await BodyAsync(response, 409));
}
