using System.Globalization;
using System.Text.Json;
using CarrierSim.Server.Tests.Dialects.Probes;

namespace CarrierSim.Server.Tests.Dialects;

internal sealed class BandwidthProbe : DialectProbe
{
    public override string Dialect => "bandwidth";

    public override string MediaType => "application/xml";

    /// <summary>Bandwidth accepts an order for a taken number (201 RECEIVED) and fails it when it settles (5005).</summary>
    public override bool RaceAccepted => true;

    public override Task<HttpResponseMessage> SearchAsync(HttpClient client, int quantity) =>
        client.GetAsync($"api/accounts/9900000/availableNumbers?areaCode=919&quantity={quantity}", Ct);

    public override IReadOnlyList<string> Numbers(JsonElement body) =>
        [.. Xml(body).Descendants("TelephoneNumber").Select(n => "+1" + n.Value)];

    public override Task<HttpResponseMessage> OrderAsync(HttpClient client, IReadOnlyList<string> numbers, bool partialAllowed) =>
        client.PostAsync("api/accounts/9900000/orders", new StringContent(
            $"<Order><ExistingTelephoneNumberOrderType><TelephoneNumberList>{string.Concat(numbers.Select(n => $"<TelephoneNumber>{n[2..]}</TelephoneNumber>"))}</TelephoneNumberList></ExistingTelephoneNumberOrderType><PartialAllowed>{(partialAllowed ? "true" : "false")}</PartialAllowed><SiteId>743</SiteId></Order>",
            System.Text.Encoding.UTF8, "application/xml"), Ct);

    public override void AssertConflict(JsonElement body) =>
        throw new NotSupportedException("Bandwidth never refuses a taken number at once: the order fails when it settles.");

    public override void AssertServerError(JsonElement body, int status)
    {
        var error = Xml(body).Element("ErrorList")!.Element("Error")!;
        Assert.Equal(status.ToString(CultureInfo.InvariantCulture), error.Element("Code")!.Value);
        Assert.False(string.IsNullOrEmpty(error.Element("Description")!.Value));
    }
}
