namespace CarrierSim.Contracts;

/// <summary>One way in which the provider's response differed from the contract, or why an interaction could not be verified.</summary>
public sealed class VerificationMismatch
{
    internal VerificationMismatch(string kind, string? path, string? expected, string? actual, string message)
    {
        Kind = kind;
        Path = path;
        Expected = expected;
        Actual = actual;
        Message = message;
    }

    /// <summary>
    /// The engine's kind: <c>StatusMismatch</c>, <c>HeaderMismatch</c>, <c>BodyMismatch</c>, <c>BodyTypeMismatch</c>…,
    /// or <c>Error</c> when the interaction could not be verified (provider unreachable, state set-up failed).
    /// </summary>
    public string Kind { get; }

    /// <summary>Where: a JSON path such as <c>$.data[0].phone_number</c>, or a header name; null when not applicable.</summary>
    public string? Path { get; }

    /// <summary>The expected value as the engine reports it, if any.</summary>
    public string? Expected { get; }

    /// <summary>The actual value as the engine reports it, if any.</summary>
    public string? Actual { get; }

    /// <summary>The engine's explanation, e.g. "Actual map is missing the following keys: meta".</summary>
    public string Message { get; }

    /// <summary>A one-line description.</summary>
    /// <returns>E.g. "BodyMismatch $.meta: Actual map is missing the following keys: meta".</returns>
    public override string ToString() => Path is null ? $"{Kind}: {Message}" : $"{Kind} {Path}: {Message}";
}
