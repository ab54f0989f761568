using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Postgres;
using Npgsql;

namespace CarrierSim.Server.Tests.SharedStore;

/// <summary>
/// Replicas over one PostgreSQL database (issue 16): each <see cref="TestSimulator"/> here is a
/// replica with its own process-local state; they share only the database.
/// </summary>
public sealed class SharedStoreTests(PostgresCluster cluster) : IClassFixture<PostgresCluster>
{
    private const int Tenants = 48;

    private static Dictionary<string, string?> Settings(string database) => new()
    {
        ["CarrierSim:Store"] = PostgresCluster.Uri(database),
        ["CarrierSim:OrderPendingFor"] = "00:00:00",
    };

    [Fact]
    public async Task FortyEightTenantsOnTwoReplicasNeverBuyTheSameNumberAndEveryAnswerMatchesTheEnd()
    {
        var database = await cluster.CreateDatabaseAsync();
        await using var a = await TestSimulator.StartAsync(Settings(database));
        await using var b = await TestSimulator.StartAsync(Settings(database));
        var cancel = TestContext.Current.CancellationToken;

        // One NPA-NXX, a few dozen of its available numbers: every tenant wants some of the same ones.
        var pool = a.Simulation.Inventory.Search(new SearchCriteria { NpaNxx = NpaNxx.Parse("919460").Value, Quantity = 24 })
            .Select(n => n.Number.ToString()).ToArray();
        Assert.Equal(24, pool.Length);

        var answers = new ConcurrentBag<(int Tenant, string? OrderId, int Status, string[] Asked)>();
        await Parallel.ForEachAsync(Enumerable.Range(0, Tenants * 4), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancel }, async (i, token) =>
        {
            var tenant = i % Tenants;
            var replica = i % 2 == 0 ? a : b;
            var random = new Random(i);
            var asked = new[] { pool[random.Next(pool.Length)], pool[random.Next(pool.Length)] }.Distinct().ToArray();
            using var client = replica.DialStack(account: $"acct_race{tenant:00}");
            using var response = await client.PostJsonAsync("v1/phone-number-orders", new { phone_numbers = asked, partial_allowed = false });
            var body = await response.Content.ReadAsStringAsync(token);
            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode}: {body}");
            var id = response.StatusCode == HttpStatusCode.Created ? JsonDocument.Parse(body).RootElement.GetProperty("id").GetString() : null;
            answers.Add((tenant, id, (int)response.StatusCode, asked));
        });

        Assert.Contains(answers, x => x.Status == 201);
        Assert.Contains(answers, x => x.Status == 409);

        // Every accepted order, read through the other replica, completed with the numbers it asked for.
        var owners = new Dictionary<string, int>();
        foreach (var (tenant, id, _, asked) in answers.Where(x => x.OrderId is not null))
        {
            using var client = (tenant % 2 == 0 ? b : a).DialStack(account: $"acct_race{tenant:00}");
            var order = await (await client.Get($"v1/phone-number-orders/{id}")).JsonAsync(200);
            Assert.Equal("complete", order.GetProperty("status").GetString());
            foreach (var number in asked)
            {
                Assert.False(owners.TryGetValue(number, out var other), $"{number} was sold to tenant {other} and to tenant {tenant}");
                owners[number] = tenant;
            }
        }

        // The database agrees: exactly the numbers sold are owned, each by the tenant that bought it.
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(cancel);
        await using var query = new NpgsqlCommand("SELECT n.digits, t.id FROM numbers n JOIN tenants t ON t.owner = n.owner WHERE n.state = 1", connection);
        var stored = new Dictionary<string, string>();
        await using (var reader = await query.ExecuteReaderAsync(cancel))
        {
            while (await reader.ReadAsync(cancel))
            {
                stored["+" + reader.GetInt64(0)] = reader.GetString(1);
            }
        }

        Assert.Equal(owners.Keys.Order(), stored.Keys.Where(pool.Contains).Order());
        foreach (var (number, tenant) in owners)
        {
            Assert.EndsWith($"/acct_race{tenant:00}", stored[number], StringComparison.Ordinal);
        }

        // And both replicas' inventories say so.
        foreach (var replica in new[] { a, b })
        {
            foreach (var number in pool)
            {
                var state = replica.Simulation.Inventory.GetStatus(PhoneNumber.Parse(number).Value).State;
                Assert.Equal(owners.ContainsKey(number) ? NumberState.Owned : NumberState.Available, state);
            }
        }
    }

    [Fact]
    public async Task AnOrderPlacedOnOneReplicaIsReadAndSettledOnceOnTheOther()
    {
        var database = await cluster.CreateDatabaseAsync();
        var settings = Settings(database);
        settings["CarrierSim:OrderPendingFor"] = "00:00:30";
        await using var a = await TestSimulator.StartAsync(settings);
        await using var b = await TestSimulator.StartAsync(settings);
        using var onA = a.DialStack();
        using var onB = b.DialStack();
        using var adminB = b.Admin();

        var numbers = a.Simulation.Inventory.Search(new SearchCriteria { AreaCode = Npa.Parse("919").Value, Quantity = 2 }).Select(n => n.Number.ToString()).ToArray();
        var placed = await (await onA.PostJsonAsync("v1/phone-number-orders", new { phone_numbers = numbers })).JsonAsync(201);
        var id = placed.GetProperty("id").GetString();
        Assert.Equal("pending", (await (await onB.Get($"v1/phone-number-orders/{id}")).JsonAsync(200)).GetProperty("status").GetString());

        // The clock is shared: advanced through B's control plane, the order is due on A too.
        var advanced = await adminB.PostRawAsync("clock/advance", """{"duration":"00:01:00"}""");
        Assert.True(advanced.IsSuccessStatusCode, await advanced.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var settledOnA = await (await onA.Get($"v1/phone-number-orders/{id}")).JsonAsync(200);
        var settledOnB = await (await onB.Get($"v1/phone-number-orders/{id}")).JsonAsync(200);
        Assert.Equal("complete", settledOnA.GetProperty("status").GetString());
        Assert.Equal(settledOnA.GetProperty("updated_at").GetString(), settledOnB.GetProperty("updated_at").GetString());
    }

    [Fact]
    public async Task ARetryThatReachesTheOtherReplicaGetsTheFirstAnswerOfALostResponse()
    {
        var database = await cluster.CreateDatabaseAsync();
        var cancel = TestContext.Current.CancellationToken;
        await using var a = await TestSimulator.StartAsync(Settings(database));
        await using var b = await TestSimulator.StartAsync(Settings(database));
        var numbers = a.Simulation.Inventory.Search(new SearchCriteria { AreaCode = Npa.Parse("303").Value, Quantity = 2 }).Select(n => n.Number.ToString()).ToArray();
        var body = System.Text.Json.JsonSerializer.Serialize(new { phone_numbers = numbers });

        // Processed on A, then its answer is lost: the gateway answers 502.
        using var onA = a.DialStack();
        using var first = new HttpRequestMessage(HttpMethod.Post, "v1/phone-number-orders") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        first.Headers.Add("Idempotency-Key", "retry-across-replicas");
        first.Headers.Add("X-CarrierSim-Chaos", "lost=502");
        using var lost = await onA.SendAsync(first, cancel);
        Assert.Equal(HttpStatusCode.BadGateway, lost.StatusCode);

        // The retry reaches B: the order A placed, not a second one.
        using var onB = b.DialStack();
        using var retry = new HttpRequestMessage(HttpMethod.Post, "v1/phone-number-orders") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        retry.Headers.Add("Idempotency-Key", "retry-across-replicas");
        using var replayed = await onB.SendAsync(retry, cancel);
        Assert.Equal("true", replayed.Headers.GetValues("Idempotent-Replayed").Single());
        var order = await replayed.JsonAsync(201);
        var orders = await (await onB.Get("v1/phone-number-orders")).JsonAsync(200);
        Assert.Equal(order.GetProperty("id").GetString(), Assert.Single(orders.GetProperty("data").EnumerateArray()).GetProperty("id").GetString());

        // The same key with another body is the vendor's conflict, on either replica.
        using var other = new HttpRequestMessage(HttpMethod.Post, "v1/phone-number-orders") { Content = new StringContent("""{"phone_numbers":["+13035550100"]}""", System.Text.Encoding.UTF8, "application/json") };
        other.Headers.Add("Idempotency-Key", "retry-across-replicas");
        using var conflict = await onA.SendAsync(other, cancel);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
    }

    [Fact]
    public async Task SearchOnOneReplicaSoonStopsOfferingWhatTheOtherSoldAndFollowsItsChaosRules()
    {
        var database = await cluster.CreateDatabaseAsync();
        var cancel = TestContext.Current.CancellationToken;
        await using var a = await TestSimulator.StartAsync(Settings(database));
        await using var b = await TestSimulator.StartAsync(Settings(database));
        using var onA = a.DialStack();
        using var onB = b.DialStack(account: "acct_searcher");
        const string Search = "v1/available-phone-numbers?area_code=720&quantity=5";
        var offered = (await (await onB.Get(Search)).JsonAsync(200)).GetProperty("data").EnumerateArray().Select(n => n.GetProperty("phone_number").GetString()!).ToList();
        Assert.Equal(5, offered.Count);

        await (await onA.PostJsonAsync("v1/phone-number-orders", new { phone_numbers = new[] { offered[0] } })).JsonAsync(201);
        await Eventually(async () => !(await SearchAsync(onB, Search)).Contains(offered[0]), "B still offers a number A sold", cancel);

        // A chaos rule added through A's control plane empties B's searches, with no other request to B.
        using var adminA = a.Admin();
        Assert.True((await adminA.PostRawAsync("chaos/rules", """{"name":"dry","kind":"drought"}""")).IsSuccessStatusCode);
        await Eventually(async () => (await SearchAsync(onB, Search)).Count == 0, "B still finds numbers under A's drought rule", cancel);
    }

    [Fact]
    public async Task ATenantDeletedOnOneReplicaStartsAfreshOnTheOther()
    {
        var database = await cluster.CreateDatabaseAsync();
        await using var a = await TestSimulator.StartAsync(Settings(database));
        await using var b = await TestSimulator.StartAsync(Settings(database));
        using var onB = b.DialStack(account: "acct_deleted");
        var number = b.Simulation.Inventory.Search(new SearchCriteria { AreaCode = Npa.Parse("602").Value, Quantity = 1 })[0].Number;
        await (await onB.PostJsonAsync("v1/phone-number-orders", new { phone_numbers = new[] { number.ToString() } })).JsonAsync(201);

        using var adminA = a.Admin();
        var tenants = await (await adminA.GetAsync("accounts?dialect=dialstack", TestContext.Current.CancellationToken)).JsonAsync(200);
        var id = tenants.EnumerateArray().Select(t => t.GetProperty("id").GetString()!).Single(t => t.EndsWith("/acct_deleted", StringComparison.Ordinal));
        using var deleted = await adminA.DeleteAsync($"accounts/dialstack/{id}", TestContext.Current.CancellationToken);
        Assert.True(deleted.IsSuccessStatusCode, await deleted.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        var orders = await (await onB.Get("v1/phone-number-orders")).JsonAsync(200);
        Assert.Equal(0, orders.GetProperty("data").GetArrayLength());
        Assert.Equal(NumberState.Available, b.Simulation.Inventory.GetStatus(number).State);
    }

    private static async Task<List<string>> SearchAsync(HttpClient client, string path) =>
        [.. (await (await client.Get(path)).JsonAsync(200)).GetProperty("data").EnumerateArray().Select(n => n.GetProperty("phone_number").GetString()!)];

    private static async Task Eventually(Func<Task<bool>> condition, string failure, CancellationToken cancel)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure + " after 10 s.");
            await Task.Delay(50, cancel);
        }
    }

    [Fact]
    public async Task StateSurvivesARestartOfEveryReplica()
    {
        var database = await cluster.CreateDatabaseAsync();
        string id;
        string[] numbers;
        string clock;
        await using (var first = await TestSimulator.StartAsync(Settings(database)))
        {
            using var client = first.DialStack();
            using var admin = first.Admin();
            numbers = first.Simulation.Inventory.Search(new SearchCriteria { AreaCode = Npa.Parse("415").Value, Quantity = 3 }).Select(n => n.Number.ToString()).ToArray();
            id = (await (await client.PostJsonAsync("v1/phone-number-orders", new { phone_numbers = numbers })).JsonAsync(201)).GetProperty("id").GetString()!;
            Assert.True((await admin.PostRawAsync("chaos/rules", """{"name":"slow","kind":"fulfilmentFailure","injectionRate":0}""")).IsSuccessStatusCode);
            Assert.True((await admin.PostRawAsync("clock/advance", """{"duration":"02:00:00"}""")).IsSuccessStatusCode);
            clock = (await (await admin.GetAsync("clock", TestContext.Current.CancellationToken)).JsonAsync(200)).GetProperty("now").GetString()!;
        }

        await using var second = await TestSimulator.StartAsync(Settings(database));
        using var again = second.DialStack();
        using var secondAdmin = second.Admin();
        var order = await (await again.Get($"v1/phone-number-orders/{id}")).JsonAsync(200);
        Assert.Equal("complete", order.GetProperty("status").GetString());
        foreach (var number in numbers)
        {
            Assert.Equal(NumberState.Owned, second.Simulation.Inventory.GetStatus(PhoneNumber.Parse(number).Value).State);
        }

        Assert.Contains(second.Simulation.Chaos.Rules, r => r.Name == "slow");
        var now = (await (await secondAdmin.GetAsync("clock", TestContext.Current.CancellationToken)).JsonAsync(200)).GetProperty("now").GetString()!;
        Assert.Equal(DateTimeOffset.Parse(clock, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        // A number sold before the restart is still refused to anyone else.
        using var other = second.DialStack(account: "acct_other");
        using var refused = await other.PostJsonAsync("v1/phone-number-orders", new { phone_numbers = new[] { numbers[0] } });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
    }

    [Fact]
    public async Task AReplicaRestartedWhileTheOtherWorkedSeesEverything()
    {
        var database = await cluster.CreateDatabaseAsync();
        await using var b = await TestSimulator.StartAsync(Settings(database));
        using var onB = b.DialStack(account: "acct_steady");
        var numbers = b.Simulation.Inventory.Search(new SearchCriteria { AreaCode = Npa.Parse("404").Value, Quantity = 4 }).Select(n => n.Number.ToString()).ToArray();
        string beforeId;
        await using (var a = await TestSimulator.StartAsync(Settings(database)))
        {
            using var onA = a.DialStack(account: "acct_steady");
            beforeId = (await (await onA.PostJsonAsync("v1/phone-number-orders", new { phone_numbers = numbers[..2] })).JsonAsync(201)).GetProperty("id").GetString()!;
        }

        // A is down; B carries on for the same tenant.
        var duringId = (await (await onB.PostJsonAsync("v1/phone-number-orders", new { phone_numbers = numbers[2..] })).JsonAsync(201)).GetProperty("id").GetString()!;

        await using var restarted = await TestSimulator.StartAsync(Settings(database));
        using var again = restarted.DialStack(account: "acct_steady");
        var orders = (await (await again.Get("v1/phone-number-orders")).JsonAsync(200)).GetProperty("data").EnumerateArray().Select(o => o.GetProperty("id").GetString()).ToHashSet();
        Assert.Equal(new HashSet<string?> { beforeId, duringId }, orders);
        foreach (var number in numbers)
        {
            Assert.Equal(NumberState.Owned, restarted.Simulation.Inventory.GetStatus(PhoneNumber.Parse(number).Value).State);
        }
    }

    [Fact]
    public async Task ResetOnOneReplicaEmptiesTheWorldForEveryReplica()
    {
        var database = await cluster.CreateDatabaseAsync();
        await using var a = await TestSimulator.StartAsync(Settings(database));
        await using var b = await TestSimulator.StartAsync(Settings(database));
        using var onA = a.DialStack();
        var number = a.Simulation.Inventory.Search(new SearchCriteria { AreaCode = Npa.Parse("212").Value, Quantity = 1 })[0].Number;
        var id = (await (await onA.PostJsonAsync("v1/phone-number-orders", new { phone_numbers = new[] { number.ToString() } })).JsonAsync(201)).GetProperty("id").GetString();

        using var adminB = b.Admin();
        Assert.True((await adminB.PostRawAsync("reset", "")).IsSuccessStatusCode);

        using var stillA = a.DialStack();
        using var gone = await stillA.Get($"v1/phone-number-orders/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(NumberState.Available, a.Simulation.Inventory.GetStatus(number).State);
    }

    [Fact]
    public async Task AReplicaWithAnotherSeedRefusesToJoin()
    {
        var database = await cluster.CreateDatabaseAsync();
        await using var first = await TestSimulator.StartAsync(Settings(database));
        var settings = Settings(database);
        settings["CarrierSim:Seed"] = "8";
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => TestSimulator.StartAsync(settings));
        Assert.Contains("--seed 7", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MigrationsRunOnceAcrossReplicasAndANewerSchemaIsRefused()
    {
        var database = await cluster.CreateDatabaseAsync();
        var cancel = TestContext.Current.CancellationToken;
        var stores = Enumerable.Range(0, 3).Select(_ => PostgresStateStore.Create(database)).ToList();
        await Task.WhenAll(stores.Select(s => s.MigrateAsync(cancel)));
        await stores[0].MigrateAsync(cancel);

        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(cancel);
        await using (var count = new NpgsqlCommand("SELECT count(*), max(version) FROM carriersim_schema", connection))
        await using (var reader = await count.ExecuteReaderAsync(cancel))
        {
            await reader.ReadAsync(cancel);
            Assert.Equal(PostgresStateStore.SchemaVersion, reader.GetInt64(0));
            Assert.Equal(PostgresStateStore.SchemaVersion, reader.GetInt32(1));
        }

        await using (var newer = new NpgsqlCommand($"INSERT INTO carriersim_schema (version, name) VALUES ({PostgresStateStore.SchemaVersion + 1}, 'from the future')", connection))
        {
            await newer.ExecuteNonQueryAsync(cancel);
        }

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => stores[1].MigrateAsync(cancel));
        Assert.Contains("newer than this simulator knows", refused.Message, StringComparison.Ordinal);
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }
    }
}
