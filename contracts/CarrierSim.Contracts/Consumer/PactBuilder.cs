using CarrierSim.Contracts.Interop;

namespace CarrierSim.Contracts;

/// <summary>
/// Builds a Pact V4 contract between a consumer and a provider: declare the interactions, then start a
/// <see cref="MockServer"/>, exercise it with a real HTTP client, check that every request matched, and write
/// the pact file. Declare all interactions before starting the server: the engine ignores later changes.
/// </summary>
/// <example>
/// <code>
/// using var pact = new PactBuilder("carriersim-docs", "dialnexa");
/// pact.UponReceiving("a purchase of an available number")
///     .Given("number {number} is available", new Dictionary&lt;string, object?&gt; { ["number"] = "+14155550123" })
///     .WithRequest("POST", "/v1/organization-phone-numbers/purchase")
///     .WithJsonBody(new { phone_number = "+14155550123" })
///     .WillRespondWith(201)
///     .WithJsonBody(new { id = Match.Regex("phn_abc123", "^phn_\\w+$") });
/// using var server = pact.StartMockServer();
/// // ... send the request to server.BaseUri ...
/// server.WritePactFile("contracts/pacts/dialnexa");
/// </code>
/// </example>
public sealed class PactBuilder : IDisposable
{
    private readonly IPactInterop _interop;
    private readonly HashSet<string> _descriptions = new(StringComparer.Ordinal);
    private bool _serverStarted;
    private bool _disposed;

    /// <summary>Creates a pact between <paramref name="consumer"/> and <paramref name="provider"/>, driven by the real Pact engine.</summary>
    /// <param name="consumer">The consumer name; it becomes the first half of the pact file name.</param>
    /// <param name="provider">The provider name; the verifier selects pacts by it.</param>
    /// <exception cref="PactException">The Pact engine cannot be loaded.</exception>
    public PactBuilder(string consumer, string provider)
        : this(consumer, provider, NativePactInterop.Instance)
    {
    }

    internal PactBuilder(string consumer, string provider, IPactInterop interop)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(consumer);
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        _interop = interop;
        Consumer = consumer;
        Provider = provider;
        Handle = interop.NewPact(consumer, provider);
        EngineCall.Check(interop.WithSpecification(Handle, PactSpecification.V4), "set the pact specification to V4");
    }

    /// <summary>The consumer name.</summary>
    public string Consumer { get; }

    /// <summary>The provider name.</summary>
    public string Provider { get; }

    internal PactHandle Handle { get; }

    internal IPactInterop Engine => _interop;

    /// <summary>Starts a new interaction.</summary>
    /// <param name="description">What the consumer does, unique within the pact (e.g. "a search for numbers by area code").</param>
    /// <returns>The interaction, to add provider states and the request to.</returns>
    /// <exception cref="ArgumentException">The description is already used in this pact (the engine would silently replace the first one).</exception>
    /// <exception cref="InvalidOperationException">A mock server was already started from this pact.</exception>
    public InteractionBuilder UponReceiving(string description)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        ThrowIfUnusable();
        if (!_descriptions.Add(description))
        {
            throw new ArgumentException($"The pact already has an interaction described as '{description}'.", nameof(description));
        }

        return new InteractionBuilder(this, _interop.NewInteraction(Handle, description), description);
    }

    /// <summary>Starts a mock server for this pact on 127.0.0.1 and a free port.</summary>
    /// <returns>The running server; dispose it to shut it down.</returns>
    /// <exception cref="PactException">The engine could not start the server.</exception>
    public MockServer StartMockServer()
    {
        ThrowIfUnusable();
        var port = _interop.CreateMockServer(Handle, "127.0.0.1", 0);
        if (port <= 0)
        {
            throw new PactException($"The Pact engine could not start a mock server for {Consumer} → {Provider}: {DescribeStartError(port)} (code {port}).");
        }

        _serverStarted = true;
        return new MockServer(this, port);
    }

    /// <summary>Frees the engine's copy of the pact. Dispose mock servers first.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _interop.FreePactHandle(Handle);
    }

    internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    internal void ThrowIfUnusable()
    {
        ThrowIfDisposed();
        if (_serverStarted)
        {
            throw new InvalidOperationException("A mock server was already started from this pact; the engine ignores changes made after that. Declare every interaction first.");
        }
    }

    internal static string DescribeStartError(int code) => code switch
    {
        -1 => "invalid pact handle",
        -2 => "invalid transport configuration",
        -3 => "the server could not start (is the port in use?)",
        -4 => "the engine panicked",
        -5 => "invalid address",
        _ => "unknown error",
    };
}
