using System.Net.Http.Json;
using System.Text.Json;
using CarrierSim.Server.Tests.Dialects.Probes;

namespace CarrierSim.Server.Tests.Dialects;

internal sealed class TelnyxProbe : DialectProbe
{
    public override string Dialect => "telnyx";

    public override int AcceptedStatus => 200;

    public override int ConflictStatus => 422;

    public override Task<HttpResponseMessage> SearchAsync(HttpClient client, int quantity) =>
        client.GetAsync($"v2/available_phone_numbers?filter[national_destination_code]=919&filter[limit]={quantity}", Ct);

    public override IReadOnlyList<string> Numbers(JsonElement body) =>
        [.. body.GetProperty("data").EnumerateArray().Select(n => n.GetProperty("phone_number").GetString()!)];

    public override Task<HttpResponseMessage> OrderAsync(HttpClient client, IReadOnlyList<string> numbers, bool partialAllowed) =>
        client.PostAsJsonAsync("v2/number_orders", new { phone_numbers = numbers.Select(n => new { phone_number = n }).ToArray() }, Ct);

    public override void AssertConflict(JsonElement body)
    {
        Assert.Equal("10015", body.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Contains("no longer available", body.GetProperty("errors")[0].GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    public override void AssertServerError(JsonElement body, int status)
    {
        Assert.Equal("10007", body.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("errors")[0].GetProperty("detail").GetString()));
    }
}
