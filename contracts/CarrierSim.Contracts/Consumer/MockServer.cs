using System.Text;

namespace CarrierSim.Contracts;

/// <summary>
/// A running Pact mock server on 127.0.0.1. It answers each request that matches an interaction with that
/// interaction's response, answers anything else with HTTP 500, and records every difference.
/// </summary>
public sealed class MockServer : IDisposable
{
    private readonly PactBuilder _pact;
    private bool _disposed;

    internal MockServer(PactBuilder pact, int port)
    {
        _pact = pact;
        Port = port;
        BaseUri = new Uri($"http://127.0.0.1:{port}/");
    }

    /// <summary>The port the server listens on.</summary>
    public int Port { get; }

    /// <summary>The server's base address, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseUri { get; }

    /// <summary>True when every interaction was requested and every request matched one.</summary>
    public bool AllRequestsMatched
    {
        get
        {
            ThrowIfDisposed();
            return _pact.Engine.MockServerMatched(Port);
        }
    }

    /// <summary>What did not match so far: unexpected requests, requests that differ from an interaction, and interactions never requested.</summary>
    /// <returns>The mismatches; empty when everything matched.</returns>
    public IReadOnlyList<MockServerMismatch> GetMismatches()
    {
        ThrowIfDisposed();
        var json = _pact.Engine.MockServerMismatches(Port)
            ?? throw new PactException($"The Pact engine has no mock server on port {Port}.");
        return MockServerMismatch.ParseAll(json);
    }

    /// <summary>Throws unless every interaction was requested and every request matched.</summary>
    /// <exception cref="PactException">Lists each mismatch.</exception>
    public void VerifyAllRequestsMatched()
    {
        var mismatches = GetMismatches();
        if (mismatches.Count == 0 && AllRequestsMatched)
        {
            return;
        }

        var message = new StringBuilder()
            .Append("The mock server for ").Append(_pact.Consumer).Append(" → ").Append(_pact.Provider)
            .Append(" saw ").Append(mismatches.Count).Append(" mismatch(es):");
        foreach (var mismatch in mismatches)
        {
            message.AppendLine().Append("  - ").Append(mismatch);
        }

        throw new PactException(message.ToString());
    }

    /// <summary>The server's log lines (at the engine's log level, warn unless CARRIERSIM_PACT_LOG_LEVEL says otherwise).</summary>
    /// <returns>The log text, possibly empty.</returns>
    public string GetLogs()
    {
        ThrowIfDisposed();
        return _pact.Engine.MockServerLogs(Port) ?? string.Empty;
    }

    /// <summary>
    /// Checks that every request matched, then writes the pact as <c>{consumer}-{provider}.json</c> (Pact V4;
    /// interactions sorted by description). Nothing is written if anything did not match.
    /// </summary>
    /// <param name="directory">The folder to write to; created if missing.</param>
    /// <param name="merge">
    /// False (the default) replaces an existing file. True merges into it: interactions with the same description
    /// are replaced, others are kept, so stale interactions survive; merge only into a folder this run created.
    /// </param>
    /// <returns>The full path of the pact file.</returns>
    /// <exception cref="PactException">A request did not match, or the file could not be written.</exception>
    public string WritePactFile(string directory, bool merge = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        VerifyAllRequestsMatched();
        var fullDirectory = Path.GetFullPath(directory);
        Directory.CreateDirectory(fullDirectory);
        var code = _pact.Engine.WritePactFile(_pact.Handle, fullDirectory, overwrite: !merge);
        if (code != 0)
        {
            var reason = code switch
            {
                1 => "the engine panicked",
                2 => "the file could not be written",
                3 => "the pact handle is unknown",
                _ => "unknown error",
            };
            throw new PactException($"The Pact engine could not write the pact to '{fullDirectory}': {reason} (code {code}).");
        }

        return Path.Combine(fullDirectory, $"{_pact.Consumer}-{_pact.Provider}.json");
    }

    /// <summary>Shuts the server down. Safe to call more than once.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _pact.Engine.CleanupMockServer(Port);
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
