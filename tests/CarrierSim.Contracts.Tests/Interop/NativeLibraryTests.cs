using CarrierSim.Contracts.Interop;

namespace CarrierSim.Contracts.Tests.Interop;

/// <summary>The build delivers libpact_ffi next to the test assembly and the binding loads the pinned version.</summary>
public sealed class NativeLibraryTests
{
    [Fact]
    public void Build_CopiesTheEngineNextToTheAssemblies() =>
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, PactLibrary.FileName)));

    [Fact]
    public void Build_CopiesTheCommittedPactsNextToTheAssemblies()
    {
        foreach (var dialect in new[] { "dialstack", "agentmessage", "dialnexa", "identitycall" })
        {
            Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "pacts", dialect, $"carriersim-docs-{dialect}.json")), dialect);
        }
    }

    [Fact]
    public void Engine_IsThePinnedVersion_AndLoggingWasInitialisedOnce()
    {
        var engine = NativePactInterop.Instance;

        Assert.Equal("0.5.8", engine.Version);
        Assert.Same(engine, NativePactInterop.Instance);
        Assert.Equal(0, NativePactInterop.LoggingInitialisationResult);
    }

    [Fact]
    public void Engine_TelemetryIsOff()
    {
        _ = NativePactInterop.Instance;

        Assert.Equal("true", System.Runtime.InteropServices.Marshal.PtrToStringUTF8(NativeMethods.GetEnv("PACT_DO_NOT_TRACK")), ignoreCase: true);
    }
}
