using CarrierSim.AdminClient;
using OrderHandling.Example.Ordering;

namespace OrderHandling.Example.Tests;

/// <summary>
/// The failure that hurts order handling most: DialStack commits the order, then the answer is
/// lost (a reset, a hang until the client gives up, a gateway's 502 or 504). The simulator runs the
/// <c>lost-responses</c> scenario; where a test needs a loss at a given request, the per-request
/// header forces it (<see cref="ChaosOnOrders"/>), so every run is the same. Each test asserts on
/// the simulator's own state: the numbers the account owns and the orders it holds.
/// Each derived class runs them on one kind of simulator: in memory, on a loopback port, or in a container.
/// </summary>
public abstract class LostResponseScenarios
{
    /// <summary>A hang lasts until the client gives up: this short attempt timeout bounds it.</summary>
    protected static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(1);

    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    protected abstract Task<SimulatorEnvironment> StartAsync(string? scenario = null, TimeSpan? orderPendingFor = null);

    [Theory]
    [InlineData("reset")]
    [InlineData("hang")]
    [InlineData("502")]
    [InlineData("504")]
    public async Task CarefulClientRetriesWithItsKeyAndOwnsExactlyTheNumbersItWanted(string loss)
    {
        await using var env = await StartLostResponsesAsync();
        var chaos = ChaosOnOrders.First($"lost={loss}");
        var client = env.CreateOrderingClient(o => o.AttemptTimeout = AttemptTimeout, chaos.CreateHandler);

        var result = await client.OrderNumbersAsync(new NumberRequest("919", 2), Cancel);

        Assert.Equal(1, chaos.Injected);
        Assert.True(result.IsComplete, result.Shortfall);
        Assert.Equal(1, result.ReplayedAnswers); // the retry got the answer DialStack gave the lost attempt
        Assert.Equal(0, result.Reconciliations);
        await AssertOwnsExactlyAsync(env, result, orders: 1);
    }

    [Theory]
    [InlineData("reset")]
    [InlineData("hang")]
    [InlineData("502")]
    [InlineData("504")]
    public async Task CarefulClientWithoutRetriesReconcilesByListingTheAccount(string loss)
    {
        await using var env = await StartLostResponsesAsync();
        var chaos = ChaosOnOrders.First($"lost={loss}");
        var client = env.CreateOrderingClient(o =>
        {
            o.AttemptTimeout = AttemptTimeout;
            o.MaxRetryAttempts = 0; // every lost answer goes straight to reconciliation
        }, chaos.CreateHandler);

        var result = await client.OrderNumbersAsync(new NumberRequest("919", 2), Cancel);

        Assert.True(result.IsComplete, result.Shortfall);
        Assert.Equal(1, result.Reconciliations);
        Assert.Equal(0, result.ReplayedAnswers);
        await AssertOwnsExactlyAsync(env, result, orders: 1);
        var listed = await env.Admin.GetJournalAsync(operation: "dialstack.listOrders", cancellationToken: Cancel);
        Assert.Single(listed.Entries); // it found the committed order and did not order again
        var posted = await env.Admin.GetJournalAsync(operation: "dialstack.createOrder", cancellationToken: Cancel);
        Assert.Single(posted.Entries);
    }

    [Fact]
    public async Task CarefulClientSendsAnOrderThatNeverGotThroughAgainWithTheSameKey()
    {
        await using var env = await StartLostResponsesAsync();
        var chaos = ChaosOnOrders.First("reset"); // the connection breaks before DialStack takes the order
        var client = env.CreateOrderingClient(o => o.MaxRetryAttempts = 0, chaos.CreateHandler);

        var result = await client.OrderNumbersAsync(new NumberRequest("919", 2), Cancel);

        // On a real socket the client learns of the reset before the simulator has forgotten the key,
        // so the second send may get 409 "still being processed": that is an open outcome too, and
        // the client looks at the account once more before the third send. Either way, one order.
        Assert.True(result.IsComplete, result.Shortfall);
        Assert.InRange(result.Reconciliations, 1, 2);
        await AssertOwnsExactlyAsync(env, result, orders: 1);
        var listedNumbers = await env.Admin.GetJournalAsync(operation: "dialstack.listNumbers", cancellationToken: Cancel);
        Assert.Equal(result.Reconciliations, listedNumbers.Entries.Count); // no order and no number on the account: safe to send again
        var posted = await env.Admin.GetJournalAsync(operation: "dialstack.createOrder", cancellationToken: Cancel);
        Assert.Equal(result.Reconciliations + 1, posted.Entries.Count);
        Assert.Single(posted.Entries, e => e.Status == 201);
    }

    [Fact]
    public async Task CarefulClientGivesUpClearlyWhenItsOrderNeverGetsThrough()
    {
        await using var env = await StartLostResponsesAsync();
        var chaos = ChaosOnOrders.Every("reset"); // every attempt breaks before DialStack takes it
        var client = env.CreateOrderingClient(o =>
        {
            o.MaxRetryAttempts = 0;
            o.MaxReconciliations = 1;
        }, chaos.CreateHandler);

        var error = await Assert.ThrowsAsync<OrderingException>(() => client.OrderNumbersAsync(new NumberRequest("919", 2), Cancel));

        Assert.Equal(2, chaos.Injected);
        Assert.Matches(@"^The order for \+1919\d{7}, \+1919\d{7} got no usable answer 2 times \(last: .+\), and the account lists neither that order nor those numbers: DialStack has not taken it\.", error.Message);
        Assert.Empty(error.Acquired);
        Assert.Empty(await env.OwnedNumbersAsync(Cancel));
        Assert.Empty(await env.PurchaseOrdersAsync(Cancel));
    }

