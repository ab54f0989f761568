using CarrierSim.Cli;

return await CliApp.Create().Parse(args).InvokeAsync();
