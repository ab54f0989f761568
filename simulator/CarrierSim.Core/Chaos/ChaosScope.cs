namespace CarrierSim.Core.Chaos;

/// <summary>
/// The chaos decided for the request being served, flowing with the async context so that
/// the inventory (drought) and the order book (fulfilment plan) honour it without every
/// dialect passing it along.
/// </summary>
public static class ChaosScope
{
    private static readonly AsyncLocal<ChaosDecision?> Ambient = new();

    public static ChaosDecision? Current => Ambient.Value;

    /// <summary>Makes <paramref name="decision"/> current until the returned scope is disposed.</summary>
    public static IDisposable Enter(ChaosDecision decision)
    {
        var previous = Ambient.Value;
        Ambient.Value = decision;
        return new Restore(previous);
    }

    private sealed class Restore(ChaosDecision? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
