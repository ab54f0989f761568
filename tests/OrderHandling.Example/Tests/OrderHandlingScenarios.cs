using System.Diagnostics;
using CarrierSim.AdminClient;
using OrderHandling.Example.Ordering;

namespace OrderHandling.Example.Tests;

/// <summary>
/// The order-handling client against CarrierSim's chaos scenarios. Each derived class runs
/// every scenario on one kind of simulator: in memory, or in a container.
/// </summary>
public abstract class OrderHandlingScenarios
{
    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    protected abstract Task<SimulatorEnvironment> StartAsync(string? scenario = null, TimeSpan? orderPendingFor = null);

    private Task<SimulatorEnvironment> StartFastAsync(string? scenario = null) => StartAsync(scenario, TimeSpan.FromMilliseconds(100));

    [Fact]
    public async Task HappyPathBuysEveryNumber()
    {
        await using var env = await StartFastAsync();
        var client = env.CreateOrderingClient();

        var result = await client.OrderNumbersAsync(new NumberRequest("919", 3), Cancel);

        Assert.True(result.IsComplete, result.Shortfall);
        Assert.Equal(3, result.Numbers.Distinct().Count());
        Assert.All(result.Numbers, n => Assert.StartsWith("+1919", n));
        var order = await env.Admin.GetOrderAsync(Assert.Single(result.OrderIds), Cancel);
        Assert.Equal(OrderStatus.Complete, order.Status);
    }

    [Fact]
    public async Task ContestedInventoryIsReportedClearlyWhenNumbersAreAlwaysTaken()
    {
        await using var env = await StartFastAsync("contested-inventory");
        var client = env.CreateOrderingClient(o => o.MaxConflictRetries = 3);

        // Without partial fills DialStack refuses the whole order with 409 when a number is gone.
        var error = await Assert.ThrowsAsync<OrderingException>(() => client.OrderNumbersAsync(new NumberRequest("919", 2, AcceptPartial: false), Cancel));

        Assert.Equal(409, error.StatusCode);
        Assert.Contains("taken by another buyer", error.Message);
        Assert.Contains("4 times in a row", error.Message);
        var conflicts = await env.Admin.GetJournalAsync(operation: "dialstack.createOrder", status: 409, cancellationToken: Cancel);
        Assert.Equal(4, conflicts.Entries.Count);
    }

    [Fact]
    public async Task ContestedInventoryRecoversByOrderingFreshNumbers()
    {
        await using var env = await StartFastAsync();
        await env.Admin.PutChaosRuleAsync(new RaceRule
        {
            Name = "one-race",
            MaxInjections = 1,
            Target = new ChaosTarget { Operation = "dialstack.createOrder" },
        }, Cancel);
        var client = env.CreateOrderingClient();

        var result = await client.OrderNumbersAsync(new NumberRequest("919", 2, AcceptPartial: false), Cancel);

        Assert.True(result.IsComplete, result.Shortfall);
        Assert.Equal(1, result.Conflicts);
        Assert.Single(result.OrderIds);
        var taken = (await env.Admin.ListInjectionsAsync(rule: "one-race", cancellationToken: Cancel)).Single();
        Assert.Equal("dialstack.createOrder", taken.Operation);
        foreach (var number in result.Numbers)
        {
            var details = await env.Admin.GetNumberAsync(number, Cancel);
            Assert.Equal("owned", details.Number.State);
        }
    }

    [Fact]
    public async Task ContestedInventoryWithPartialAllowedEndsInFailedOrdersAndAClearShortfall()
    {
        await using var env = await StartFastAsync("contested-inventory");
        var client = env.CreateOrderingClient(o => o.MaxOrderRounds = 3);

        // With partial fills allowed DialStack accepts the order, and the taken numbers fail at fulfilment.
        var result = await client.OrderNumbersAsync(new NumberRequest("919", 2), Cancel);

        Assert.Empty(result.Numbers);
        Assert.Equal(6, result.FailedNumbers.Count);
        Assert.Equal("Got 0 of 2 numbers after 3 orders: 6 number(s) failed at fulfilment. Order the rest later, or in another area code.", result.Shortfall);
        var orders = await env.Admin.ListOrdersAsync("dialstack", cancellationToken: Cancel);
        Assert.Equal(3, orders.Count);
        Assert.All(orders, o => Assert.Equal(OrderStatus.Failed, o.Status));
    }

    [Fact]
    public async Task PartialFillsAreToppedUpAndTheShortfallReported()
    {
        await using var env = await StartFastAsync("partial-fills");
        var client = env.CreateOrderingClient(o => o.MaxOrderRounds = 3);

        var result = await client.OrderNumbersAsync(new NumberRequest("919", 4), Cancel);

        // Half of each order fills: 2 of 4, then 1 of 2, then 0 of 1.
        Assert.False(result.IsComplete);
        Assert.Equal(3, result.Numbers.Count);
        Assert.Equal(3, result.OrderIds.Count);
        Assert.Contains("Got 3 of 4 numbers after 3 orders", result.Shortfall);
        var orders = await Task.WhenAll(result.OrderIds.Select(id => env.Admin.GetOrderAsync(id, Cancel)));
        Assert.Equal(result.Numbers.Order(), orders.SelectMany(o => o.Completed).Order());
        Assert.Equal(result.FailedNumbers.Order(), orders.SelectMany(o => o.Failed).Order());
        Assert.All(orders, o => Assert.Equal(o.Requested.Count, o.Completed.Count + o.Failed.Count));
    }

