namespace CarrierSim.Core.State;

/// <summary>What claiming an idempotency key found.</summary>
/// <param name="Claimed">True: this request is the first with the key (or the first's claim lapsed) and must run.</param>
/// <param name="Fingerprint">The request that holds the key, when not claimed.</param>
/// <param name="Answer">Its stored answer; null while it is still running.</param>
public sealed record KeyClaim(bool Claimed, string? Fingerprint, byte[]? Answer);

/// <summary>
/// Idempotency keys kept in a shared store, so that a retry reaching another replica gets the first
/// answer. The in-memory store has none (<see cref="IStateStore"/> keeps keys in the process).
/// </summary>
public interface IIdempotencyKeys
{
    /// <summary>Claims <paramref name="scope"/> for a request, unless another holds it; null when the holder vanished meanwhile (claim again).</summary>
    Task<KeyClaim?> ClaimAsync(string scope, string fingerprint, DateTimeOffset now, DateTimeOffset expires, CancellationToken cancellationToken);

    /// <summary>Stores the answer of the request that claimed the key.</summary>
    Task CompleteAsync(string scope, byte[] answer, CancellationToken cancellationToken);

    /// <summary>Gives the key up: the request kept no answer (a 5xx, a 429, no response), so a retry runs.</summary>
    Task AbandonAsync(string scope, CancellationToken cancellationToken);

    /// <summary>What holds the key now; null when nothing does.</summary>
    Task<KeyClaim?> ReadAsync(string scope, CancellationToken cancellationToken);
}
