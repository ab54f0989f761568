using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CarrierSim.Core.Accounts;
using CarrierSim.Core.Inventory;

namespace CarrierSim.Server.Tests.Dialects;

/// <summary>Plivo's rented numbers as tenant state: exported from one simulation and imported into another, they answer the same.</summary>
public sealed class PlivoStateTests : TwoSimulatorTests
{
    private static readonly string[] AuthIds = ["MA2025RK4E639VJFZAGV", "MAOTHERACCOUNT000001"];

    private static HttpClient Client(TestSimulator sim, string authId)
    {
        var client = sim.Anonymous("plivo");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{authId}:s3cr3t_token")));
        return client;
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string body) =>
        client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

    /// <summary>An answer without its <c>api_id</c>, which names the request, not the state.</summary>
    private static async Task<string> StateOfAsync(HttpClient client, string path)
    {
        var json = (await (await client.Get(path)).JsonAsync(200)).GetRawText();
        var node = JsonNode.Parse(json)!.AsObject();
        Assert.True(node.Remove("api_id"), $"{path} answered no api_id: {json}");
        return node.ToJsonString();
    }

    /// <summary>Rents four numbers, releases one and changes every field of two; returns the digits still rented.</summary>
    private async Task<List<string>> ActAsync(HttpClient client, string authId)
    {
        var found = await (await client.Get($"v1/Account/{authId}/PhoneNumber/?country_iso=US&npanxx=919733&limit=4")).JsonAsync(200);
        var digits = found.GetProperty("objects").EnumerateArray().Select(n => n.GetProperty("number").GetString()!).ToList();
        Assert.Equal(4, digits.Count);
        foreach (var (number, i) in digits.Select((n, i) => (n, i)))
        {
            var body = i % 2 == 0 ? "{}" : $$"""{"app_id":"app-{{i}}","cnam_lookup":"enabled"}""";
            await (await PostAsync(client, $"v1/Account/{authId}/PhoneNumber/{number}/", body)).JsonAsync(201);
            First.Time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"v1/Account/{authId}/Number/{digits[2]}/", TestContext.Current.CancellationToken)).StatusCode);
        digits.RemoveAt(2);
        await (await PostAsync(client, $"v1/Account/{authId}/Number/{digits[0]}/",
            """{"alias":"Front desk","app_id":"app-x","subaccount":"SAMYSUBACCOUNT0000001","cnam_lookup":"enabled","cnam":"ACME","compliance_application_id":"ca-1"}""")).JsonAsync(202);
        await (await PostAsync(client, $"v1/Account/{authId}/Number/{digits[1]}/", """{"alias":"Back office","cnam_lookup":"disabled"}""")).JsonAsync(202);
        return digits;
    }

    private static async Task<List<string>> AnswersAsync(HttpClient client, string authId, IEnumerable<string> digits)
    {
        List<string> answers =
        [
            await StateOfAsync(client, $"v1/Account/{authId}/Number/"),
            await StateOfAsync(client, $"v1/Account/{authId}/Number/?limit=1&offset=1"),
        ];
        foreach (var number in digits)
        {
            answers.Add(await StateOfAsync(client, $"v1/Account/{authId}/Number/{number}/"));
        }

        return answers;
    }

    private static Task<Account> TenantAsync(TestSimulator sim, HttpClient client, string authId) =>
        TenantStateTransfer.TenantOfAsync(sim, "plivo", () => client.Get($"v1/Account/{authId}/Number/"));

    [Fact]
    public async Task ImportedAccountsAnswerListsAndGetsByteForByte()
    {
        using (var stranger = Client(Second, "MASTRANGER0000000001"))
        {
            await TenantAsync(Second, stranger, "MASTRANGER0000000001");
        }

        var owners = new Dictionary<OwnerId, OwnerId>();
        var kept = new Dictionary<string, List<string>>();
        foreach (var authId in AuthIds)
        {
            using var client = Client(First, authId);
            using var copied = Client(Second, authId);
            var tenant = await TenantAsync(First, client, authId);
            var theirs = await TenantAsync(Second, copied, authId);
            Assert.NotEqual(tenant.Owner, theirs.Owner);
            owners[tenant.Owner] = theirs.Owner;
            kept[authId] = await ActAsync(client, authId);
        }

        TenantStateTransfer.Copy(First, Second, "plivo", owners, []);

        foreach (var authId in AuthIds)
        {
            using var client = Client(First, authId);
            using var copied = Client(Second, authId);
            var expected = await AnswersAsync(client, authId, kept[authId]);
            Assert.Equal(expected, await AnswersAsync(copied, authId, kept[authId]));
            Assert.Contains("\"alias\":\"Front desk\"", expected[2], StringComparison.Ordinal);
            Assert.Contains("\"sub_account\":\"SAMYSUBACCOUNT0000001\"", expected[2], StringComparison.Ordinal);
        }

        AssertSameExports("plivo", owners);
    }

    [Fact]
    public async Task ImportingNothingRemovesTheOwnersRecordsOnly()
    {
        var tenants = new List<Account>();
        foreach (var authId in AuthIds)
        {
            using var client = Client(First, authId);
            tenants.Add(await TenantAsync(First, client, authId));
            await ActAsync(client, authId);
        }

        TenantStateTransfer.AssertImportingNothingEmptiesOnly(First.Simulation, "plivo", tenants[0].Owner, tenants[1].Owner);
        using var first = Client(First, AuthIds[0]);
        Assert.Equal(0, (await (await first.Get($"v1/Account/{AuthIds[0]}/Number/")).JsonAsync(200)).GetProperty("objects").GetArrayLength());
    }
}
