using System.Text;
using CarrierSim.Core.Inventory;
using CarrierSim.Server.Dialects.DialNexa;
using CarrierSim.Server.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CarrierSim.Server.Tests.Dialects;

/// <summary>DialNexa's records as tenant state: what one process exports, another imports and answers the same.</summary>
public sealed class DialNexaStateTests : TwoSimulatorTests
{
    private const string Numbers = "v1/organization-phone-numbers";
    private static readonly string[] KeyIds = ["key_statea", "key_stateb"];

    private string _pending = "";

    private static HttpClient Client(TestSimulator sim, string keyId) => sim.DialNexa($"{keyId}:secret_state");

    private static DialNexaStore StoreOf(TestSimulator sim) => sim.Services.GetServices<IDialect>().OfType<DialNexaDialect>().Single().Store;

    private static OwnerId OwnerOf(TestSimulator sim, string keyId) => sim.Simulation.Accounts.Find(DialNexaDialect.Id, keyId)!.Owner;

    private static async Task<string> SearchAsync(HttpClient client, string query) =>
        (await (await client.Get($"{Numbers}/plivo-numbers?{query}&limit=1")).JsonAsync(200)).GetProperty("objects")[0].GetProperty("number").GetString()!;

    private static async Task<string> PurchaseAsync(HttpClient client, object body) =>
        (await (await client.PostJsonAsync($"{Numbers}/purchase", body)).JsonAsync(201)).GetProperty("id").GetString()!;

    private static async Task<string[]> IdsAsync(HttpClient client) =>
        [.. (await (await client.Get($"{Numbers}?limit=100")).JsonAsync(200)).GetProperty("data").EnumerateArray().Select(n => n.GetProperty("id").GetString()!)];

    /// <summary>Active numbers of two countries and providers (one updated), a released one and a pending one; a second workspace with a pending number.</summary>
    private async Task PopulateAsync()
    {
        var a = Client(First, KeyIds[0]);
        var updated = await PurchaseAsync(a, new { phone_number = await SearchAsync(a, "country_iso=US&type=local") });
        await PurchaseAsync(a, new { phone_number = await SearchAsync(a, "country_iso=GB"), provider = "twilio" });
        var released = await PurchaseAsync(a, new { phone_number = await SearchAsync(a, "country_iso=US&type=local&pattern=919") });
        First.Time.Advance(TimeSpan.FromSeconds(2));
        await (await a.PatchAsync($"{Numbers}/{updated}", new StringContent("""{"agent_id":"agt_state1","nickname":"Front Desk","label":"Main Line"}""", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken)).JsonAsync(200);
        await (await a.DeleteAsync($"{Numbers}/{released}", TestContext.Current.CancellationToken)).JsonAsync(200);
        _pending = await PurchaseAsync(a, new { phone_number = await SearchAsync(a, "country_iso=US&type=tollfree") });

        var b = Client(First, KeyIds[1]);
        await PurchaseAsync(b, new { phone_number = await SearchAsync(b, "country_iso=CA") });
        First.Time.Advance(TimeSpan.FromMilliseconds(400));
    }

    /// <summary>Creates each workspace in the second simulator, then copies it there; returns each one's owner in both.</summary>
    private Task<(OwnerId First, OwnerId Second)[]> CopyAsync() =>
        CopyTenantsAsync(DialNexaDialect.Id, KeyIds, async keyId => await (await Client(Second, keyId).Get(Numbers)).JsonAsync(200), OwnerOf);

    private async Task AssertSameAnswersAsync()
    {
        foreach (var keyId in KeyIds)
        {
            var (first, second) = (Client(First, keyId), Client(Second, keyId));
            var ids = await IdsAsync(first);
            Assert.NotEmpty(ids);
            await TenantStateTransfer.AssertSameAnswersAsync(first, second, [
                Numbers, $"{Numbers}?limit=1&page=2", $"{Numbers}?country_code=GB", $"{Numbers}?country_code=US&type=local",
                $"{Numbers}?type=toll_free", .. ids.Select(id => $"{Numbers}/{id}")]);
        }
    }

    [Fact]
    public async Task AnImportedWorkspaceAnswersTheSameAndItsPendingNumbersActivateTheSame()
    {
        await PopulateAsync();

        var owners = await CopyAsync();

        await AssertSameAnswersAsync();
        foreach (var (first, second) in owners)
        {
            TenantStateTransfer.AssertSameRecords(StoreOf(First).List(first), StoreOf(Second).List(second), second);
        }

        Assert.Equal("pending", StoreOf(Second).Peek(_pending)!.Status);
        First.Time.Advance(TimeSpan.FromSeconds(1));
        Second.Time.Advance(TimeSpan.FromSeconds(1));
        await AssertSameAnswersAsync();
        Assert.Equal("active", StoreOf(Second).Peek(_pending)!.Status);
    }

    [Fact]
    public async Task ExportAfterImportGivesTheSameBytes()
    {
        await PopulateAsync();

        var owners = await CopyAsync();

        AssertSameExports(DialNexaDialect.Id, owners);
    }

    [Fact]
    public async Task ImportingNothingRemovesTheWorkspacesRecordsOnly()
    {
        await PopulateAsync();
        var owners = await CopyAsync();
        var component = TenantStateTransfer.Component(Second.Simulation, DialNexaDialect.Id);
        var a = Client(Second, KeyIds[0]);
        var ids = await IdsAsync(a);

        component.Import(owners[0].Second, []);

        Assert.Null(component.Export(owners[0].Second));
        Assert.Empty(await IdsAsync(a));
        await (await a.Get($"{Numbers}/{ids[0]}")).JsonAsync(404);
        Assert.Null(StoreOf(Second).Peek(ids[0]));
        Assert.Single(await IdsAsync(Client(Second, KeyIds[1])));
    }

    [Fact]
    public async Task AWorkspaceWithNoNumbersExportsNothing()
    {
        await (await Client(First, KeyIds[0]).Get(Numbers)).JsonAsync(200);

        Assert.Null(TenantStateTransfer.Component(First.Simulation, DialNexaDialect.Id).Export(OwnerOf(First, KeyIds[0])));
    }
}
