using System.Runtime.InteropServices;

namespace CarrierSim.Contracts.Interop;

/// <summary>
/// <see cref="IPactInterop"/> over the real libpact_ffi. The engine's logging and telemetry switches are
/// process-wide, so they are applied once, the first time <see cref="Instance"/> is used.
/// </summary>
internal sealed class NativePactInterop : IPactInterop
{
    /// <summary>Overrides the engine's log level (off, error, warn, info, debug, trace); warn by default.</summary>
    internal const string LogLevelVariable = "CARRIERSIM_PACT_LOG_LEVEL";

    private static readonly Lazy<NativePactInterop> Shared = new(Initialise, LazyThreadSafetyMode.ExecutionAndPublication);

    private NativePactInterop(string version) => Version = version;

    /// <summary>The process-wide instance; the first use loads the library and initialises logging.</summary>
    internal static NativePactInterop Instance => Shared.Value;

    /// <summary>What <c>pactffi_log_to_buffer</c> returned on initialisation (0, or -1 when another binding in this process got there first).</summary>
    internal static int LoggingInitialisationResult { get; private set; }

    public string Version { get; }

    public PactHandle NewPact(string consumer, string provider) => NativeMethods.NewPact(consumer, provider);

    public bool WithSpecification(PactHandle pact, PactSpecification specification) => NativeMethods.WithSpecification(pact, specification);

    public InteractionHandle NewInteraction(PactHandle pact, string description) => NativeMethods.NewInteraction(pact, description);

    public bool Given(InteractionHandle interaction, string state) => NativeMethods.Given(interaction, state);

    public int GivenWithParams(InteractionHandle interaction, string state, string parametersJson) =>
        NativeMethods.GivenWithParams(interaction, state, parametersJson);

    public bool WithRequest(InteractionHandle interaction, string method, string path) => NativeMethods.WithRequest(interaction, method, path);

    public bool WithQueryParameter(InteractionHandle interaction, string name, int index, string value) =>
        NativeMethods.WithQueryParameterV2(interaction, name, (nuint)index, value);

    public bool WithHeader(InteractionHandle interaction, InteractionPart part, string name, int index, string value) =>
        NativeMethods.WithHeaderV2(interaction, part, name, (nuint)index, value);

    public bool WithBody(InteractionHandle interaction, InteractionPart part, string contentType, string body) =>
        NativeMethods.WithBody(interaction, part, contentType, body);

    public bool ResponseStatus(InteractionHandle interaction, ushort status) => NativeMethods.ResponseStatus(interaction, status);

    public int CreateMockServer(PactHandle pact, string address, ushort port) =>
        NativeMethods.CreateMockServerForTransport(pact, address, port, "http", null);

    public bool MockServerMatched(int port) => NativeMethods.MockServerMatched(port);

    // Owned by the mock server and freed by pactffi_cleanup_mock_server: copy, never free.
    public string? MockServerMismatches(int port) => NativeMethods.Borrow(NativeMethods.MockServerMismatches(port));

    public string? MockServerLogs(int port) => NativeMethods.Borrow(NativeMethods.MockServerLogs(port));

    public bool CleanupMockServer(int port) => NativeMethods.CleanupMockServer(port);

    public int WritePactFile(PactHandle pact, string directory, bool overwrite) => NativeMethods.PactHandleWriteFile(pact, directory, overwrite);

    public bool FreePactHandle(PactHandle pact) => NativeMethods.FreePactHandle(pact) == 0;

    public nint VerifierNew(string applicationName, string applicationVersion) =>
        NativeMethods.VerifierNewForApplication(applicationName, applicationVersion);

    public void VerifierSetProviderInfo(nint verifier, string name, string scheme, string host, ushort port, string path) =>
        NativeMethods.VerifierSetProviderInfo(verifier, name, scheme, host, port, path);

    public void VerifierSetProviderState(nint verifier, string url, bool teardown, bool asBody) =>
        NativeMethods.VerifierSetProviderState(verifier, url, ToByte(teardown), ToByte(asBody));

    public int VerifierSetVerificationOptions(nint verifier, bool disableSslVerification, ulong requestTimeoutMs) =>
        NativeMethods.VerifierSetVerificationOptions(verifier, ToByte(disableSslVerification), new CULong((nuint)requestTimeoutMs));

    public int VerifierSetColouredOutput(nint verifier, bool coloured) => NativeMethods.VerifierSetColouredOutput(verifier, ToByte(coloured));

    public int VerifierSetNoPactsIsError(nint verifier, bool isError) => NativeMethods.VerifierSetNoPactsIsError(verifier, ToByte(isError));

    public void VerifierAddFileSource(nint verifier, string file) => NativeMethods.VerifierAddFileSource(verifier, file);

    public void VerifierAddDirectorySource(nint verifier, string directory) => NativeMethods.VerifierAddDirectorySource(verifier, directory);

    public void VerifierSetFilterInfo(nint verifier, string? description, string? state, bool noState) =>
        NativeMethods.VerifierSetFilterInfo(verifier, description, state, ToByte(noState));

    public int VerifierExecute(nint verifier) => NativeMethods.VerifierExecute(verifier);

    // Caller-owned: copied, then freed with pactffi_string_delete.
    public string? VerifierJson(nint verifier) => NativeMethods.TakeOwned(NativeMethods.VerifierJson(verifier));

    public string? VerifierOutput(nint verifier, bool stripAnsi) => NativeMethods.TakeOwned(NativeMethods.VerifierOutput(verifier, ToByte(stripAnsi)));

    public string? VerifierLogs(nint verifier) => NativeMethods.TakeOwned(NativeMethods.VerifierLogs(verifier));

    public void VerifierShutdown(nint verifier) => NativeMethods.VerifierShutdown(verifier);

    private static byte ToByte(bool value) => value ? (byte)1 : (byte)0;

    private static NativePactInterop Initialise()
    {
        PactLibrary.EnsureLoaded();

        // Telemetry: the engine posts usage metrics to an external analytics service unless this is set.
        // Only set it when the user has not chosen otherwise.
        if (NativeMethods.GetEnv("PACT_DO_NOT_TRACK") == 0)
        {
            _ = NativeMethods.SetEnv("PACT_DO_NOT_TRACK", "true", 0);
        }

        // The engine installs a process-global log subscriber and refuses a second one (-1). The buffer sink
        // must exist before any mock server starts, or the servers have no logs to return.
        LoggingInitialisationResult = NativeMethods.LogToBuffer(ParseLevel(Environment.GetEnvironmentVariable(LogLevelVariable)));

        return new NativePactInterop(NativeMethods.Borrow(NativeMethods.Version()) ?? "unknown");
    }

    internal static LevelFilter ParseLevel(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        "OFF" or "NONE" => LevelFilter.Off,
        "ERROR" => LevelFilter.Error,
        "INFO" => LevelFilter.Info,
        "DEBUG" => LevelFilter.Debug,
        "TRACE" => LevelFilter.Trace,
        _ => LevelFilter.Warn,
    };
}
