namespace CarrierSim.Contracts;

/// <summary>
/// Thrown when the Pact engine refuses an operation (a builder call, starting a mock server, writing a pact
/// file, running the verifier) or cannot be loaded, and when a mock server saw requests that did not match.
/// </summary>
public sealed class PactException : Exception
{
    /// <summary>Creates an exception with no message.</summary>
    public PactException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What went wrong and, where known, how to fix it.</param>
    public PactException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong and, where known, how to fix it.</param>
    /// <param name="innerException">The underlying failure.</param>
    public PactException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
