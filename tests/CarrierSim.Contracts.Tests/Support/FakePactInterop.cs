using CarrierSim.Contracts.Interop;

namespace CarrierSim.Contracts.Tests.Support;

/// <summary>Records every engine call as text and returns configurable results, so the managed side can be tested without libpact_ffi.</summary>
internal sealed class FakePactInterop : IPactInterop
{
    private ushort _nextPact = 1;
    private uint _nextInteraction = 1;

    public List<string> Calls { get; } = [];

    /// <summary>Calls whose name is in this set return false (or a failure code).</summary>
    public HashSet<string> Failing { get; } = [];

    public int MockServerPort { get; set; } = 40123;

    public bool Matched { get; set; } = true;

    public string? Mismatches { get; set; } = "[]";

    public int WriteResult { get; set; }

    public int GivenWithParamsResult { get; set; }

    public nint VerifierHandle { get; set; } = 77;

    public int ExecuteResult { get; set; }

    public string? Json { get; set; } = """{"errors":[],"interactionResults":[],"notices":[],"output":[],"pendingErrors":[],"result":true}""";

    public string? Output { get; set; } = "engine output";

    public string Version => "0.0.0-fake";

    public IEnumerable<string> CallsNamed(string name) => Calls.Where(c => c.StartsWith(name + "(", StringComparison.Ordinal));

    public PactHandle NewPact(string consumer, string provider) => Record(new PactHandle(_nextPact++), $"NewPact({consumer},{provider})");

    public bool WithSpecification(PactHandle pact, PactSpecification specification) => Ok("WithSpecification", $"{pact.Value},{specification}");

    public InteractionHandle NewInteraction(PactHandle pact, string description) => Record(new InteractionHandle(_nextInteraction++), $"NewInteraction({pact.Value},{description})");

    public bool Given(InteractionHandle interaction, string state) => Ok("Given", $"{interaction.Value},{state}");

    public int GivenWithParams(InteractionHandle interaction, string state, string parametersJson) =>
        Record(GivenWithParamsResult, $"GivenWithParams({interaction.Value},{state},{parametersJson})");

    public bool WithRequest(InteractionHandle interaction, string method, string path) => Ok("WithRequest", $"{interaction.Value},{method},{path}");

    public bool WithQueryParameter(InteractionHandle interaction, string name, int index, string value) => Ok("WithQueryParameter", $"{interaction.Value},{name},{index},{value}");

    public bool WithHeader(InteractionHandle interaction, InteractionPart part, string name, int index, string value) => Ok("WithHeader", $"{interaction.Value},{part},{name},{index},{value}");

    public bool WithBody(InteractionHandle interaction, InteractionPart part, string contentType, string body) => Ok("WithBody", $"{interaction.Value},{part},{contentType},{body}");

    public bool ResponseStatus(InteractionHandle interaction, ushort status) => Ok("ResponseStatus", $"{interaction.Value},{status}");

    public int CreateMockServer(PactHandle pact, string address, ushort port) => Record(MockServerPort, $"CreateMockServer({pact.Value},{address},{port})");

    public bool MockServerMatched(int port) => Record(Matched, $"MockServerMatched({port})");

    public string? MockServerMismatches(int port) => Record(Mismatches, $"MockServerMismatches({port})");

    public string? MockServerLogs(int port) => Record<string?>("log line", $"MockServerLogs({port})");

    public bool CleanupMockServer(int port) => Ok("CleanupMockServer", $"{port}");

    public int WritePactFile(PactHandle pact, string directory, bool overwrite) => Record(WriteResult, $"WritePactFile({pact.Value},{directory},{overwrite})");

    public bool FreePactHandle(PactHandle pact) => Ok("FreePactHandle", $"{pact.Value}");

    public nint VerifierNew(string applicationName, string applicationVersion) => Record(VerifierHandle, $"VerifierNew({applicationName})");

    public void VerifierSetProviderInfo(nint verifier, string name, string scheme, string host, ushort port, string path) =>
        Calls.Add($"VerifierSetProviderInfo({verifier},{name},{scheme},{host},{port},{path})");

    public void VerifierSetProviderState(nint verifier, string url, bool teardown, bool asBody) =>
        Calls.Add($"VerifierSetProviderState({verifier},{url},{teardown},{asBody})");

    public int VerifierSetVerificationOptions(nint verifier, bool disableSslVerification, ulong requestTimeoutMs) =>
        Record(0, $"VerifierSetVerificationOptions({verifier},{disableSslVerification},{requestTimeoutMs})");

    public int VerifierSetColouredOutput(nint verifier, bool coloured) => Record(0, $"VerifierSetColouredOutput({verifier},{coloured})");

    public int VerifierSetNoPactsIsError(nint verifier, bool isError) => Record(0, $"VerifierSetNoPactsIsError({verifier},{isError})");

    public void VerifierAddFileSource(nint verifier, string file) => Calls.Add($"VerifierAddFileSource({verifier},{file})");

    public void VerifierAddDirectorySource(nint verifier, string directory) => Calls.Add($"VerifierAddDirectorySource({verifier},{directory})");

    public void VerifierSetFilterInfo(nint verifier, string? description, string? state, bool noState) =>
        Calls.Add($"VerifierSetFilterInfo({verifier},{description ?? "<null>"},{state ?? "<null>"},{noState})");

    public int VerifierExecute(nint verifier) => Record(ExecuteResult, $"VerifierExecute({verifier})");

    public string? VerifierJson(nint verifier) => Record(Json, $"VerifierJson({verifier})");

    public string? VerifierOutput(nint verifier, bool stripAnsi) => Record(Output, $"VerifierOutput({verifier},{stripAnsi})");

    public string? VerifierLogs(nint verifier) => Record<string?>(string.Empty, $"VerifierLogs({verifier})");

    public void VerifierShutdown(nint verifier) => Calls.Add($"VerifierShutdown({verifier})");

    private bool Ok(string name, string arguments)
    {
        Calls.Add($"{name}({arguments})");
        return !Failing.Contains(name);
    }

    private T Record<T>(T result, string call)
    {
        Calls.Add(call);
        return result;
    }
}
