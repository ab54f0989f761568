using System.Net;

namespace CarrierSim.Contracts.Tests.Verifier;

/// <summary>The relay between the engine and a state-change endpoint that needs headers, stopped at any moment.</summary>
public sealed class StateChangeRelayTests
{
    [Fact]
    public async Task DisposeAsync_Returns_WhenTheListenersWaitIsNeverCompleted()
    {
        // What the managed HttpListener does to a wait that begins while it closes: the wait is queued after
        // Close() failed the queued ones, so it never completes.
        var never = new TaskCompletionSource<HttpListenerContext>();
        var relay = new StateChangeRelay(
            new HttpListener(),
            new Uri("http://127.0.0.1:9/state-change/"),
            new Uri("http://127.0.0.1:9/__admin/provider-states"),
            new Dictionary<string, string> { ["Authorization"] = "Bearer t" },
            TimeSpan.FromSeconds(5),
            () => never.Task);

        var dispose = relay.DisposeAsync().AsTask();
        var first = await Task.WhenAny(dispose, Task.Delay(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken));

        Assert.Same(dispose, first);
        await dispose;
    }
}
