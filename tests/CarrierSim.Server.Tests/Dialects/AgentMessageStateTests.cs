using System.Net.Http.Json;
using System.Text.Json;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Server.Dialects.AgentMessage;
using CarrierSim.Server.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CarrierSim.Server.Tests.Dialects;

/// <summary>AgentMessage's records as tenant state: what one process exports, another imports and answers the same.</summary>
public sealed class AgentMessageStateTests() : TwoSimulatorTests(Declarations)
{
    private const string Campaign = "a1b2c3d4-1111-4222-8333-944455556666";
    private const string OtherCampaign = "b2c3d4e5-2222-4333-8444-a55566667777";
    private static readonly string[] Organizations = ["org_state1", "org_state2"];
    private static readonly string[] Keys = ["am_live_stateone", "am_live_statetwo"];

    private static readonly Dictionary<string, string?> Declarations = new()
    {
        ["CarrierSim:Accounts:0:Dialect"] = "agentmessage",
        ["CarrierSim:Accounts:0:Id"] = Organizations[0],
        ["CarrierSim:Accounts:0:Keys:0:Key"] = Keys[0],
        ["CarrierSim:Accounts:0:Campaigns:0:Id"] = Campaign,
        ["CarrierSim:Accounts:0:Campaigns:0:BrandStatus"] = "Verified",
        ["CarrierSim:Accounts:0:Campaigns:1:Id"] = OtherCampaign,
        ["CarrierSim:Accounts:0:Campaigns:1:BrandStatus"] = "Verified",
        ["CarrierSim:Accounts:1:Dialect"] = "agentmessage",
        ["CarrierSim:Accounts:1:Id"] = Organizations[1],
        ["CarrierSim:Accounts:1:Keys:0:Key"] = Keys[1],
    };

    private static AgentMessageStore StoreOf(TestSimulator sim) => sim.Services.GetServices<IDialect>().OfType<AgentMessageDialect>().Single().Store;

    private static OwnerId OwnerOf(TestSimulator sim, string organization) => sim.Simulation.Accounts.Find(AgentMessageDialect.Id, organization)!.Owner;

    private static async Task<string[]> SearchAsync(HttpClient client, object criteria)
    {
        var json = await (await client.PostJsonAsync("v1/phone-numbers/search", criteria)).JsonAsync(200);
        return [.. json.GetProperty("data").EnumerateArray().Select(n => n.GetProperty("number").GetString()!)];
    }

    private static async Task<JsonElement[]> AssignAsync(HttpClient client, object body) =>
        [.. (await (await client.PostJsonAsync("v1/phone-numbers/orders", body)).JsonAsync(200)).GetProperty("data").EnumerateArray()];

    private static async Task<string[]> IdsAsync(HttpClient client) =>
        [.. (await (await client.Get("v1/phone-numbers?limit=100")).JsonAsync(200)).GetProperty("data").EnumerateArray().Select(n => n.GetProperty("id").GetString()!)];

    /// <summary>Local and toll-free numbers with routing, labels and campaigns, one updated, one released; a second organization with one number.</summary>
    private async Task PopulateAsync()
    {
        var one = First.AgentMessage(Keys[0]);
        var local = await AssignAsync(one, new
        {
            numbers = await SearchAsync(one, new { area_code = "415", quantity = 3 }),
            inbound_url = "https://hooks.example.com/inbound",
            status_url = "https://hooks.example.com/status",
            label = "support line",
            campaign_id = Campaign,
        });
        First.Time.Advance(TimeSpan.FromSeconds(5));
        await AssignAsync(one, new { numbers = await SearchAsync(one, new { number_type = "toll_free", area_code = "888", quantity = 1 }), label = "toll free" });
        First.Time.Advance(TimeSpan.FromSeconds(5));
        await (await one.PatchAsJsonAsync($"v1/phone-numbers/{local[0].GetProperty("id").GetString()}", new
        {
            inbound_url = "https://hooks.example.com/v2/inbound",
            status_url = "https://hooks.example.com/v2/status",
            label = "sales line",
            campaign_id = OtherCampaign,
        }, TestContext.Current.CancellationToken)).JsonAsync(200);
        await (await one.DeleteAsync($"v1/phone-numbers/{local[1].GetProperty("id").GetString()}", TestContext.Current.CancellationToken)).JsonAsync(200);
        First.Time.Advance(TimeSpan.FromSeconds(5));

        var two = First.AgentMessage(Keys[1]);
        await AssignAsync(two, new { numbers = await SearchAsync(two, new { area_code = "212", quantity = 1 }), inbound_url = "https://two.example.com/in" });
    }

