using CarrierSim.Core;
using CarrierSim.Core.Chaos;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Core.State;
using CarrierSim.Server.Dialects.IdentityCall;
using CarrierSim.Server.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CarrierSim.Server.Tests.Dialects;

/// <summary>IdentityCall's virtual numbers as tenant state: what one process exports, another imports and answers the same.</summary>
public sealed class IdentityCallStateTests() : TwoSimulatorTests(Declarations)
{
    private const string Base = "api/v1/public/virtual_numbers";
    private static readonly string[] Accounts = ["state_acme", "state_other"];
    private static readonly string AcmeKey = Key("stateacme");
    private static readonly string ProjectKey = Key("stateproject");
    private static readonly string OtherKey = Key("stateother");

    private static readonly Dictionary<string, string?> Declarations = new()
    {
        ["CarrierSim:Accounts:0:Dialect"] = "identitycall",
        ["CarrierSim:Accounts:0:Id"] = Accounts[0],
        ["CarrierSim:Accounts:0:Keys:0:Key"] = AcmeKey,
        ["CarrierSim:Accounts:0:Keys:1:Key"] = ProjectKey,
        ["CarrierSim:Accounts:0:Keys:1:Project"] = "project-state",
        ["CarrierSim:Accounts:1:Dialect"] = "identitycall",
        ["CarrierSim:Accounts:1:Id"] = Accounts[1],
        ["CarrierSim:Accounts:1:Keys:0:Key"] = OtherKey,
    };

    private long _released;
    private PhoneNumber _adopted;

    /// <summary>A well-formed key: idc_ and 32 alphanumerics.</summary>
    private static string Key(string name) => "idc_" + name.PadRight(32, '0');

    private static IdentityCallStore StoreOf(TestSimulator sim) => sim.Services.GetServices<IDialect>().OfType<IdentityCallDialect>().Single().Store;

    private static DialectCaller CallerOf(TestSimulator sim, string account) => new(sim.Simulation.Accounts.Find(IdentityCallDialect.Id, account)!, null);

    private static async Task<string[]> SearchAsync(HttpClient client, string query) =>
        [.. (await (await client.Get($"{Base}/available?{query}")).JsonAsync(200)).GetProperty("data").EnumerateArray().Select(n => n.GetProperty("phone_number").GetString()!)];

    private static async Task<long> PurchaseAsync(HttpClient client, object body) =>
        (await (await client.PostJsonAsync($"{Base}/purchase", body)).JsonAsync(201)).GetProperty("data").GetProperty("id").GetInt64();

    private static async Task<long[]> IdsAsync(HttpClient client) =>
        [.. (await (await client.Get(Base)).JsonAsync(200)).GetProperty("data").EnumerateArray().Select(n => n.GetProperty("id").GetInt64())];

    /// <summary>Numbers bought with a name, abroad, by a project key; one adopted from the inventory, one taken away; a second account with one.</summary>
    private async Task PopulateAsync()
    {
        var acme = First.IdentityCall(AcmeKey);
        var local = await SearchAsync(acme, "country=US&number_type=local");
        await PurchaseAsync(acme, new { phone_number = local[0], name = "Main Line" });
        First.Time.Advance(TimeSpan.FromSeconds(3));
        await PurchaseAsync(acme, new { phone_number = (await SearchAsync(acme, "country=GB&number_type=local"))[0], country_code = "GB", number_type = "local" });
        await PurchaseAsync(First.IdentityCall(ProjectKey), new { phone_number = local[1], name = "Project Line", number_type = "local" });
        _released = await PurchaseAsync(acme, new { phone_number = local[2] });
        First.Time.Advance(TimeSpan.FromSeconds(3));

        // The control plane gives the account a number (adopted on the next read) and takes one away.
        var owner = CallerOf(First, Accounts[0]).Account.Owner;
        _adopted = PhoneNumber.Parse(local[3]).Value;
        First.Simulation.Inventory.Force(_adopted, NumberStatus.OwnedBy(owner));
        First.Simulation.Inventory.Force(PhoneNumber.Parse(local[2]).Value, NumberStatus.Available);
        await IdsAsync(acme);

        var other = First.IdentityCall(OtherKey);
        await PurchaseAsync(other, new { phone_number = (await SearchAsync(other, "country=US"))[5], name = "Other" });
    }

    /// <summary>Opens each account in the second simulator (by its account-wide key), then copies it there; returns each one's owner in both.</summary>
    private Task<(OwnerId First, OwnerId Second)[]> CopyAsync() =>
        CopyTenantsAsync(
            IdentityCallDialect.Id,
            Accounts.Zip([AcmeKey, OtherKey], (account, key) => (Account: account, Key: key)),
            async tenant => await (await Second.IdentityCall(tenant.Key).Get(Base)).JsonAsync(200),
            (sim, tenant) => CallerOf(sim, tenant.Account).Account.Owner);

