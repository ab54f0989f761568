namespace CarrierSim.Contracts;

internal static class EngineCall
{
    /// <summary>Builder calls return false when a handle is invalid or its mock server already started.</summary>
    internal static void Check(bool succeeded, string action)
    {
        if (!succeeded)
        {
            throw new PactException($"The Pact engine refused to {action}.");
        }
    }
}