    /// <summary>Creates each organization's tenant in the second simulator, then copies it there; returns each one's owner in both.</summary>
    private Task<(OwnerId First, OwnerId Second)[]> CopyAsync() =>
        CopyTenantsAsync(
            AgentMessageDialect.Id,
            Enumerable.Range(0, Organizations.Length),
            async i => await (await Second.AgentMessage(Keys[i]).Get("v1/phone-numbers")).JsonAsync(200),
            (sim, i) => OwnerOf(sim, Organizations[i]));

    [Fact]
    public async Task AnImportedOrganizationAnswersTheSame()
    {
        await PopulateAsync();

        var owners = await CopyAsync();

        foreach (var key in Keys)
        {
            var (first, second) = (First.AgentMessage(key), Second.AgentMessage(key));
            var ids = await IdsAsync(first);
            Assert.NotEmpty(ids);
            await TenantStateTransfer.AssertSameAnswersAsync(first, second, [
                "v1/phone-numbers", "v1/phone-numbers?limit=1", "v1/phone-numbers?number_type=toll_free", $"v1/phone-numbers?campaign_id={OtherCampaign}",
                "v1/phone-numbers?search=line", .. ids.Select(id => $"v1/phone-numbers/{id}")]);
        }

        foreach (var (first, second) in owners)
        {
            TenantStateTransfer.AssertSameRecords(StoreOf(First).List(first), StoreOf(Second).List(second), second);
        }
    }

    [Fact]
    public async Task TheNumberIndexAcrossOrganizationsIsRebuiltFromImportedRecords()
    {
        await PopulateAsync();

        var owners = await CopyAsync();

        foreach (var (first, second) in owners)
        {
            foreach (var record in StoreOf(First).List(first))
            {
                Assert.Equal(record.Id, StoreOf(Second).FindByNumber(record.Number)?.Id);
                Assert.Equal(second, StoreOf(Second).FindByNumber(record.Number)?.Owner);
            }
        }
    }

    [Fact]
    public async Task ExportAfterImportGivesTheSameBytes()
    {
        await PopulateAsync();

        var owners = await CopyAsync();

        AssertSameExports(AgentMessageDialect.Id, owners);
    }

    [Fact]
    public async Task ImportingNothingRemovesTheOrganizationsRecordsOnly()
    {
        await PopulateAsync();
        var owners = await CopyAsync();
        var component = TenantStateTransfer.Component(Second.Simulation, AgentMessageDialect.Id);
        var one = Second.AgentMessage(Keys[0]);
        var ids = await IdsAsync(one);
        var numbers = StoreOf(Second).List(owners[0].Second).Select(r => r.Number).ToList();

        component.Import(owners[0].Second, []);

        Assert.Null(component.Export(owners[0].Second));
        Assert.Empty(await IdsAsync(one));
        await (await one.Get($"v1/phone-numbers/{ids[0]}")).JsonAsync(404);
        Assert.All(numbers, n => Assert.Null(StoreOf(Second).FindByNumber(n)));
        Assert.Single(await IdsAsync(Second.AgentMessage(Keys[1])));
    }

    [Fact]
    public async Task ImportRestoresTheStoredRecordsWhateverChangedHere()
    {
        await PopulateAsync();
        var owners = await CopyAsync();
        var one = Second.AgentMessage(Keys[0]);
        var stale = TenantStateTransfer.Component(Second.Simulation, AgentMessageDialect.Id).Export(owners[0].Second);
        var id = (await IdsAsync(one))[0];
        var released = StoreOf(Second).Find(owners[0].Second, Guid.Parse(id))!.Number;

        await (await one.DeleteAsync($"v1/phone-numbers/{id}", TestContext.Current.CancellationToken)).JsonAsync(200);
        Assert.Null(StoreOf(Second).FindByNumber(released));
        TenantStateTransfer.Component(Second.Simulation, AgentMessageDialect.Id).Import(owners[0].Second, stale);

        Assert.Equal(Guid.Parse(id), StoreOf(Second).FindByNumber(released)?.Id);
        Assert.Contains(id, await IdsAsync(one));
        Assert.Equal(stale, TenantStateTransfer.Component(Second.Simulation, AgentMessageDialect.Id).Export(owners[0].Second));
        Assert.Equal(NumberType.TollFree, Assert.Single(StoreOf(Second).List(owners[0].Second), r => r.Number.IsTollFree).Type);
    }
}