    [Theory]
    [InlineData("reset")]
    [InlineData("hang")]
    [InlineData("502")]
    [InlineData("504")]
    public async Task CarefulClientKeepsItsNumbersWhenEveryOrderAnswerIsLost(string loss)
    {
        await using var env = await StartLostResponsesAsync();
        var chaos = ChaosOnOrders.Every($"lost={loss}");
        var client = env.CreateOrderingClient(o => o.AttemptTimeout = AttemptTimeout, chaos.CreateHandler);

        var result = await client.OrderNumbersAsync(new NumberRequest("919", 2), Cancel);

        // DialStack replays the first answer to a repeated key before any chaos applies.
        Assert.True(chaos.Injected >= 2, $"only {chaos.Injected} attempt(s) carried the header");
        Assert.True(result.IsComplete, result.Shortfall);
        await AssertOwnsExactlyAsync(env, result, orders: 1);
    }

    [Fact]
    public async Task CarefulClientNeverBuysTwiceUnderTheLostResponsesScenario()
    {
        await using var env = await StartLostResponsesAsync();
        var client = env.CreateOrderingClient(o => o.AttemptTimeout = AttemptTimeout);

        // No header: the scenario's own draws (seed 42) lose some of these answers, the same ones every run.
        var results = new List<OrderingResult>();
        for (var i = 0; i < 8; i++)
        {
            results.Add(await client.OrderNumbersAsync(new NumberRequest("919", 2), Cancel));
        }

        var lost = (await env.Admin.ListInjectionsAsync(cancellationToken: Cancel)).Where(i => i.Kind == ChaosKind.LostResponse).ToList();
        Assert.NotEmpty(lost);
        Assert.Equal(lost.Count, results.Sum(r => r.ReplayedAnswers));
        Assert.All(results, r => Assert.True(r.IsComplete, r.Shortfall));
        var owned = await env.OwnedNumbersAsync(Cancel);
        Assert.Equal(results.SelectMany(r => r.Numbers).Order(StringComparer.Ordinal), owned);
        Assert.Equal(16, owned.Count);
        Assert.Equal(8, (await env.PurchaseOrdersAsync(Cancel)).Count);
    }

    private async Task<SimulatorEnvironment> StartLostResponsesAsync()
    {
        var env = await StartAsync("lost-responses", TimeSpan.FromMilliseconds(100));

        // The first search of an area code builds its inventory, which can take longer than the short
        // attempt timeout on a busy machine: build it first, so the timeout only ever meets a hang.
        await env.Admin.SearchInventoryAsync(new InventoryQuery { AreaCode = "919", Quantity = 1 }, Cancel);
        return env;
    }

    /// <summary>The simulator's account holds exactly the result's numbers, bought by <paramref name="orders"/> purchase order(s).</summary>
    private static async Task AssertOwnsExactlyAsync(SimulatorEnvironment env, OrderingResult result, int orders)
    {
        var owned = await env.OwnedNumbersAsync(Cancel);
        Assert.Equal(result.Requested, owned.Count);
        Assert.Equal(result.Numbers.Order(StringComparer.Ordinal), owned);
        var placed = await env.PurchaseOrdersAsync(Cancel);
        Assert.Equal(orders, placed.Count);
        Assert.Equal(result.OrderIds.Order(StringComparer.Ordinal), placed.Select(o => o.Id).Order(StringComparer.Ordinal));
    }
}

/// <summary>The lost-response scenarios against the simulator in memory.</summary>
public sealed class InMemoryLostResponseTests : LostResponseScenarios
{
    protected override Task<SimulatorEnvironment> StartAsync(string? scenario = null, TimeSpan? orderPendingFor = null) =>
        InMemoryEnvironment.StartAsync(scenario, orderPendingFor ?? TimeSpan.FromMilliseconds(100));
}

/// <summary>The lost-response scenarios against the simulator in-process on a loopback port: Kestrel, whose aborts differ from TestServer's.</summary>
public sealed class LoopbackLostResponseTests : LostResponseScenarios
{
    protected override Task<SimulatorEnvironment> StartAsync(string? scenario = null, TimeSpan? orderPendingFor = null) =>
        LoopbackEnvironment.StartAsync(scenario, orderPendingFor ?? TimeSpan.FromMilliseconds(100));
}

/// <summary>The lost-response scenarios against the simulator image in Docker (skipped without Docker, except under CI=true).</summary>
public sealed class ContainerLostResponseTests : LostResponseScenarios
{
    protected override Task<SimulatorEnvironment> StartAsync(string? scenario = null, TimeSpan? orderPendingFor = null) =>
        ContainerEnvironment.StartAsync(scenario, orderPendingFor ?? TimeSpan.FromMilliseconds(100));
}
