using System.CommandLine;

namespace CarrierSim.Cli;

/// <summary>The <c>carrier-sim</c> command tree.</summary>
internal static class CliApp
{
    /// <summary>Exit code of a command that did its job.</summary>
    public const int Ok = 0;

    /// <summary>Exit code of a command that ran and failed (verification failed, the simulator refused, a port in use…).</summary>
    public const int Failure = 1;

    /// <summary>Exit code of a command given wrong arguments (unknown option, missing file, invalid value…).</summary>
    public const int UsageError = 2;

    /// <summary>Environment variable giving the default for every <c>--url</c> option.</summary>
    public const string UrlVariable = "CARRIERSIM_URL";

    /// <summary>Environment variable giving the default for every <c>--admin-token</c> option of a client command.</summary>
    public const string AdminTokenVariable = "CARRIERSIM_ADMIN_TOKEN";

    public const string DefaultUrl = "http://127.0.0.1:8080";

    public static RootCommand Create() =>
        new("CarrierSim: a local carrier simulator and contract-test harness for phone-number APIs.")
        {
            ServeCommand.Create(),
            HealthCommand.Create(),
            VerifyCommand.Create(),
            AdminCommand.Create(),
        };

    /// <summary>Parses and runs a command line; a parse error prints its message and help, and exits <see cref="UsageError"/>.</summary>
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var parse = Create().Parse(args);

        // serve stops on SIGTERM/Ctrl+C through the host, which drains within CarrierSim:ShutdownTimeout and
        // exits 0; System.CommandLine's own handler would end the process with 143 after 2 s.
        var configuration = parse.CommandResult.Command.Name == "serve" ? new InvocationConfiguration { ProcessTerminationTimeout = null } : new InvocationConfiguration();
        var exit = await parse.InvokeAsync(configuration, cancellationToken);

        // System.CommandLine answers a parse error with 1, which scripts could not tell from a failure.
        return parse.Errors.Count > 0 ? UsageError : exit;
    }

    /// <summary>The default of a <c>--url</c> option: <c>CARRIERSIM_URL</c>, else the simulator's default address.</summary>
    public static string UrlDefault() => Environment.GetEnvironmentVariable(UrlVariable) is { Length: > 0 } url ? url : DefaultUrl;

    /// <summary>The default of a client's <c>--admin-token</c> option: <c>CARRIERSIM_ADMIN_TOKEN</c>, else none.</summary>
    public static string? AdminTokenDefault() => Environment.GetEnvironmentVariable(AdminTokenVariable) is { Length: > 0 } token ? token : null;
}
