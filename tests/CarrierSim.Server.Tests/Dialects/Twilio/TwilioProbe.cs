using System.Text.Json;
using CarrierSim.Server.Dialects.Twilio;
using CarrierSim.Server.Tests.Dialects.Probes;

namespace CarrierSim.Server.Tests.Dialects.Twilio;

internal sealed class TwilioProbe : DialectProbe
{
    private static readonly string Account = "2010-04-01/Accounts/" + TwilioDialect.DefaultAccountSid;

    public override string Dialect => "twilio";

    public override int ConflictStatus => 400;

    public override int FailureStatus => 400;

    public override Task<HttpResponseMessage> SearchAsync(HttpClient client, int quantity) =>
        client.GetAsync($"{Account}/AvailablePhoneNumbers/US/Local.json?AreaCode=919&PageSize={quantity}", Ct);

    public override IReadOnlyList<string> Numbers(JsonElement body) =>
        [.. body.GetProperty("available_phone_numbers").EnumerateArray().Select(n => n.GetProperty("phone_number").GetString()!)];

    public override Task<HttpResponseMessage> OrderAsync(HttpClient client, IReadOnlyList<string> numbers, bool partialAllowed) =>
        client.PostAsync($"{Account}/IncomingPhoneNumbers.json", new FormUrlEncodedContent([KeyValuePair.Create("PhoneNumber", Assert.Single(numbers))]), Ct);

    public override void AssertConflict(JsonElement body) =>
        Assert.Equal(21422, body.GetProperty("code").GetInt32());

    public override void AssertFailure(JsonElement body)
    {
        Assert.Equal(21422, body.GetProperty("code").GetInt32());
        Assert.Contains("fulfilment", body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    public override void AssertServerError(JsonElement body, int status) =>
        Assert.Equal((20000 + status, status), (body.GetProperty("code").GetInt32(), body.GetProperty("status").GetInt32()));
}
