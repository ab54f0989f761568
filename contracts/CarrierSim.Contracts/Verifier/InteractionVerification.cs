namespace CarrierSim.Contracts;

/// <summary>The outcome of verifying one interaction.</summary>
public sealed class InteractionVerification
{
    internal InteractionVerification(
        string consumer,
        string provider,
        string description,
        IReadOnlyList<string> providerStates,
        bool passed,
        bool pending,
        TimeSpan? duration,
        IReadOnlyList<VerificationMismatch> mismatches)
    {
        Consumer = consumer;
        Provider = provider;
        Description = description;
        ProviderStates = providerStates;
        Passed = passed;
        Pending = pending;
        Duration = duration;
        Mismatches = mismatches;
    }

    /// <summary>The consumer of the pact the interaction comes from.</summary>
    public string Consumer { get; }

    /// <summary>The provider of the pact the interaction comes from.</summary>
    public string Provider { get; }

    /// <summary>The interaction's description.</summary>
    public string Description { get; }

    /// <summary>The names of its provider states, in order.</summary>
    public IReadOnlyList<string> ProviderStates { get; }

    /// <summary>True when the provider's response satisfied the contract.</summary>
    public bool Passed { get; }

    /// <summary>True when the interaction is marked pending (its failure does not fail the run).</summary>
    public bool Pending { get; }

    /// <summary>How long it took, when the engine reports it.</summary>
    public TimeSpan? Duration { get; }

    /// <summary>Why it failed; empty when it passed.</summary>
    public IReadOnlyList<VerificationMismatch> Mismatches { get; }

    /// <summary>The name the Pact tools give the interaction, e.g. "Verifying a pact between C and P Given s - description".</summary>
    public string FullName =>
        $"Verifying a pact between {Consumer} and {Provider}" +
        (ProviderStates.Count == 0 ? string.Empty : " Given " + string.Join(" And ", ProviderStates)) +
        $" - {Description}";
}
