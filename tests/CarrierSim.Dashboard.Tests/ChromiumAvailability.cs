namespace CarrierSim.Dashboard.Tests;

/// <summary>
/// Decides whether the browser tests can run: they drive Debian's <c>chromium</c> (or the executable
/// named by <c>CARRIERSIM_CHROMIUM</c>), because Playwright's own browser download is unreachable here.
/// Without it a test is skipped, visibly, with the reason, except under CI (<c>CI=true</c>), where
/// <c>.ci/run</c> installs it and a missing browser fails the test.
/// </summary>
internal static class ChromiumAvailability
{
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("CARRIERSIM_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why the browser cannot be used, or null when it is there.</summary>
    public static string? Problem => File.Exists(ExecutablePath) ? null : $"no browser at {ExecutablePath}";

    /// <summary>Returns when chromium is there; otherwise skips the test (or fails it under CI).</summary>
    public static void Require()
    {
        if (Problem is not { } problem)
        {
            return;
        }

        if (IsCi)
        {
            Assert.Fail($"CI=true requires chromium for the dashboard's browser tests, but there is {problem}. .ci/run installs it (apt-get install -y chromium).");
        }

        Assert.Skip($"Browser test skipped: {problem}. Install it (apt-get install -y chromium) or set CARRIERSIM_CHROMIUM to a Chromium executable to run it.");
    }
}
