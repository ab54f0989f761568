using System.Text;
using System.Text.Json;
using CarrierSim.Core.Inventory;
using CarrierSim.Server.Dialects.DialStack;
using CarrierSim.Server.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CarrierSim.Server.Tests.Dialects;

/// <summary>DialStack's rows as tenant state: what one process exports, another imports and answers the same.</summary>
public sealed class DialStackStateTests : TwoSimulatorTests
{
    private const string Key = "sk_test_statestore";
    private static readonly string[] Accounts = ["acct_alpha1", "acct_beta2"];

    private string _pendingOrder = "";

    private static DialStackStore StoreOf(TestSimulator sim) => sim.Services.GetServices<IDialect>().OfType<DialStackDialect>().Single().Store;

    private static OwnerId OwnerOf(TestSimulator sim, string account) => sim.Simulation.Accounts.Find(DialStackDialect.Id, $"{Key}/{account}")!.Owner;

    private static async Task<string[]> SearchAsync(HttpClient client, string query)
    {
        var json = await (await client.Get($"v1/available-phone-numbers?{query}")).JsonAsync(200);
        return [.. json.GetProperty("data").EnumerateArray().Select(n => n.GetProperty("phone_number").GetString()!)];
    }

    private static async Task<JsonElement> OrderAsync(HttpClient client, object body) =>
        await (await client.PostJsonAsync("v1/phone-number-orders", body)).JsonAsync(201);

    private static async Task<string[]> RowIdsAsync(HttpClient client) =>
        [.. (await (await client.Get("v1/phone-numbers?limit=100")).JsonAsync(200)).GetProperty("data").EnumerateArray().Select(d => d.GetProperty("id").GetString()!)];

    private static async Task<string[]> OrderIdsAsync(HttpClient client) =>
        [.. (await (await client.Get("v1/phone-number-orders?limit=100")).JsonAsync(200)).GetProperty("data").EnumerateArray().Select(d => d.GetProperty("id").GetString()!)];

    /// <summary>Settled, pending and released rows, every updatable field changed, a routed row; a second tenant with one row.</summary>
    private async Task PopulateAsync()
    {
        var alpha = First.DialStack(Key, Accounts[0]);
        var settled = await SearchAsync(alpha, "area_code=919&quantity=3");
        await OrderAsync(alpha, new { phone_numbers = settled });
        First.Time.Advance(TimeSpan.FromSeconds(2));

        var rows = (await (await alpha.Get("v1/phone-numbers?status=active")).JsonAsync(200)).GetProperty("data");
        var (updated, routed, released) = (rows[0].GetProperty("id").GetString(), rows[1].GetProperty("id").GetString(), rows[2].GetProperty("phone_number").GetString());
        await (await alpha.PostRawAsync($"v1/phone-numbers/{updated}", """
            {"outbound_enabled":false,"fax_enabled":true,"status":"inactive","caller_id_name":"ACME SUPPORT","caller_id_prefix":"VIP",
             "caller_id_visibility":"PRIVATE","directory_listing_name":"Acme Corp","directory_listing_type":"non_published",
             "directory_listing_location":"Raleigh, NC","config":{"recording":{"enabled":true},"tags":["a",1,2.50]}}
            """)).JsonAsync(200);
        await (await alpha.PostRawAsync($"v1/phone-numbers/{routed}/route", """{"routing_target":"rg_01state"}""")).JsonAsync(200);
        First.Time.Advance(TimeSpan.FromSeconds(3));
        await OrderAsync(alpha, new { phone_numbers = new[] { released }, order_type = "disconnect" });
        First.Time.Advance(TimeSpan.FromSeconds(2));

        // Still pending when exported: its rows are inactive until the order completes.
        var pending = await OrderAsync(alpha, new { phone_numbers = await SearchAsync(alpha, "area_code=984&quantity=2") });
        _pendingOrder = pending.GetProperty("id").GetString()!;

        var beta = First.DialStack(Key, Accounts[1]);
        await OrderAsync(beta, new { phone_numbers = await SearchAsync(beta, "npa_nxx=919460&quantity=1") });
        First.Time.Advance(TimeSpan.FromMilliseconds(300));
    }

    /// <summary>Creates each tenant in the second simulator, then copies it there; returns each tenant's owner in both.</summary>
    private Task<(OwnerId First, OwnerId Second)[]> CopyAsync() =>
        CopyTenantsAsync(DialStackDialect.Id, Accounts, async account => await (await Second.DialStack(Key, account).Get("v1/phone-numbers")).JsonAsync(200), OwnerOf);

    private async Task AssertSameAnswersAsync()
    {
        foreach (var account in Accounts)
        {
            var (first, second) = (First.DialStack(Key, account), Second.DialStack(Key, account));
            var rows = await RowIdsAsync(first);
            var orders = await OrderIdsAsync(first);
            Assert.NotEmpty(rows);
            await TenantStateTransfer.AssertSameAnswersAsync(first, second, [
                "v1/phone-numbers", "v1/phone-numbers?limit=2", "v1/phone-numbers?status=active", "v1/phone-numbers?status=inactive",
                "v1/phone-numbers?status=released", "v1/phone-number-orders", "v1/phone-number-orders?status=pending",
                .. rows.Select(id => $"v1/phone-numbers/{id}"), .. orders.Select(id => $"v1/phone-number-orders/{id}")]);
        }
    }

