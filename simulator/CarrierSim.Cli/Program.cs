using System.CommandLine;
using CarrierSim.Cli;

var parse = CliApp.Create().Parse(args);

// serve stops on SIGTERM/Ctrl+C through the host, which drains within CarrierSim:ShutdownTimeout and
// exits 0; System.CommandLine's own handler would end the process with 143 after 2 s.
return await parse.InvokeAsync(parse.CommandResult.Command.Name == "serve" ? new InvocationConfiguration { ProcessTerminationTimeout = null } : null);
