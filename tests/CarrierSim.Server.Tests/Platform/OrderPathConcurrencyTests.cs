using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;

namespace CarrierSim.Server.Tests.Platform;

/// <summary>
/// The one order path under load: every dialect's records are projections updated in the same
/// step as the order, so at zero pending time, with fulfilment chaos, concurrent lists and clock
/// advances, no record is ever stale and no number is listed by two tenants.
/// </summary>
public sealed class OrderPathConcurrencyTests
{
    private const int Orders = 10_000;
    private const int TenantsPerDialect = 4;

    internal static readonly string[] Dialects = ["dialstack", "agentmessage", "dialnexa", "identitycall"];

    [Fact]
    public async Task TenThousandConcurrentOrdersLeaveNoStaleRecordAndNoNumberListedTwice()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var sim = await TestSimulator.StartAsync(new Dictionary<string, string?>
        {
            ["CarrierSim:OrderPendingFor"] = "00:00:00",
            ["CarrierSim:JournalCapacity"] = "100",
        });

        // Fulfilment chaos on every dialect, so numbers keep coming free again and being bought by others.
        using var admin = sim.Admin();
        foreach (var (name, kind) in new[] { ("fail-some", "fulfilmentFailure") })
        {
            var rule = await admin.PostRawAsync("chaos/rules", $$"""{"name":"{{name}}","kind":"{{kind}}","injectionRate":0.25}""");
            Assert.True(rule.IsSuccessStatusCode, await rule.Content.ReadAsStringAsync(cancel));
        }

        // A small pool of real available numbers, so that tenants of every dialect contend for the same ones.
        var pool = sim.Simulation.Inventory.Search(new SearchCriteria { AreaCode = Npa.Parse("919").Value, Quantity = 100 })
            .Concat(sim.Simulation.Inventory.Search(new SearchCriteria { AreaCode = Npa.Parse("415").Value, Quantity = 100 }))
            .Select(n => n.Number.ToString()).ToArray();
        Assert.Equal(200, pool.Length);

        var clients = Dialects.ToDictionary(d => d, d => Enumerable.Range(0, TenantsPerDialect).Select(t => Client(sim, d, t)).ToArray());
        var statuses = new ConcurrentDictionary<int, int>();
        var placedDialStackOrders = new ConcurrentBag<(HttpClient Client, string Id)>();
        using var done = CancellationTokenSource.CreateLinkedTokenSource(cancel);

