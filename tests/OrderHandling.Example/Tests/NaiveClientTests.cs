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

        // The blind retry is told 409 for the numbers the lost order already bought; it buys two more.
        Assert.Equal([lostStatus, 409, 201], naive.OrderAnswers);
        Assert.Null(result.GaveUp);
        Assert.Equal(2, result.Believed.Count);
        var owned = await env.OwnedNumbersAsync(Cancel);
        Assert.Equal(4, owned.Count);                  // asked for 2, owns 4
        Assert.Subset(owned.ToHashSet(), result.Believed.ToHashSet());
        Assert.Equal(2, owned.Except(result.Believed).Count()); // owned, believed not owned
        Assert.Equal(2, (await env.PurchaseOrdersAsync(Cancel)).Count);
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
