using System.Net.Http.Json;
using System.Text.Json;
using CarrierSim.Server.Tests.Dialects.Probes;

namespace CarrierSim.Server.Tests.Dialects;

internal sealed class DialNexaProbe : DialectProbe
{
    public override string Dialect => "dialnexa";

    public override Task<HttpResponseMessage> SearchAsync(HttpClient client, int quantity) =>
        client.GetAsync($"v1/organization-phone-numbers/plivo-numbers?country_iso=US&type=local&limit={quantity}", Ct);

    public override IReadOnlyList<string> Numbers(JsonElement body) =>
        [.. body.GetProperty("objects").EnumerateArray().Select(n => "+" + n.GetProperty("number").GetString()!.TrimStart('+'))];

    public override Task<HttpResponseMessage> OrderAsync(HttpClient client, IReadOnlyList<string> numbers, bool partialAllowed) =>
        client.PostAsJsonAsync("v1/organization-phone-numbers/purchase", new { phone_number = Assert.Single(numbers) }, Ct);

    public override void AssertConflict(JsonElement body) =>
        Assert.Equal(409, body.GetProperty("statusCode").GetInt32());

    public override void AssertServerError(JsonElement body, int status)
    {
        Assert.Equal(status, body.GetProperty("statusCode").GetInt32());
        Assert.Equal(JsonValueKind.String, body.GetProperty("error").ValueKind);
    }
}