    [Fact]
    public async Task AnImportedAccountAnswersTheSame()
    {
        await PopulateAsync();

        await CopyAsync();

        foreach (var key in new[] { AcmeKey, ProjectKey, OtherKey })
        {
            var (first, second) = (First.IdentityCall(key), Second.IdentityCall(key));
            var ids = await IdsAsync(first);
            Assert.NotEmpty(ids);
            await TenantStateTransfer.AssertSameAnswersAsync(first, second, [Base, $"{Base}/{_released}", .. ids.Select(id => $"{Base}/{id}")]);
        }

        foreach (var account in Accounts)
        {
            TenantStateTransfer.AssertSameRecords(StoreOf(First).List(CallerOf(First, account)), StoreOf(Second).List(CallerOf(Second, account)), CallerOf(Second, account).Account.Owner);
        }

        Assert.Equal(4, (await IdsAsync(Second.IdentityCall(AcmeKey))).Length);
        Assert.Single(await IdsAsync(Second.IdentityCall(ProjectKey)));
    }

    [Fact]
    public async Task ExportAfterImportGivesTheSameBytes()
    {
        await PopulateAsync();

        var owners = await CopyAsync();

        AssertSameExports(IdentityCallDialect.Id, owners);
    }

    [Fact]
    public async Task ImportingNothingRemovesTheAccountsRecordsOnly()
    {
        await PopulateAsync();
        var owners = await CopyAsync();
        var component = TenantStateTransfer.Component(Second.Simulation, IdentityCallDialect.Id);
        var ids = await IdsAsync(Second.IdentityCall(AcmeKey));
        Assert.NotNull(StoreOf(Second).FindOwned(owners[0].Second, _adopted));

        component.Import(owners[0].Second, []);

        Assert.Null(component.Export(owners[0].Second));
        Assert.Null(StoreOf(Second).FindOwned(owners[0].Second, _adopted));
        await (await Second.IdentityCall(AcmeKey).Get($"{Base}/{ids[0]}")).JsonAsync(404);
        Assert.Single(await IdsAsync(Second.IdentityCall(OtherKey)));
    }

    [Fact]
    public async Task PurchasesAfterAnImportGetIdsPastTheImportedOnes()
    {
        await PopulateAsync();
        await CopyAsync();
        var imported = await IdsAsync(Second.IdentityCall(AcmeKey));

        var bought = await PurchaseAsync(Second.IdentityCall(OtherKey), new { phone_number = (await SearchAsync(Second.IdentityCall(OtherKey), "country=US"))[7] });

        Assert.True(bought > imported.Max(), $"{bought} after {string.Join(", ", imported)}");
    }

    [Fact]
    public void WithASharedStoreIdsComeFromItsCounterAndInMemoryFromTheStoresOwn()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var database = new InMemoryStateStore();

        var shared = Ids(() => new SharedMemoryStore(database));
        var separate = Ids(() => null);

        Assert.Equal([1L, 2L, 3L, 4L], shared);
        Assert.Equal([1L, 1L, 2L, 2L], separate);
        Assert.Equal(5L, database.Reserve("identitycall.numbers", 1));

        long[] Ids(Func<IStateStore?> store)
        {
            var (one, two) = (Process(store()), Process(store()));
            return [Buy(one, 0), Buy(two, 1), Buy(one, 2), Buy(two, 3)];
        }

        (IdentityCallStore Store, DialectCaller Caller, PhoneNumber[] Numbers) Process(IStateStore? store)
        {
            var simulation = TenantStateTransfer.NewSimulation(time, store);
            var records = new IdentityCallStore(simulation);
            simulation.Orders.Project(IdentityCallDialect.Id, records);
            var numbers = simulation.Inventory.Search(new SearchCriteria { AreaCode = Npa.Parse("919").Value, Quantity = 4 }).Select(n => n.Number).ToArray();
            return (records, new DialectCaller(simulation.Accounts.ResolveUndeclared(IdentityCallDialect.Id, AcmeKey), null), numbers);
        }

        static long Buy((IdentityCallStore Store, DialectCaller Caller, PhoneNumber[] Numbers) process, int index)
        {
            var (record, placed) = process.Store.Purchase(process.Caller, process.Numbers[index], new PurchaseDetails(null, "n", "US", NumberType.Local), ChaosDecision.None);
            Assert.NotNull(placed.Order);
            return record!.Id;
        }
    }
}
