using System.CommandLine;

namespace CarrierSim.Cli;

/// <summary>The <c>carrier-sim</c> command tree.</summary>
internal static class CliApp
{
    public static RootCommand Create() =>
        new("CarrierSim: a local carrier simulator and contract-test harness for phone-number APIs.")
        {
            ServeCommand.Create(),
            HealthCommand.Create(),
            VerifyCommand.Create(),
            AdminCommand.Create(),
        };
}
