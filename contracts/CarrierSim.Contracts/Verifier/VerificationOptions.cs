namespace CarrierSim.Contracts;

/// <summary>What <see cref="PactVerifier"/> verifies, and against what.</summary>
public sealed class VerificationOptions
{
    /// <summary>
    /// The provider's name. Pacts are selected by it: a pact file or folder whose provider has another name
    /// verifies nothing, which the result reports as a failure. For CarrierSim it is the dialect id.
    /// </summary>
    public required string ProviderName { get; init; }

    /// <summary>
    /// The provider's base URL; each interaction's path is appended to it
    /// (e.g. http://127.0.0.1:8080/dialstack for the simulator's DialStack dialect).
    /// </summary>
    public required Uri ProviderBaseUrl { get; init; }

    /// <summary>Pact files to verify.</summary>
    public IReadOnlyList<string> PactFiles { get; init; } = [];

    /// <summary>Folders of pact files to verify. Only files directly inside are read, not subfolders; every file there must be a pact.</summary>
    public IReadOnlyList<string> PactDirectories { get; init; } = [];

    /// <summary>
    /// Where the verifier POSTs <c>{"action":"setup","state":…,"params":{…}}</c> before each interaction (also
    /// with state "" for interactions without one). Answer 2xx, and 4xx rather than 5xx for unknown states:
    /// the engine retries 5xx for about two minutes. Null skips provider states.
    /// </summary>
    public Uri? StateChangeUrl { get; init; }

    /// <summary>
    /// Headers to send with every state-change request, such as <c>Authorization: Bearer &lt;admin token&gt;</c>.
    /// The engine cannot add headers to those requests, so when this is set the verifier relays them
    /// through a listener of its own on 127.0.0.1.
    /// </summary>
    public IReadOnlyDictionary<string, string> StateChangeHeaders { get; init; } = new Dictionary<string, string>();

    /// <summary>Also POST <c>"action":"teardown"</c> after each interaction.</summary>
    public bool StateChangeTeardown { get; init; }

    /// <summary>Only verify interactions whose description matches this regular expression.</summary>
    public string? FilterDescription { get; init; }

    /// <summary>Only verify interactions with a provider state matching this regular expression.</summary>
    public string? FilterState { get; init; }

    /// <summary>Only verify interactions that have no provider state.</summary>
    public bool FilterNoState { get; init; }

    /// <summary>Timeout of each request to the provider and to the state-change URL (default 5 s).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
