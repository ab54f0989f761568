using System.Net.Http.Json;
using System.Text.Json;
using CarrierSim.Server.Tests.Dialects.Probes;

namespace CarrierSim.Server.Tests.Dialects;

internal sealed class IdentityCallProbe : DialectProbe
{
    public override string Dialect => "identitycall";

    public override int ConflictStatus => 422;

    public override int FailureStatus => 422;

    /// <summary>IdentityCall's search takes no area code or quantity: it answers a page of US local numbers.</summary>
    public override Task<HttpResponseMessage> SearchAsync(HttpClient client, int quantity) =>
        client.GetAsync("api/v1/public/virtual_numbers/available?country=US&number_type=local", Ct);

    public override IReadOnlyList<string> Numbers(JsonElement body) =>
        [.. body.GetProperty("data").EnumerateArray().Select(n => n.GetProperty("phone_number").GetString()!)];

    public override Task<HttpResponseMessage> OrderAsync(HttpClient client, IReadOnlyList<string> numbers, bool partialAllowed) =>
        client.PostAsJsonAsync("api/v1/public/virtual_numbers/purchase", new { phone_number = Assert.Single(numbers) }, Ct);

    public override void AssertConflict(JsonElement body) =>
        Assert.False(string.IsNullOrEmpty(body.GetProperty("error").GetString()));

    public override void AssertServerError(JsonElement body, int status) =>
        Assert.Equal(JsonValueKind.String, body.GetProperty("error").ValueKind);
}
