using System.Net.Http.Json;
using System.Text.Json;
using CarrierSim.Server.Tests.Dialects.Probes;

namespace CarrierSim.Server.Tests.Dialects;

internal sealed class DialStackProbe : DialectProbe
{
    public override string Dialect => "dialstack";

    public override Task<HttpResponseMessage> SearchAsync(HttpClient client, int quantity) =>
        client.GetAsync($"v1/available-phone-numbers?area_code=919&quantity={quantity}", Ct);

    public override IReadOnlyList<string> Numbers(JsonElement body) =>
        [.. body.GetProperty("data").EnumerateArray().Select(n => n.GetProperty("phone_number").GetString()!)];

    public override Task<HttpResponseMessage> OrderAsync(HttpClient client, IReadOnlyList<string> numbers, bool partialAllowed) =>
        client.PostAsJsonAsync("v1/phone-number-orders", partialAllowed ? new { phone_numbers = numbers, partial_allowed = true } : (object)new { phone_numbers = numbers }, Ct);

    public override void AssertConflict(JsonElement body) =>
        Assert.Equal("phone_numbers_unavailable", body.GetProperty("code").GetString());

    public override void AssertServerError(JsonElement body, int status)
    {
        Assert.Equal("server_error", body.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("error").GetString()));
    }
}
