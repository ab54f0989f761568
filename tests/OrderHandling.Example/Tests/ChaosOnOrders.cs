namespace OrderHandling.Example.Tests;

/// <summary>
/// Makes the simulator misbehave on chosen order requests only, with the per-request header
/// <c>X-CarrierSim-Chaos</c> (e.g. <c>lost=504</c>: commit the order, then lose its answer): the first
/// <c>count</c> attempts to POST an order carry it, every later request goes as sent. It sits below
/// the client's retry handler, so it counts each attempt, retries included, and the tests do not
/// depend on the scenario's random draws for the requests that matter.
/// </summary>
internal sealed class ChaosOnOrders(string chaos, int count)
{
    private const string Header = "X-CarrierSim-Chaos";

    private readonly string _chaos = chaos;
    private readonly int _count = count;
    private int _attempts;

    /// <summary>How many order attempts carried the header.</summary>
    public int Injected => Math.Min(Volatile.Read(ref _attempts), _count);

    /// <summary>The first order attempt only.</summary>
    public static ChaosOnOrders First(string chaos) => new(chaos, 1);

    /// <summary>Every order attempt.</summary>
    public static ChaosOnOrders Every(string chaos) => new(chaos, int.MaxValue);

    /// <summary>A new handler that applies this plan (one per HTTP pipeline).</summary>
    public DelegatingHandler CreateHandler() => new Handler(this);

    private sealed class Handler(ChaosOnOrders plan) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // A retry may send the same message again: the header of an earlier attempt must not stay on it.
            request.Headers.Remove(Header);
            if (request.Method == HttpMethod.Post
                && request.RequestUri?.AbsolutePath.EndsWith("/v1/phone-number-orders", StringComparison.Ordinal) == true
                && Interlocked.Increment(ref plan._attempts) <= plan._count)
            {
                request.Headers.Add(Header, plan._chaos);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
