using System.Text.Json;
using CarrierSim.Core.Accounts;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;

namespace CarrierSim.Server.Tests.Dialects.Twilio;

/// <summary>Twilio's records as tenant state: exported from one simulation and imported into another, they answer the same.</summary>
public sealed class TwilioStateTests : TwoSimulatorTests
{
    private static readonly string[] Sids = [TwilioSdk.AccountSid("state-a"), TwilioSdk.AccountSid("state-b")];

    private static string Root(string sid) => $"2010-04-01/Accounts/{sid}";

    private static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, params (string Name, string Value)[] fields) =>
        client.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))), TestContext.Current.CancellationToken);

    private static async Task<string> BodyAsync(HttpClient client, string path)
    {
        var response = await client.Get(path);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return text;
    }

    /// <summary>Purchases, a release and an update of every setting, for one account; returns the sids it still has.</summary>
    private async Task<List<string>> ActAsync(HttpClient client, string sid, string areaCode)
    {
        var sids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var bought = await (await PostFormAsync(client, $"{Root(sid)}/IncomingPhoneNumbers.json", ("AreaCode", areaCode), ("FriendlyName", $"line {i}"), ("VoiceUrl", $"https://example.com/{i}"))).JsonAsync(201);
            sids.Add(bought.GetProperty("sid").GetString()!);
            First.Time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await client.DeleteAsync($"{Root(sid)}/IncomingPhoneNumbers/{sids[1]}.json", TestContext.Current.CancellationToken)).StatusCode);
        sids.RemoveAt(1);
        First.Time.Advance(TimeSpan.FromMinutes(1));
        await (await PostFormAsync(client, $"{Root(sid)}/IncomingPhoneNumbers/{sids[0]}.json",
            ("FriendlyName", "Updated"), ("ApiVersion", "2008-08-01"), ("SmsApplicationSid", "AP" + new string('a', 32)), ("SmsFallbackMethod", "GET"),
            ("SmsFallbackUrl", "https://example.com/sms-fallback"), ("SmsMethod", "GET"), ("SmsUrl", "https://example.com/sms"), ("StatusCallback", "https://example.com/status"),
            ("StatusCallbackMethod", "GET"), ("VoiceApplicationSid", "AP" + new string('b', 32)), ("VoiceCallerIdLookup", "true"), ("VoiceFallbackMethod", "GET"),
            ("VoiceFallbackUrl", "https://example.com/voice-fallback"), ("VoiceMethod", "GET"), ("VoiceUrl", "https://example.com/voice"), ("EmergencyStatus", "Active"),
            ("EmergencyAddressSid", "AD" + new string('c', 32)), ("TrunkSid", "TK" + new string('d', 32)), ("IdentitySid", "RI" + new string('e', 32)),
            ("AddressSid", "AD" + new string('f', 32)), ("VoiceReceiveMode", "fax"), ("BundleSid", "BU" + new string('1', 32)))).JsonAsync(200);
        return sids;
    }

    /// <summary>Every list and get answer of the account, in order.</summary>
    private static async Task<List<string>> AnswersAsync(HttpClient client, string sid, IEnumerable<string> sids)
    {
        List<string> answers =
        [
            await BodyAsync(client, $"{Root(sid)}/IncomingPhoneNumbers.json"),
            await BodyAsync(client, $"{Root(sid)}/IncomingPhoneNumbers/Local.json"),
            await BodyAsync(client, $"{Root(sid)}/IncomingPhoneNumbers.json?PageSize=1"),
        ];
        foreach (var one in sids)
        {
            answers.Add(await BodyAsync(client, $"{Root(sid)}/IncomingPhoneNumbers/{one}.json"));
        }

        return answers;
    }

    [Fact]
    public async Task ImportedAccountsAnswerListsAndGetsByteForByte()
    {
        var owners = new Dictionary<OwnerId, OwnerId>();
        var kept = new Dictionary<string, List<string>>();
        var numbers = new List<PhoneNumber>();
        // The copy makes a tenant of its own first, so the same accounts get other owner ids there.
        using (var stranger = TwilioSdk.Raw(Second, TwilioSdk.AccountSid("stranger")))
        {
            await TenantStateTransfer.TenantOfAsync(Second, "twilio", () => stranger.Get($"{Root(TwilioSdk.AccountSid("stranger"))}/IncomingPhoneNumbers.json"));
        }

        foreach (var (sid, areaCode) in Sids.Zip(["919", "415"]))
        {
            using var client = TwilioSdk.Raw(First, sid);
            using var copied = TwilioSdk.Raw(Second, sid);
            var tenant = await TenantStateTransfer.TenantOfAsync(First, "twilio", () => client.Get($"{Root(sid)}/IncomingPhoneNumbers.json"));
            var theirs = await TenantStateTransfer.TenantOfAsync(Second, "twilio", () => copied.Get($"{Root(sid)}/IncomingPhoneNumbers.json"));
            Assert.NotEqual(tenant.Owner, theirs.Owner);
            owners[tenant.Owner] = theirs.Owner;
            kept[sid] = await ActAsync(client, sid, areaCode);
            numbers.AddRange(First.Simulation.Inventory.OwnedBy(tenant.Owner));
        }

        TenantStateTransfer.Copy(First, Second, "twilio", owners, numbers);

        foreach (var sid in Sids)
        {
            using var client = TwilioSdk.Raw(First, sid);
            using var copied = TwilioSdk.Raw(Second, sid);
            var expected = await AnswersAsync(client, sid, kept[sid]);
            Assert.Equal(expected, await AnswersAsync(copied, sid, kept[sid]));
            var updated = JsonDocument.Parse(expected[^2]).RootElement;
            Assert.Equal(("Updated", "fax", "Active"), (updated.GetProperty("friendly_name").GetString(), updated.GetProperty("voice_receive_mode").GetString(), updated.GetProperty("emergency_status").GetString()));
        }

        AssertSameExports("twilio", owners);
    }

    [Fact]
    public async Task ImportingNothingRemovesTheOwnersRecordsOnly()
    {
        var tenants = new List<Account>();
        foreach (var (sid, areaCode) in Sids.Zip(["919", "415"]))
        {
            using var client = TwilioSdk.Raw(First, sid);
            tenants.Add(await TenantStateTransfer.TenantOfAsync(First, "twilio", () => client.Get($"{Root(sid)}/IncomingPhoneNumbers.json")));
            await ActAsync(client, sid, areaCode);
        }

        TenantStateTransfer.AssertImportingNothingEmptiesOnly(First.Simulation, "twilio", tenants[0].Owner, tenants[1].Owner);
        using var first = TwilioSdk.Raw(First, Sids[0]);
        var list = JsonDocument.Parse(await BodyAsync(first, $"{Root(Sids[0])}/IncomingPhoneNumbers.json")).RootElement;
        Assert.Equal(0, list.GetProperty("incoming_phone_numbers").GetArrayLength());
        using var other = TwilioSdk.Raw(First, Sids[1]);
        list = JsonDocument.Parse(await BodyAsync(other, $"{Root(Sids[1])}/IncomingPhoneNumbers.json")).RootElement;
        Assert.Equal(2, list.GetProperty("incoming_phone_numbers").GetArrayLength());
    }
}
