using System.Text;
using CarrierSim.Core.Inventory;
using CarrierSim.Server.Dialects.DialNexa;
using CarrierSim.Server.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CarrierSim.Server.Tests.Dialects;

/// <summary>DialNexa's records as tenant state: what one process exports, another imports and answers the same.</summary>
public sealed class DialNexaStateTests : IAsyncLifetime
{
    private const string Numbers = "v1/organization-phone-numbers";
    private static readonly string[] KeyIds = ["key_statea", "key_stateb"];

    private TestSimulator _first = null!;
    private TestSimulator _second = null!;
    private string _pending = "";

    public async ValueTask InitializeAsync()
    {
        _first = await TestSimulator.StartAsync();
        _second = await TestSimulator.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
    }

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
        var a = Client(_first, KeyIds[0]);
        var updated = await PurchaseAsync(a, new { phone_number = await SearchAsync(a, "country_iso=US&type=local") });
        await PurchaseAsync(a, new { phone_number = await SearchAsync(a, "country_iso=GB"), provider = "twilio" });
        var released = await PurchaseAsync(a, new { phone_number = await SearchAsync(a, "country_iso=US&type=local&pattern=919") });
        _first.Time.Advance(TimeSpan.FromSeconds(2));
        await (await a.PatchAsync($"{Numbers}/{updated}", new StringContent("""{"agent_id":"agt_state1","nickname":"Front Desk","label":"Main Line"}""", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken)).JsonAsync(200);
        await (await a.DeleteAsync($"{Numbers}/{released}", TestContext.Current.CancellationToken)).JsonAsync(200);
        _pending = await PurchaseAsync(a, new { phone_number = await SearchAsync(a, "country_iso=US&type=tollfree") });

        var b = Client(_first, KeyIds[1]);
        await PurchaseAsync(b, new { phone_number = await SearchAsync(b, "country_iso=CA") });
        _first.Time.Advance(TimeSpan.FromMilliseconds(400));
    }

    private async Task<(OwnerId First, OwnerId Second)[]> CopyAsync()
    {
        _second.Time.SetUtcNow(_first.Time.GetUtcNow());
        var owners = new List<(OwnerId, OwnerId)>();
        foreach (var keyId in KeyIds)
        {
            await (await Client(_second, keyId).Get(Numbers)).JsonAsync(200);
            var (first, second) = (OwnerOf(_first, keyId), OwnerOf(_second, keyId));
            TenantStateTransfer.Copy(_first.Simulation, first, _second.Simulation, second, DialNexaDialect.Id);
            owners.Add((first, second));
        }

        return [.. owners];
    }

    private async Task AssertSameAnswersAsync()
    {
        foreach (var keyId in KeyIds)
        {
            var (first, second) = (Client(_first, keyId), Client(_second, keyId));
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
            TenantStateTransfer.AssertSameRecords(StoreOf(_first).List(first), StoreOf(_second).List(second), second);
        }

        Assert.Equal("pending", StoreOf(_second).Peek(_pending)!.Status);
        _first.Time.Advance(TimeSpan.FromSeconds(1));
        _second.Time.Advance(TimeSpan.FromSeconds(1));
        await AssertSameAnswersAsync();
        Assert.Equal("active", StoreOf(_second).Peek(_pending)!.Status);
    }

    [Fact]
    public async Task ExportAfterImportGivesTheSameBytes()
    {
        await PopulateAsync();

        var owners = await CopyAsync();

        foreach (var (first, second) in owners)
        {
            var exported = TenantStateTransfer.Component(_first.Simulation, DialNexaDialect.Id).Export(first);
            Assert.NotNull(exported);
            Assert.Equal(exported, TenantStateTransfer.Component(_second.Simulation, DialNexaDialect.Id).Export(second));
        }
    }

    [Fact]
    public async Task ImportingNothingRemovesTheWorkspacesRecordsOnly()
    {
        await PopulateAsync();
        var owners = await CopyAsync();
        var component = TenantStateTransfer.Component(_second.Simulation, DialNexaDialect.Id);
        var a = Client(_second, KeyIds[0]);
        var ids = await IdsAsync(a);

        component.Import(owners[0].Second, []);

        Assert.Null(component.Export(owners[0].Second));
        Assert.Empty(await IdsAsync(a));
        await (await a.Get($"{Numbers}/{ids[0]}")).JsonAsync(404);
        Assert.Null(StoreOf(_second).Peek(ids[0]));
        Assert.Single(await IdsAsync(Client(_second, KeyIds[1])));
    }

    [Fact]
    public async Task AWorkspaceWithNoNumbersExportsNothing()
    {
        await (await Client(_first, KeyIds[0]).Get(Numbers)).JsonAsync(200);

        Assert.Null(TenantStateTransfer.Component(_first.Simulation, DialNexaDialect.Id).Export(OwnerOf(_first, KeyIds[0])));
    }
}