    [Fact]
    public async Task AnImportedTenantAnswersTheSameAndItsPendingOrdersSettleTheSame()
    {
        await PopulateAsync();

        var owners = await CopyAsync();

        await AssertSameAnswersAsync();
        foreach (var (first, second) in owners)
        {
            TenantStateTransfer.AssertSameRecords(StoreOf(First).List(first), StoreOf(Second).List(second), second);
        }

        Assert.Equal(2, StoreOf(Second).List(owners[0].Second).Count(d => d.OrderId == _pendingOrder && d.Status == "inactive"));
        First.Time.Advance(TimeSpan.FromSeconds(2));
        Second.Time.Advance(TimeSpan.FromSeconds(2));
        await AssertSameAnswersAsync();
        Assert.Equal(2, StoreOf(Second).List(owners[0].Second).Count(d => d.OrderId == _pendingOrder && d.Status == "active"));
    }

    [Fact]
    public async Task ExportAfterImportGivesTheSameBytes()
    {
        await PopulateAsync();

        var owners = await CopyAsync();

        AssertSameExports(DialStackDialect.Id, owners);
        foreach (var (first, second) in owners)
        {
            Assert.Equal(
                TenantStateTransfer.Reown(TenantStateTransfer.Component(First.Simulation, "orders").Export(first), first, second),
                TenantStateTransfer.Component(Second.Simulation, "orders").Export(second));
        }
    }

    [Fact]
    public async Task ImportingNothingRemovesTheTenantsRowsOnly()
    {
        await PopulateAsync();
        var owners = await CopyAsync();
        var component = TenantStateTransfer.Component(Second.Simulation, DialStackDialect.Id);
        var (alpha, beta) = (Second.DialStack(Key, Accounts[0]), Second.DialStack(Key, Accounts[1]));
        var rowId = (await RowIdsAsync(alpha))[0];

        component.Import(owners[0].Second, []);

        Assert.Null(component.Export(owners[0].Second));
        Assert.Empty(StoreOf(Second).List(owners[0].Second));
        Assert.Empty((await (await alpha.Get("v1/phone-numbers?status=released")).JsonAsync(200)).GetProperty("data").EnumerateArray());
        await (await alpha.Get($"v1/phone-numbers/{rowId}")).JsonAsync(404);
        Assert.Single((await (await beta.Get("v1/phone-numbers")).JsonAsync(200)).GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task ATenantWithNoRowsExportsNothing()
    {
        await (await First.DialStack(Key, Accounts[0]).Get("v1/phone-numbers")).JsonAsync(200);

        Assert.Null(TenantStateTransfer.Component(First.Simulation, DialStackDialect.Id).Export(OwnerOf(First, Accounts[0])));
    }

    [Fact]
    public void AClientSecretIssuedByOneProcessWorksOnAnotherOverASharedStore()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var issuer = new DialStackSessions(TenantStateTransfer.NewSimulation(time, new SharedMemoryStore()));
        var session = issuer.Issue(Key, Accounts[0]);

        var recovered = new DialStackSessions(TenantStateTransfer.NewSimulation(time, new SharedMemoryStore())).Find(session.ClientSecret);
        var inMemory = new DialStackSessions(TenantStateTransfer.NewSimulation(time, null)).Find(session.ClientSecret);

        Assert.NotNull(recovered);
        Assert.Equal(session with { ExpiresAt = DateTimeOffset.FromUnixTimeSeconds(session.ExpiresAt.ToUnixTimeSeconds()) }, recovered);
        Assert.Equal(session.ExpiresAt, issuer.Find(session.ClientSecret)!.ExpiresAt);
        Assert.Null(inMemory);
    }

    [Fact]
    public void AClientSecretWithAnotherSignatureOrAlteredClaimsIsNotRecovered()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var secret = new DialStackSessions(TenantStateTransfer.NewSimulation(time, new SharedMemoryStore())).Issue(Key, Accounts[0]).ClientSecret;
        var parts = secret.Split('.');
        var claims = Encoding.UTF8.GetString(Convert.FromBase64String(parts[1].Replace('-', '+').Replace('_', '/').PadRight((parts[1].Length + 3) / 4 * 4, '=')));
        var altered = Convert.ToBase64String(Encoding.UTF8.GetBytes(claims.Replace(Accounts[0], Accounts[1], StringComparison.Ordinal))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var sessions = new DialStackSessions(TenantStateTransfer.NewSimulation(time, new SharedMemoryStore()));

        Assert.Contains(Key, claims, StringComparison.Ordinal);
        Assert.NotNull(sessions.Find(secret));
        Assert.Null(sessions.Find($"{parts[0]}.{altered}.{parts[2]}"));
        Assert.Null(sessions.Find($"{parts[0]}.{parts[1]}.{parts[2][..^2]}xx"));
        Assert.Null(sessions.Find("eyJhbGciOiJIUzI1NiJ9.eyJhY2NvdW50X2lkIjoiYWNjdF94In0.c2ln"));
    }
}
