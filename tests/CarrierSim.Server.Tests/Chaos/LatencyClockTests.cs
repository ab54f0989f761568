using System.Net;

namespace CarrierSim.Server.Tests.Chaos;

/// <summary>
/// Chaos latency is real time (the host's TimeProvider: wall time under serve, the fake in tests), not
/// the simulator's calendar: advancing the simulator clock moves orders along but never cuts a delay short.
/// </summary>
public sealed class LatencyClockTests : IAsyncLifetime
{
    private TestSimulator _sim = null!;

    public async ValueTask InitializeAsync() => _sim = await TestSimulator.StartAsync();

    public async ValueTask DisposeAsync() => await _sim.DisposeAsync();

    [Fact]
    public async Task AdvancingTheSimulatorClockDoesNotShortenALatencyButTheHostClockDoes()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var admin = _sim.Admin();
        await (await admin.PostJsonAsync("chaos/rules", new { name = "slow", kind = "latency", delayMs = 2000, target = new { operation = "dialstack.searchNumbers" } })).JsonAsync(201);

        var search = _sim.DialStack().GetAsync("v1/available-phone-numbers?area_code=919&quantity=1", cancel);
        for (var i = 0; i < 100 && _sim.Simulation.Chaos.InjectionCount == 0; i++)
        {
            await Task.Delay(20, cancel);
        }

        await (await admin.PostJsonAsync("clock/advance", new { seconds = 3600 })).JsonAsync(200);
        await Task.Delay(300, cancel);
        Assert.False(search.IsCompleted, "advancing the simulator clock an hour released a 2 s chaos delay");

        _sim.Time.Advance(TimeSpan.FromSeconds(2));
        using var response = await search.WaitAsync(TimeSpan.FromSeconds(10), cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