        // Readers and the clock run while orders are placed.
        var clock = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                sim.Time.Advance(TimeSpan.FromMilliseconds(250));
                await Task.Delay(1, CancellationToken.None);
            }
        }, cancel);
        var readers = Enumerable.Range(0, 2).Select(r => Task.Run(async () =>
        {
            var random = new Random(r);
            while (!done.IsCancellationRequested)
            {
                var dialect = Dialects[random.Next(Dialects.Length)];
                var client = clients[dialect][random.Next(TenantsPerDialect)];
                using var list = await client.GetAsync(ListPath(dialect), CancellationToken.None);
                Assert.Equal(HttpStatusCode.OK, list.StatusCode);
            }
        }, cancel)).ToArray();

        await Parallel.ForEachAsync(Enumerable.Range(0, Orders), new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancel }, async (i, token) =>
        {
            var random = new Random(i);
            var dialect = Dialects[i % Dialects.Length];
            var client = clients[dialect][random.Next(TenantsPerDialect)];
            var first = pool[random.Next(pool.Length)];
            var second = pool[random.Next(pool.Length)];
            using var response = await Order(client, dialect, first, second, token);
            statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
            Assert.True((int)response.StatusCode < 500, $"{dialect} order got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(token)}");
            if (dialect == "dialstack" && response.StatusCode == HttpStatusCode.Created)
            {
                var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(token)).RootElement;
                placedDialStackOrders.Add((client, json.GetProperty("id").GetString()!));
            }
        });

        await done.CancelAsync();
        await clock;
        await Task.WhenAll(readers);
        sim.Time.Advance(TimeSpan.FromMinutes(1));

        // Chaos and contention both happened: some orders won, some were refused or failed.
        Assert.True(statuses.Keys.Any(s => s is 200 or 201), string.Join(", ", statuses));
        Assert.True(statuses.Keys.Any(s => s >= 400), string.Join(", ", statuses));

        // Every DialStack order is terminal, and its rows say what the order says.
        foreach (var (client, id) in placedDialStackOrders.Take(400))
        {
            var order = await (await client.Get($"v1/phone-number-orders/{id}")).JsonAsync(200);
            Assert.NotEqual("pending", order.GetProperty("status").GetString());
        }

        // Every live record, across every dialect and tenant: no stale state, and one tenant per number.
        var holders = new Dictionary<string, List<string>>();
        foreach (var dialect in Dialects)
        {
            for (var t = 0; t < TenantsPerDialect; t++)
            {
                foreach (var (number, status) in await ListAllAsync(clients[dialect][t], dialect))
                {
                    Assert.False(IsStale(dialect, status), $"{dialect} tenant {t} lists {number} as '{status}' after every order settled");
                    if (IsLive(dialect, status))
                    {
                        (holders.TryGetValue(number, out var list) ? list : holders[number] = []).Add($"{dialect}/{t}");
                    }
                }
            }
        }

        var twice = holders.Where(h => h.Value.Count > 1).Select(h => $"{h.Key}: {string.Join(", ", h.Value)}").ToList();
        Assert.True(twice.Count == 0, "numbers listed by two tenants: " + string.Join("; ", twice));

        // And the records agree with the inventory: exactly the pool numbers that are owned are listed.
        var owned = pool.Where(n => sim.Simulation.Inventory.GetStatus(PhoneNumber.Parse(n).Value).State == NumberState.Owned).ToHashSet();
        Assert.Equal(owned.Order(), holders.Keys.Where(owned.Contains).Order());
        Assert.Equal(owned.Count, holders.Count);
    }

    internal static HttpClient Client(TestSimulator sim, string dialect, int tenant) => dialect switch
    {
        "dialstack" => sim.DialStack(account: $"acct_load{tenant}"),
        "agentmessage" => sim.AgentMessage($"am_test_load{tenant}"),
        "dialnexa" => sim.DialNexa($"key_load{tenant}:secret_load{tenant}"),
        _ => sim.IdentityCall($"idc_load{tenant}".PadRight(36, '0')),
    };

    internal static Task<HttpResponseMessage> Order(HttpClient client, string dialect, string first, string second, CancellationToken token) => dialect switch
    {
        "dialstack" => client.PostAsJsonAsync("v1/phone-number-orders", new { phone_numbers = first == second ? [first] : new[] { first, second }, partial_allowed = true }, token),
        "agentmessage" => client.PostAsJsonAsync("v1/phone-numbers/orders", new { numbers = first == second ? [first] : new[] { first, second } }, token),
        "dialnexa" => client.PostAsJsonAsync("v1/organization-phone-numbers/purchase", new { phone_number = first }, token),
        _ => client.PostAsJsonAsync("api/v1/public/virtual_numbers/purchase", new { phone_number = first }, token),
    };

    private static string ListPath(string dialect) => dialect switch
    {
        "dialstack" => "v1/phone-numbers?limit=100",
        "agentmessage" => "v1/phone-numbers?limit=100",
        "dialnexa" => "v1/organization-phone-numbers?limit=100",
        _ => "api/v1/public/virtual_numbers",
    };

    /// <summary>Every record a tenant lists, following each dialect's pagination.</summary>
    internal static async Task<List<(string Number, string Status)>> ListAllAsync(HttpClient client, string dialect)
    {
        var all = new List<(string, string)>();
        string? path = ListPath(dialect);
        for (var page = 1; path is not null && page < 1000; page++)
        {
            var json = await (await client.Get(path)).JsonAsync(200);
            var data = json.GetProperty("data");
            foreach (var item in data.EnumerateArray())
            {
                all.Add((item.GetProperty(dialect == "agentmessage" ? "number" : "phone_number").GetString()!, Status(dialect, item)));
            }

            path = dialect switch
            {
                "dialstack" => json.GetProperty("next_page_url").GetString() is { } next ? next.TrimStart('/') : null,
                "agentmessage" => json.TryGetProperty("meta", out var meta) && meta.TryGetProperty("next_cursor", out var cursor) && cursor.GetString() is { } c
                    ? $"v1/phone-numbers?limit=100&cursor={Uri.EscapeDataString(c)}" : null,
                "dialnexa" => json.GetProperty("meta").GetProperty("totalPages").GetInt32() > page ? $"v1/organization-phone-numbers?limit=100&page={page + 1}" : null,
                _ => null,
            };
        }

        return all;
    }

    private static string Status(string dialect, JsonElement item) => dialect switch
    {
        "dialstack" or "dialnexa" => item.GetProperty("status").GetString()!,
        "identitycall" => item.GetProperty("active").GetBoolean() ? "active" : "inactive",
        _ => item.TryGetProperty("status", out var status) ? status.GetString() ?? "active" : "active",
    };

    // With zero pending time and every order settled, a purchase row is active or released, never still waiting.
    internal static bool IsStale(string dialect, string status) => dialect switch
    {
        "dialstack" => status == "inactive",
        "dialnexa" => status == "pending",
        _ => false,
    };

    internal static bool IsLive(string dialect, string status) => dialect switch
    {
        "dialstack" => status != "released",
        _ => status != "released",
    };
}
