using CarrierSim.Cli;

return await CliApp.RunAsync(args);
