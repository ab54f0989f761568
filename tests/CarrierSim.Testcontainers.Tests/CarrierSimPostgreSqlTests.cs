using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CarrierSim.Tests.Shared;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Networks;
using Testcontainers.PostgreSql;

namespace CarrierSim.Testcontainers.Tests;

/// <summary>
/// Simulator containers over one PostgreSQL container (<see cref="CarrierSimBuilder.WithPostgreSql(INetwork, string, string, string, string)"/>):
/// the simulator image and the PostgreSQL image (<c>CARRIERSIM_POSTGRES_IMAGE</c>) must exist locally.
/// </summary>
public sealed class CarrierSimPostgreSqlTests
{
    private const string RivalAccount = "acct_01h2xcejqtf2nbrexx3vqrival";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A network, a PostgreSQL container on it and simulators over it, disposed in reverse order.</summary>
    private sealed class SharedWorld : IAsyncDisposable
    {
        private SharedWorld(INetwork network, PostgreSqlContainer postgres)
        {
            Network = network;
            Postgres = postgres;
        }

        public INetwork Network { get; }

        public PostgreSqlContainer Postgres { get; }

        public List<CarrierSimContainer> Simulators { get; } = [];

        public static async Task<SharedWorld> StartAsync()
        {
            await DockerAvailability.RequireAsync(CarrierSimPostgreSql.Image, CarrierSimPostgreSql.ImageEnvironmentVariable);
            var network = new NetworkBuilder().Build();
            var world = new SharedWorld(network, CarrierSimPostgreSql.CreateBuilder(network).Build());
            var watch = Stopwatch.StartNew();
            await world.Postgres.StartAsync(Cancel);
            TestContext.Current.SendDiagnosticMessage($"PostgreSQL container ({CarrierSimPostgreSql.Image}) ready in {watch.ElapsedMilliseconds} ms");
            return world;
        }

        /// <summary>Starts <paramref name="count"/> simulators together (so they migrate the empty database at the same moment).</summary>
        public async Task<CarrierSimContainer[]> StartSimulatorsAsync(int count)
        {
            var started = Enumerable.Range(0, count)
                .Select(_ => new CarrierSimBuilder().WithPostgreSql(Network).WithOrderPendingFor(TimeSpan.Zero).Build())
                .ToArray();
            Simulators.AddRange(started);
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(started.Select(s => s.StartAsync(Cancel)));
            TestContext.Current.SendDiagnosticMessage($"{count} simulator containers over PostgreSQL healthy in {watch.ElapsedMilliseconds} ms");
            return started;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var simulator in Enumerable.Reverse(Simulators))
            {
                await simulator.DisposeAsync();
            }

