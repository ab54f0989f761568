using CarrierSim.Contracts.Tests.Support;

namespace CarrierSim.Contracts.Tests.Verifier;

/// <summary>The verifier against a fake engine: how options reach the engine, and how its verdict is read.</summary>
public sealed class PactVerifierTests : IDisposable
{
    private readonly FakePactInterop _engine = new();
    private readonly TemporaryDirectory _temp = new();
    private readonly string _pactFile;

    public PactVerifierTests()
    {
        _pactFile = Path.Combine(_temp.Path, "carriersim-docs-dialstack.json");
        File.WriteAllText(_pactFile, "{}");
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task VerifyAsync_AllOptions_AreHandedToTheEngineThenTheHandleIsShutDown()
    {
        var verifier = new PactVerifier(
            new VerificationOptions
            {
                ProviderName = "dialstack",
                ProviderBaseUrl = new Uri("http://127.0.0.1:8080/dialstack/"),
                PactFiles = [_pactFile],
                PactDirectories = [_temp.Path],
                StateChangeUrl = new Uri("http://127.0.0.1:8080/__admin/provider-states"),
                StateChangeTeardown = true,
                FilterDescription = "^an order",
                FilterState = "available",
                RequestTimeout = TimeSpan.FromSeconds(2),
            },
            () => _engine);

        await verifier.VerifyAsync();

        Assert.Equal(
        [
            "VerifierNew(carriersim-contracts)",
            "VerifierSetProviderInfo(77,dialstack,http,127.0.0.1,8080,/dialstack)",
            "VerifierSetProviderState(77,http://127.0.0.1:8080/__admin/provider-states,True,True)",
            "VerifierSetVerificationOptions(77,False,2000)",
            "VerifierSetColouredOutput(77,False)",
            "VerifierSetNoPactsIsError(77,True)",
            "VerifierSetFilterInfo(77,^an order,available,False)",
            $"VerifierAddFileSource(77,{_pactFile})",
            $"VerifierAddDirectorySource(77,{_temp.Path})",
            "VerifierExecute(77)",
            "VerifierJson(77)",
            "VerifierOutput(77,True)",
            "VerifierShutdown(77)",
        ], _engine.Calls);
    }

    [Fact]
    public async Task VerifyAsync_NoStateUrlNoFilters_SkipsThoseCalls()
    {
        await new PactVerifier(Options(), () => _engine).VerifyAsync();

        Assert.Empty(_engine.CallsNamed("VerifierSetProviderState"));
        Assert.Empty(_engine.CallsNamed("VerifierSetFilterInfo"));
    }

    [Fact]
    public async Task VerifyAsync_StateChangeHeaders_GiveTheEngineALoopbackRelayInstead()
    {
        await new PactVerifier(
            new VerificationOptions
            {
                ProviderName = "dialstack",
                ProviderBaseUrl = new Uri("http://127.0.0.1:8080/dialstack"),
                PactFiles = [_pactFile],
                StateChangeUrl = new Uri("http://10.9.8.7:8080/__admin/provider-states"),
                StateChangeHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer t" },
            },
            () => _engine).VerifyAsync();

        var call = Assert.Single(_engine.CallsNamed("VerifierSetProviderState"));
        Assert.StartsWith("VerifierSetProviderState(77,http://127.0.0.1:", call, StringComparison.Ordinal);
        Assert.DoesNotContain("10.9.8.7", call, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_StateChangeHeadersWithoutUrl_Throws() =>
        Assert.Throws<ArgumentException>(() => new PactVerifier(
            new VerificationOptions
            {
                ProviderName = "dialstack",
                ProviderBaseUrl = new Uri("http://127.0.0.1:8080/dialstack"),
                PactFiles = [_pactFile],
                StateChangeHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer t" },
            },
            () => _engine));

    [Fact]
    public async Task VerifyAsync_EngineCannotCreateVerifier_Throws()
    {
        _engine.VerifierHandle = 0;

        await Assert.ThrowsAsync<PactException>(() => new PactVerifier(Options(), () => _engine).VerifyAsync());
    }

    [Fact]
    public async Task VerifyAsync_ZeroInteractionsVerified_IsAFailureEvenWhenTheEngineSaysOk()
    {
        _engine.ExecuteResult = 0;

        var result = await new PactVerifier(Options(), () => _engine).VerifyAsync();

        Assert.Equal(0, result.EngineExitCode);
        Assert.Equal(0, result.VerifiedCount);
        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task VerifyAsync_EngineOkWithPassingInteractions_Succeeds()
    {
        _engine.Json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "ffi-verifier-json-success.json"));

        var result = await new PactVerifier(Options(), () => _engine).VerifyAsync();

        Assert.True(result.Succeeded);
        Assert.Equal(2, result.VerifiedCount);
        Assert.Equal("engine output", result.Output);
    }

    [Fact]
    public async Task VerifyAsync_EngineSaysFailedEvenIfEveryInteractionPassed_IsAFailure()
    {
        _engine.Json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "ffi-verifier-json-success.json"));
        _engine.ExecuteResult = 1;

        var result = await new PactVerifier(Options(), () => _engine).VerifyAsync();

        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task VerifyAsync_EngineCouldNotRun_ReportsAnError()
    {
        _engine.ExecuteResult = 2;
        _engine.Json = null;

        var result = await new PactVerifier(Options(), () => _engine).VerifyAsync();

        Assert.False(result.Succeeded);
        Assert.NotEmpty(result.Errors);
        Assert.Contains("could not run", result.FormatReport(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080", "/")]
    [InlineData("http://127.0.0.1:8080/", "/")]
    [InlineData("http://127.0.0.1:8080/dialstack", "/dialstack")]
    [InlineData("http://127.0.0.1:8080/sim/dialstack/", "/sim/dialstack")]
    public void BasePath_TrailingSlash_IsDropped(string url, string expected) =>
        Assert.Equal(expected, PactVerifier.BasePath(new Uri(url)));

    [Fact]
    public void Constructor_NoPactSource_Throws() =>
        Assert.Throws<ArgumentException>(() => new PactVerifier(Options() with { PactFiles = [] }, () => _engine));

    [Fact]
    public void Constructor_MissingPactFile_Throws() =>
        Assert.Throws<FileNotFoundException>(() => new PactVerifier(Options() with { PactFiles = [Path.Combine(_temp.Path, "none.json")] }, () => _engine));

    [Fact]
    public void Constructor_MissingPactFolder_Throws() =>
        Assert.Throws<DirectoryNotFoundException>(() => new PactVerifier(Options() with { PactFiles = [], PactDirectories = [Path.Combine(_temp.Path, "none")] }, () => _engine));

    [Theory]
    [InlineData("ftp://127.0.0.1/")]
    [InlineData("http://127.0.0.1/x?y=1")]
    public void Constructor_UnusableBaseUrl_Throws(string url) =>
        Assert.Throws<ArgumentException>(() => new PactVerifier(Options() with { ProviderBaseUrl = new Uri(url) }, () => _engine));

    [Fact]
    public void Constructor_BlankProviderName_Throws() =>
        Assert.ThrowsAny<ArgumentException>(() => new PactVerifier(Options() with { ProviderName = " " }, () => _engine));

    private VerificationOptionsDraft Options() => new(_pactFile);

    /// <summary>VerificationOptions is init-only; this record gives the tests `with` expressions over it.</summary>
    private sealed record VerificationOptionsDraft(string PactFile)
    {
        public string ProviderName { get; init; } = "dialstack";

        public Uri ProviderBaseUrl { get; init; } = new("http://127.0.0.1:8080/dialstack");

        public IReadOnlyList<string> PactFiles { get; init; } = [PactFile];

        public IReadOnlyList<string> PactDirectories { get; init; } = [];

        public static implicit operator VerificationOptions(VerificationOptionsDraft draft) => new()
        {
            ProviderName = draft.ProviderName,
            ProviderBaseUrl = draft.ProviderBaseUrl,
            PactFiles = draft.PactFiles,
            PactDirectories = draft.PactDirectories,
        };
    }
}
