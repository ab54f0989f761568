namespace CarrierSim.Contracts.Interop;

/// <summary>
/// The seam between the builders/verifier and libpact_ffi (pact-net keeps the same split), so that the
/// managed logic can be tested with a fake. It mirrors the FFI one to one, except that strings come back as
/// managed copies (ownership is handled by the implementation) and flags are <see cref="bool"/>.
/// </summary>
internal interface IPactInterop
{
    /// <summary>The engine version, e.g. "0.5.8".</summary>
    string Version { get; }

    PactHandle NewPact(string consumer, string provider);

    bool WithSpecification(PactHandle pact, PactSpecification specification);

    InteractionHandle NewInteraction(PactHandle pact, string description);

    bool Given(InteractionHandle interaction, string state);

    /// <summary>0 ok, 1 mock server already started, 2 invalid JSON, 3 invalid C string.</summary>
    int GivenWithParams(InteractionHandle interaction, string state, string parametersJson);

    bool WithRequest(InteractionHandle interaction, string method, string path);

    bool WithQueryParameter(InteractionHandle interaction, string name, int index, string value);

    bool WithHeader(InteractionHandle interaction, InteractionPart part, string name, int index, string value);

    bool WithBody(InteractionHandle interaction, InteractionPart part, string contentType, string body);

    bool ResponseStatus(InteractionHandle interaction, ushort status);

    /// <summary>The bound port (&gt; 0) or a negative pact_ffi error code.</summary>
    int CreateMockServer(PactHandle pact, string address, ushort port);

    bool MockServerMatched(int port);

    /// <summary>The JSON array of mismatches, or null for an unknown port.</summary>
    string? MockServerMismatches(int port);

    string? MockServerLogs(int port);

    bool CleanupMockServer(int port);

    /// <summary>0 ok, 1 panic, 2 I/O error, 3 unknown handle.</summary>
    int WritePactFile(PactHandle pact, string directory, bool overwrite);

    /// <summary>True when the handle existed and was freed.</summary>
    bool FreePactHandle(PactHandle pact);

    /// <summary>A verifier handle, or 0 on failure.</summary>
    nint VerifierNew(string applicationName, string applicationVersion);

    void VerifierSetProviderInfo(nint verifier, string name, string scheme, string host, ushort port, string path);

    void VerifierSetProviderState(nint verifier, string url, bool teardown, bool asBody);

    int VerifierSetVerificationOptions(nint verifier, bool disableSslVerification, ulong requestTimeoutMs);

    int VerifierSetColouredOutput(nint verifier, bool coloured);

    int VerifierSetNoPactsIsError(nint verifier, bool isError);

    void VerifierAddFileSource(nint verifier, string file);

    void VerifierAddDirectorySource(nint verifier, string directory);

    void VerifierSetFilterInfo(nint verifier, string? description, string? state, bool noState);

    /// <summary>0 all passed, 1 verification failed, 2 the verification could not run.</summary>
    int VerifierExecute(nint verifier);

    string? VerifierJson(nint verifier);

    string? VerifierOutput(nint verifier, bool stripAnsi);

    string? VerifierLogs(nint verifier);

    void VerifierShutdown(nint verifier);
}
