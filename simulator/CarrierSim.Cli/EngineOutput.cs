using System.Runtime.InteropServices;

namespace CarrierSim.Cli;

/// <summary>
/// The Pact engine (libpact_ffi) prints its whole report to the process's standard output itself, below
/// <see cref="Console"/>: hundreds of lines per dialect. <c>verify</c> prints its own summary instead (and the
/// engine's report, as the engine returns it, only with <c>--verbose</c>), so file descriptor 1 points to
/// /dev/null while the engine runs.
/// </summary>
internal static class EngineOutput
{
    private const int StandardOutput = 1;

    // Two silenced runs at once (tests in one process) would save and restore each other's descriptors.
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task<T> SilenceAsync<T>(Func<Task<T>> run)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return await run();
        }

        await Gate.WaitAsync();
        try
        {
            return await SilenceCoreAsync(run);
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<T> SilenceCoreAsync<T>(Func<Task<T>> run)
    {
        await Console.Out.FlushAsync();
        using var devNull = File.OpenHandle("/dev/null", FileMode.Open, FileAccess.Write);
        var saved = NativeMethods.Dup(StandardOutput);
        if (saved < 0 || NativeMethods.Dup2((int)devNull.DangerousGetHandle(), StandardOutput) < 0)
        {
            if (saved >= 0)
            {
                _ = NativeMethods.Close(saved);
            }

            return await run();
        }

        try
        {
            return await run();
        }
        finally
        {
            _ = NativeMethods.Dup2(saved, StandardOutput);
            _ = NativeMethods.Close(saved);
        }
    }

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "dup")]
        public static extern int Dup(int fd);

        [DllImport("libc", EntryPoint = "dup2")]
        public static extern int Dup2(int from, int to);

        [DllImport("libc", EntryPoint = "close")]
        public static extern int Close(int fd);
    }
}