            await Postgres.DisposeAsync();
            await Network.DisposeAsync();
        }
    }

    [Fact]
    public async Task ANumberBoughtThroughOneSimulatorIsRefusedByTheOther()
    {
        await using var world = await SharedWorld.StartAsync();
        var simulators = await world.StartSimulatorsAsync(2);
        var (a, b) = (simulators[0], simulators[1]);

        using var buyerOnA = a.CreateClient("dialstack");
        var number = await FirstAvailableAsync(buyerOnA, "919");
        var id = await OrderAsync(buyerOnA, number);

        // Another tenant, through the other simulator: the number is taken, in DialStack's own words.
        using var rivalOnB = Tenant(b, RivalAccount);
        using var refused = await rivalOnB.PostAsJsonAsync("v1/phone-number-orders", new { phone_numbers = new[] { number } }, Cancel);
        var error = await refused.Content.ReadAsStringAsync(Cancel);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains(number, error, StringComparison.Ordinal);

        // The buyer's order is the same order on either simulator.
        using var buyerOnB = b.CreateClient("dialstack");
        Assert.Equal("complete", await OrderStatusAsync(buyerOnB, id));

        // And a number the rival can have is sold to it through B, then refused to the buyer through A.
        var other = await FirstAvailableAsync(rivalOnB, "415");
        await OrderAsync(rivalOnB, other);
        using var refusedOnA = await buyerOnA.PostAsJsonAsync("v1/phone-number-orders", new { phone_numbers = new[] { other } }, Cancel);
        Assert.Equal(HttpStatusCode.Conflict, refusedOnA.StatusCode);
    }

    [Fact]
    public async Task AStoppedAndRestartedSimulatorFindsTheStateIntact()
    {
        await using var world = await SharedWorld.StartAsync();
        var simulators = await world.StartSimulatorsAsync(2);
        var (a, b) = (simulators[0], simulators[1]);

        using var buyer = a.CreateClient("dialstack");
        var number = await FirstAvailableAsync(buyer, "212");
        var id = await OrderAsync(buyer, number);
        var admin = a.CreateAdminClient();
        await admin.FreezeClockAsync(Cancel);
        var clock = await admin.AdvanceClockAsync(TimeSpan.FromHours(2), Cancel);
        var oldPort = a.GetRootAddress().Port;

        await a.StopAsync(Cancel);

        // While A is down, B serves the same world.
        using var buyerOnB = b.CreateClient("dialstack");
        Assert.Equal("complete", await OrderStatusAsync(buyerOnB, id));
        Assert.Equal(clock.Now, (await b.CreateAdminClient().GetClockAsync(Cancel)).Now);

        await a.StartAsync(Cancel);
        TestContext.Current.SendDiagnosticMessage($"restarted simulator: host port {oldPort} -> {a.GetRootAddress().Port}");

        // A comes back with what it had: the order, the sold number, the frozen clock.
        using var buyerAgain = a.CreateClient("dialstack");
        Assert.Equal("complete", await OrderStatusAsync(buyerAgain, id));
        var restartedClock = await a.CreateAdminClient().GetClockAsync(Cancel);
        Assert.Equal(clock.Now, restartedClock.Now);
        Assert.True(restartedClock.Frozen);
        using var rival = Tenant(a, RivalAccount);
        using var refused = await rival.PostAsJsonAsync("v1/phone-number-orders", new { phone_numbers = new[] { number } }, Cancel);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
    }

    /// <summary>A DialStack client of <paramref name="simulator"/> for another tenant (the example key, another account).</summary>
    private static HttpClient Tenant(CarrierSimContainer simulator, string account)
    {
        var client = simulator.CreateClient("dialstack");
        client.DefaultRequestHeaders.Remove("DialStack-Account");
        client.DefaultRequestHeaders.Add("DialStack-Account", account);
        return client;
    }

    private static async Task<string> FirstAvailableAsync(HttpClient dialstack, string areaCode)
    {
        using var search = await dialstack.GetAsync($"v1/available-phone-numbers?area_code={areaCode}&quantity=1", Cancel);
        var body = await search.Content.ReadAsStringAsync(Cancel);
        Assert.True(search.IsSuccessStatusCode, $"search: {(int)search.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("data")[0].GetProperty("phone_number").GetString()!;
    }

    private static async Task<string> OrderAsync(HttpClient dialstack, string number)
    {
        using var placed = await dialstack.PostAsJsonAsync("v1/phone-number-orders", new { phone_numbers = new[] { number } }, Cancel);
        var body = await placed.Content.ReadAsStringAsync(Cancel);
        Assert.True(placed.StatusCode == HttpStatusCode.Created, $"order for {number}: {(int)placed.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("id").GetString()!;
    }

    private static async Task<string?> OrderStatusAsync(HttpClient dialstack, string id)
    {
        using var read = await dialstack.GetAsync($"v1/phone-number-orders/{id}", Cancel);
        var body = await read.Content.ReadAsStringAsync(Cancel);
        Assert.True(read.IsSuccessStatusCode, $"order {id}: {(int)read.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("status").GetString();
    }
}
