using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using Npgsql;

namespace CarrierSim.Server.Tests.SharedStore;

/// <summary>
/// A replica killed with SIGKILL in the middle of an order (issue 16): the order's unit of work has
/// taken its numbers and is saving its records when the process dies, so its transaction never
/// commits and nothing of the order remains — no number held, no order, no record.
/// </summary>
public sealed class KillMidOrderTests(PostgresCluster cluster) : IClassFixture<PostgresCluster>
{
    private const string Account = "acct_killed";

    [Fact]
    public async Task AReplicaKilledMidOrderLeavesNoHalfAppliedOrder()
    {
        var cancel = TestContext.Current.CancellationToken;
        var database = await cluster.CreateDatabaseAsync();
        var port = FreePort();
        using var replica = StartReplica(database, port);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/dialstack/"), Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sk_test_carriersim");
        http.DefaultRequestHeaders.Add("DialStack-Account", Account);
        await WaitForHealthAsync(port, replica, cancel);

        // The tenant exists (its first request created it); the numbers to order are available.
        using (var first = await http.GetAsync("v1/phone-numbers", cancel))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        // The same seed as the replica (serve's default, 42): the same base inventory.
        await using var probe = await TestSimulator.StartAsync(new Dictionary<string, string?> { ["CarrierSim:Seed"] = "42" });
        PhoneNumber[] numbers = [.. probe.Simulation.Inventory.Search(new SearchCriteria { NpaNxx = NpaNxx.Parse("919460").Value, Quantity = 2 }).Select(n => n.Number)];

        // Hold the tenant's row: the order's unit of work can take its numbers but cannot save its records.
        await using var blocker = new NpgsqlConnection(database);
        await blocker.OpenAsync(cancel);
        await using var hold = await blocker.BeginTransactionAsync(cancel);
        await using (var lockTenant = new NpgsqlCommand("SELECT owner FROM tenants WHERE id LIKE '%' || $1 FOR UPDATE", blocker, hold))
        {
            lockTenant.Parameters.Add(new NpgsqlParameter { Value = Account });
            Assert.NotNull(await lockTenant.ExecuteScalarAsync(cancel));
        }

        var order = http.PostAsJsonAsync("v1/phone-number-orders", new { phone_numbers = numbers.Select(n => n.ToString()) }, cancel);
        await WaitForBlockedOrderAsync(blocker, hold, numbers, cancel);

        replica.Kill(entireProcessTree: true);
        await replica.WaitForExitAsync(cancel);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => order);
        await hold.RollbackAsync(cancel);

        // Nothing of the order remains in the database…
        await using (var stored = new NpgsqlCommand(
            "SELECT (SELECT count(*) FROM numbers WHERE digits = ANY($1)) + (SELECT count(*) FROM tenant_state s JOIN tenants t USING (owner) WHERE t.id LIKE '%' || $2 AND s.component = 'orders')",
            blocker))
        {
            stored.Parameters.Add(new NpgsqlParameter { Value = numbers.Select(n => (long)n.Digits).ToArray() });
            stored.Parameters.Add(new NpgsqlParameter { Value = Account });
            Assert.Equal(0L, await stored.ExecuteScalarAsync(cancel));
        }

        // …and a replica started afterwards sees no order and sells the numbers again.
        await using var after = await TestSimulator.StartAsync(new Dictionary<string, string?> { ["CarrierSim:Store"] = PostgresCluster.Uri(database), ["CarrierSim:OrderPendingFor"] = "00:00:00", ["CarrierSim:Seed"] = "42" });
        using var client = after.DialStack(account: Account);
        var orders = await (await client.Get("v1/phone-number-orders")).JsonAsync(200);
        Assert.Equal(0, orders.GetProperty("data").GetArrayLength());
        foreach (var number in numbers)
        {
            Assert.Equal(NumberState.Available, after.Simulation.Inventory.GetStatus(number).State);
        }

        await (await client.PostJsonAsync("v1/phone-number-orders", new { phone_numbers = numbers.Select(n => n.ToString()) })).JsonAsync(201);
    }

    /// <summary>Waits until the replica's transaction holds the numbers (uncommitted) and waits for the tenant's row.</summary>
    private static async Task WaitForBlockedOrderAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, PhoneNumber[] numbers, CancellationToken cancel)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            // Rows another transaction inserted but has not committed are invisible here, but their
            // keys are locked: a waiter on the tenant row with numbers taken shows in pg_locks.
            await using var blocked = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid() AND datname = current_database()",
                connection, transaction);
            if ((long)(await blocked.ExecuteScalarAsync(cancel))! > 0)
            {
                return;
            }

            await Task.Delay(50, cancel);
        }

        Assert.Fail($"The order for {string.Join(", ", numbers)} never reached the point of saving its records.");
    }

    private static Process StartReplica(string database, int port)
    {
        var executable = Path.Combine(AppContext.BaseDirectory, "carrier-sim");
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--quiet", "--store", PostgresCluster.Uri(database), "--order-pending-seconds", "0" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("carrier-sim did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitForHealthAsync(int port, Process replica, CancellationToken cancel)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(replica.HasExited, $"carrier-sim exited with {(replica.HasExited ? replica.ExitCode : 0)} before answering.");
            try
            {
                using var health = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/__admin/health"), cancel);
                if (health.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancel.IsCancellationRequested)
            {
            }

            await Task.Delay(100, cancel);
        }

        Assert.Fail("carrier-sim did not answer /__admin/health within 60 s.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
