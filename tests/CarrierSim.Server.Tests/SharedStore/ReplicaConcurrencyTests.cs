using System.Collections.Concurrent;
using System.Net;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Server.Tests.Platform;
using Npgsql;

namespace CarrierSim.Server.Tests.SharedStore;

/// <summary>
/// The concurrency suite against two replicas over one database (issue 16): 48 tenants of the four
/// seed dialects race for the numbers of one NPA-NXX, each order sent to either replica while both
/// replicas list. No number ever has two owners, and every answer matches the final state, read
/// through both replicas and in the database.
/// </summary>
public sealed class ReplicaConcurrencyTests(PostgresCluster cluster) : IClassFixture<PostgresCluster>
{
    private const int TenantsPerDialect = 12;
    private const int Orders = 960;

    [Fact]
    public async Task FortyEightTenantsOfFourDialectsOnTwoReplicasNeverShareANumber()
    {
        var cancel = TestContext.Current.CancellationToken;
        var database = await cluster.CreateDatabaseAsync();
        var settings = new Dictionary<string, string?>
        {
            ["CarrierSim:Store"] = PostgresCluster.Uri(database),
            ["CarrierSim:OrderPendingFor"] = "00:00:00",
            ["CarrierSim:JournalCapacity"] = "100",
        };
        await using var a = await TestSimulator.StartAsync(settings);
        await using var b = await TestSimulator.StartAsync(settings);
        var replicas = new[] { a, b };
        var dialects = OrderPathConcurrencyTests.Dialects;
        var pool = a.Simulation.Inventory.Search(new SearchCriteria { NpaNxx = NpaNxx.Parse("919460").Value, Quantity = 32 }).Select(n => n.Number.ToString()).ToArray();
        Assert.Equal(32, pool.Length);

        // Every tenant has a client on each replica.
        var clients = replicas.Select(r => dialects.ToDictionary(d => d, d => Enumerable.Range(0, TenantsPerDialect).Select(t => OrderPathConcurrencyTests.Client(r, d, t)).ToArray())).ToArray();
        var won = new ConcurrentBag<(string Dialect, int Tenant, string Number)>();
        var accepted = new ConcurrentBag<(int Replica, int Tenant, string Number, string OrderId)>();
        var statuses = new ConcurrentDictionary<int, int>();
        using var done = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var readers = Enumerable.Range(0, 2).Select(r => Task.Run(async () =>
        {
            var random = new Random(r);
            while (!done.IsCancellationRequested)
            {
                var dialect = dialects[random.Next(dialects.Length)];
                await OrderPathConcurrencyTests.ListAllAsync(clients[r][dialect][random.Next(TenantsPerDialect)], dialect);
            }
        }, cancel)).ToArray();

        await Parallel.ForEachAsync(Enumerable.Range(0, Orders), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancel }, async (i, token) =>
        {
            var random = new Random(i);
            var dialect = dialects[i % dialects.Length];
            var tenant = random.Next(TenantsPerDialect);
            var number = pool[random.Next(pool.Length)];
            var replica = random.Next(2);
            using var response = await OrderPathConcurrencyTests.Order(clients[replica][dialect][tenant], dialect, number, number, token);
            statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
            var body = await response.Content.ReadAsStringAsync(token);
            Assert.True((int)response.StatusCode < 500, $"{dialect} order got {(int)response.StatusCode}: {body}");
            if (dialect == "dialstack" && response.StatusCode == HttpStatusCode.Created)
            {
                // A DialStack order is accepted first (partial fills allowed) and says what it got when it settles.
                accepted.Add((replica, tenant, number, System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!));
            }
            else if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created)
            {
                won.Add((dialect, tenant, number));
            }
        });

        await done.CancelAsync();
        await Task.WhenAll(readers);

        // Each DialStack order, read through the replica that did not take it, settled once: complete with its number, or failed.
        foreach (var (replica, tenant, number, id) in accepted)
        {
            var order = await (await clients[1 - replica]["dialstack"][tenant].Get($"v1/phone-number-orders/{id}")).JsonAsync(200);
            var status = order.GetProperty("status").GetString();
            Assert.True(status is "complete" or "failed", $"order {id} is {status}");
            if (status == "complete")
            {
                won.Add(("dialstack", tenant, number));
            }
        }

        Assert.True(statuses.Keys.Any(s => s >= 400), string.Join(", ", statuses));

        // No number was sold twice: with no releases, each winning answer is the one owner of its number.
        var twice = won.GroupBy(w => w.Number).Where(g => g.Select(w => (w.Dialect, w.Tenant)).Distinct().Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, "sold to two tenants: " + string.Join(", ", twice));
        var owner = won.GroupBy(w => w.Number).ToDictionary(g => g.Key, g => $"{g.First().Dialect}/{g.First().Tenant}");

        // The database and both replicas' inventories agree.
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(cancel);
        await using var query = new NpgsqlCommand("SELECT '+' || n.digits, t.dialect || ':' || t.id FROM numbers n JOIN tenants t USING (owner) WHERE n.state = 1 AND n.digits = ANY($1)", connection);
        query.Parameters.Add(new NpgsqlParameter { Value = pool.Select(n => (long)PhoneNumber.Parse(n).Value.Digits).ToArray() });
        var stored = new Dictionary<string, string>();
        await using (var reader = await query.ExecuteReaderAsync(cancel))
        {
            while (await reader.ReadAsync(cancel))
            {
                stored[reader.GetString(0)] = reader.GetString(1);
            }
        }

        Assert.True(owner.Keys.Order().SequenceEqual(stored.Keys.Order()), $"answers: {string.Join(", ", owner.OrderBy(p => p.Key))}; stored: {string.Join(", ", stored.OrderBy(p => p.Key))}");
        foreach (var replica in replicas)
        {
            Assert.Equal(owner.Count, pool.Count(n => replica.Simulation.Inventory.GetStatus(PhoneNumber.Parse(n).Value).State == NumberState.Owned));
        }

        // Each replica lists, for every tenant, exactly the numbers the answers gave it, none stale.
        foreach (var replica in clients)
        {
            var listed = new Dictionary<string, string>();
            foreach (var dialect in dialects)
            {
                for (var t = 0; t < TenantsPerDialect; t++)
                {
                    foreach (var (number, status) in await OrderPathConcurrencyTests.ListAllAsync(replica[dialect][t], dialect))
                    {
                        Assert.False(OrderPathConcurrencyTests.IsStale(dialect, status), $"{dialect} tenant {t} lists {number} as '{status}'");
                        if (OrderPathConcurrencyTests.IsLive(dialect, status))
                        {
                            Assert.False(listed.TryGetValue(number, out var other), $"{number} is listed by {other} and by {dialect}/{t}");
                            listed[number] = $"{dialect}/{t}";
                        }
                    }
                }
            }

            Assert.Equal(owner.OrderBy(p => p.Key), listed.OrderBy(p => p.Key));
        }

    }
}
