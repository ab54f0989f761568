using System.Net.Http.Json;
using System.Text.Json;
using CarrierSim.Server.Tests.Dialects.Probes;

namespace CarrierSim.Server.Tests.Dialects;

internal sealed class PlivoProbe : DialectProbe
{
    private const string AuthId = "MAPROBE0000000000000";

    public override string Dialect => "plivo";

    public override int ConflictStatus => 400;

    public override int FailureStatus => 400;

    public override IReadOnlyDictionary<string, string> Credentials { get; } = new Dictionary<string, string>
    {
        ["Authorization"] = "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(AuthId + ":token")),
    };

    public override Task<HttpResponseMessage> SearchAsync(HttpClient client, int quantity) =>
        client.GetAsync($"v1/Account/{AuthId}/PhoneNumber/?country_iso=US&pattern=919&limit={quantity}", Ct);

    public override IReadOnlyList<string> Numbers(JsonElement body) =>
        [.. body.GetProperty("objects").EnumerateArray().Select(n => "+" + n.GetProperty("number").GetString()!)];

    public override Task<HttpResponseMessage> OrderAsync(HttpClient client, IReadOnlyList<string> numbers, bool partialAllowed) =>
        client.PostAsJsonAsync($"v1/Account/{AuthId}/PhoneNumber/{Assert.Single(numbers).TrimStart('+')}/", new { }, Ct);

    public override void AssertConflict(JsonElement body)
    {
        Assert.True(Guid.TryParse(body.GetProperty("api_id").GetString(), out _));
        Assert.Contains("not available", body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    public override void AssertServerError(JsonElement body, int status) =>
        Assert.Equal(JsonValueKind.String, body.GetProperty("error").ValueKind);
}