    [Fact]
    public async Task PartialFillsWithoutPartialAllowedFailEveryOrder()
    {
        await using var env = await StartFastAsync("partial-fills");
        var client = env.CreateOrderingClient(o => o.MaxOrderRounds = 2);

        var result = await client.OrderNumbersAsync(new NumberRequest("919", 2, AcceptPartial: false), Cancel);

        Assert.Empty(result.Numbers);
        Assert.Equal(4, result.FailedNumbers.Count);
        Assert.Contains("Got 0 of 2 numbers after 2 orders", result.Shortfall);
    }

    [Fact]
    public async Task SlowCarrierCompletesWhenTheCarrierFinallyFulfils()
    {
        await using var env = await StartAsync("slow-carrier", TimeSpan.FromMilliseconds(100));
        var client = env.CreateOrderingClient(o => o.PollInterval = TimeSpan.FromMilliseconds(100));

        var ordering = client.OrderNumbersAsync(new NumberRequest("919", 1), Cancel);
        var pending = await WaitForAsync(async () => (await env.Admin.ListOrdersAsync("dialstack", OrderStatus.Pending, Cancel)).Count == 1);
        await env.Admin.AdvanceClockAsync(TimeSpan.FromSeconds(30), Cancel);
        var result = await ordering;

        Assert.True(pending, "the order never showed up as pending");
        Assert.True(result.IsComplete, result.Shortfall);
        var journal = await env.Admin.GetJournalAsync(dialect: "dialstack", cancellationToken: Cancel);
        Assert.All(journal.Entries, e => Assert.Contains(e.Injections, i => i.Equals("slow-responses:latency", StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task SlowCarrierGivesUpClearlyWhenAnOrderStaysPendingTooLong()
    {
        await using var env = await StartAsync("slow-carrier", TimeSpan.FromMilliseconds(100));
        var client = env.CreateOrderingClient(o => o.OrderTimeout = TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<OrderingException>(() => client.OrderNumbersAsync(new NumberRequest("919", 1), Cancel));

        Assert.Matches("Order ord_[0-9a-z]+ is still pending after 1 s", error.Message);
    }

    [Fact]
    public async Task OutageGivesUpWithAClearErrorAfterRetries()
    {
        await using var env = await StartFastAsync("outage");
        var retries = new List<RetryNotice>();
        var client = env.CreateOrderingClient(o =>
        {
            o.MaxRetryAttempts = 3;
            o.OnRetry = retries.Add;
        });

        var error = await Assert.ThrowsAsync<OrderingException>(() => client.OrderNumbersAsync(new NumberRequest("919", 1), Cancel));

        Assert.Equal(503, error.StatusCode);
        Assert.Equal("Could not search for numbers: DialStack answered 503 (after retries): The upstream carrier is unavailable; retry later.", error.Message);
        Assert.Equal([1, 2, 3], retries.Select(r => r.Attempt));
        Assert.All(retries, r => Assert.Equal(TimeSpan.FromMilliseconds(200), r.Delay)); // Retry-After: 5, capped by MaxRetryDelay
        var searches = await env.Admin.GetJournalAsync(operation: "dialstack.searchNumbers", cancellationToken: Cancel);
        Assert.Equal(4, searches.Entries.Count(e => e.Status == 503));
    }

    [Fact]
    public async Task RateLimitIsRetriedAfterTheRetryAfterDelay()
    {
        await using var env = await StartFastAsync();
        await env.Admin.PutChaosRuleAsync(new OutcomeRule
        {
            Name = "rate-limited-once",
            StatusCode = 429,
            RetryAfterSeconds = 1,
            MaxInjections = 1,
            Target = new ChaosTarget { Operation = "dialstack.createOrder" },
        }, Cancel);
        var retries = new List<RetryNotice>();
        var client = env.CreateOrderingClient(o =>
        {
            o.MaxRetryDelay = TimeSpan.FromSeconds(5);
            o.OnRetry = retries.Add;
        });
        var watch = Stopwatch.StartNew();

        var result = await client.OrderNumbersAsync(new NumberRequest("919", 1), Cancel);

        Assert.True(result.IsComplete, result.Shortfall);
        var retry = Assert.Single(retries);
        Assert.Equal(("POST", 429, TimeSpan.FromSeconds(1)), (retry.Method, retry.StatusCode, retry.Delay));
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1), $"finished after {watch.Elapsed}, before Retry-After");
    }

    private static async Task<bool> WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(50, Cancel);
        }

        return false;
    }
}

/// <summary>Every scenario against the simulator in memory.</summary>
public sealed class InMemoryOrderHandlingTests : OrderHandlingScenarios
{
    protected override Task<SimulatorEnvironment> StartAsync(string? scenario = null, TimeSpan? orderPendingFor = null) =>
        InMemoryEnvironment.StartAsync(scenario, orderPendingFor ?? TimeSpan.FromMilliseconds(100));
}

/// <summary>Every scenario against the simulator image in Docker (skipped without Docker, except under CI=true).</summary>
public sealed class ContainerOrderHandlingTests : OrderHandlingScenarios
{
    protected override Task<SimulatorEnvironment> StartAsync(string? scenario = null, TimeSpan? orderPendingFor = null) =>
        ContainerEnvironment.StartAsync(scenario, orderPendingFor ?? TimeSpan.FromMilliseconds(100));
}
