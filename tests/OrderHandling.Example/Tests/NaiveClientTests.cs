namespace OrderHandling.Example.Tests;

/// <summary>
/// What the anti-example (<see cref="NaiveOrderingClient"/>) does when DialStack commits an order and
/// the answer is lost: it buys twice, or strands numbers it owns without knowing. Same scenario and
/// losses as <see cref="LostResponseScenarios"/>, where the careful client ends with exactly the
/// numbers it wanted; assertions read the simulator's own state.
/// </summary>
public sealed class NaiveClientTests
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromMilliseconds(500);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("reset", null)]
    [InlineData("hang", null)]
    [InlineData("502", 502)]
    [InlineData("504", 504)]
    public async Task NaiveClientBuysTwiceAndStrandsNumbersWhenAnAnswerIsLost(string loss, int? lostStatus)
    {
        await using var env = await InMemoryEnvironment.StartAsync("lost-responses", TimeSpan.FromMilliseconds(100));
        var chaos = ChaosOnOrders.First($"lost={loss}");
        var naive = new NaiveOrderingClient(env.CreateDialStackHttpClient(chaos.CreateHandler()), AttemptTimeout);

        var result = await naive.OrderNumbersAsync("919", 2, Cancel);

        // The blind retry is told 409 for the numbers the lost order already bought; it buys more.
        // (Later orders meet the scenario's own losses too: seed 42 decides which, the same every run.)
        Assert.Equal([lostStatus, 409], naive.OrderAnswers.Take(2));
        Assert.Null(result.GaveUp);
        Assert.Equal(2, result.Believed.Count);
        var owned = await env.OwnedNumbersAsync(Cancel);
        Assert.True(owned.Count >= 4, $"asked for 2 and owns {owned.Count}: {string.Join(", ", owned)}");
        Assert.Subset(owned.ToHashSet(), result.Believed.ToHashSet());
        var stranded = owned.Except(result.Believed).ToList(); // owned, believed not owned
        Assert.Equal(owned.Count - 2, stranded.Count);
        Assert.True((await env.PurchaseOrdersAsync(Cancel)).Count >= 2);
    }

    [Fact]
    public async Task NaiveClientGivesUpAndStrandsTheNumbersItBought()
    {
        await using var env = await InMemoryEnvironment.StartAsync("lost-responses", TimeSpan.FromMilliseconds(100));
        var chaos = ChaosOnOrders.Every("lost=504");
        var naive = new NaiveOrderingClient(env.CreateDialStackHttpClient(chaos.CreateHandler()), AttemptTimeout);

        var result = await naive.OrderNumbersAsync("919", 2, Cancel);

        Assert.Equal([504, 504, 504], naive.OrderAnswers);
        Assert.NotNull(result.GaveUp);
        Assert.Empty(result.Believed);
        var owned = await env.OwnedNumbersAsync(Cancel);
        Assert.Equal(2, owned.Count);                  // the first attempt bought them; it believes it owns none
        var placed = Assert.Single(await env.PurchaseOrdersAsync(Cancel));
        Assert.Equal(owned, placed.Requested.Order(StringComparer.Ordinal));
    }
}
