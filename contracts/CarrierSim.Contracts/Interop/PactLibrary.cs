using System.Reflection;
using System.Runtime.InteropServices;

namespace CarrierSim.Contracts.Interop;

/// <summary>
/// Finds and loads libpact_ffi. The build copies <c>libpact_ffi.so</c> next to the assemblies of every project
/// that references CarrierSim.Contracts; the package ships it as a linux-x64 runtime asset
/// (<c>runtimes/linux-x64/native/</c>); <c>CARRIERSIM_PACT_FFI</c> can point at another copy.
/// </summary>
internal static class PactLibrary
{
    internal const string FileName = "libpact_ffi.so";
    internal const string OverrideVariable = "CARRIERSIM_PACT_FFI";
    internal const string LibcName = "libc";

    private static readonly Lazy<nint> Handle = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Called once, from the type initializer of <see cref="NativeMethods"/>.</summary>
    internal static void RegisterResolver(Assembly assembly) => NativeLibrary.SetDllImportResolver(assembly, Resolve);

    /// <summary>Loads the library now, turning "not found" into a <see cref="PactException"/> that says how to fix it.</summary>
    internal static void EnsureLoaded() => _ = Handle.Value;

    internal static IEnumerable<string> CandidatePaths()
    {
        var configured = Environment.GetEnvironmentVariable(OverrideVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            yield return configured;
        }

        yield return Path.Combine(AppContext.BaseDirectory, FileName);

        // Where NuGet puts the CarrierSim.Contracts package's runtime asset in a RID-less build or publish.
        yield return Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", FileName);
        var assemblyDirectory = Path.GetDirectoryName(typeof(PactLibrary).Assembly.Location);
        if (!string.IsNullOrEmpty(assemblyDirectory))
        {
            yield return Path.Combine(assemblyDirectory, FileName);
        }
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName == NativeMethods.LibraryName)
        {
            return Handle.Value;
        }

        // "libc" alone does not resolve on glibc systems (libc.so is a linker script); the soname does.
        if (libraryName == LibcName && OperatingSystem.IsLinux())
        {
            return NativeLibrary.Load("libc.so.6");
        }

        return 0;
    }

    private static nint Load()
    {
        var tried = new List<string>();
        foreach (var candidate in CandidatePaths())
        {
            tried.Add(candidate);
            if (File.Exists(candidate))
            {
                try
                {
                    return NativeLibrary.Load(candidate);
                }
                catch (DllNotFoundException ex)
                {
                    throw new PactException($"The Pact engine at '{candidate}' could not be loaded: {ex.Message}", ex);
                }
            }
        }

        throw new PactException(
            $"The Pact engine ({FileName}) was not found; looked in: {string.Join(", ", tried.Distinct())}. " +
            "Building a project that references CarrierSim.Contracts restores it from contracts/native (npm ci) and " +
            $"copies it next to the assemblies; or set {OverrideVariable} to the path of a libpact_ffi.so 0.5.8 (linux-x64, glibc).");
    }
}
