using System.CommandLine;
using CarrierSim.Cli;

var root = new RootCommand("CarrierSim: a local carrier simulator and contract-test harness for phone-number APIs.")
{
    ServeCommand.Create(),
    HealthCommand.Create(),
    VerifyCommand.Create(),
    AdminCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
