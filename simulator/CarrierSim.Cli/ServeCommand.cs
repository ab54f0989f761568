using System.CommandLine;
using System.Globalization;
using CarrierSim.Server.Hosting;
using Microsoft.Extensions.Options;

namespace CarrierSim.Cli;

/// <summary><c>carrier-sim serve</c>: runs the simulator until Ctrl+C.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var port = new Option<int?>("--port", "-p") { Description = "Port for all dialects (default 8080)." };
        var bind = new Option<string?>("--bind") { Description = "Address to listen on (default 127.0.0.1; 0.0.0.0 for all interfaces, which makes the admin API require a token)." };
        var seed = new Option<long?>("--seed") { Description = "Seed for inventory, ids and chaos (default 42)." };
        var config = new Option<FileInfo?>("--config") { Description = "JSON config file with a \"CarrierSim\" section (accounts, dialect ports…)." };
        var dialects = new Option<string[]>("--dialects") { Description = "Dialects to serve (default: all four).", AllowMultipleArgumentsPerToken = true };
        var dialectPort = new Option<string[]>("--dialect-port") { Description = "Serve a dialect at the root of its own port too, e.g. dialstack=8081." };
        var adminToken = new Option<string?>("--admin-token") { Description = "Bearer token the admin API requires (required beyond loopback; at least 16 characters)." };
        var pendingFor = new Option<double?>("--order-pending-seconds") { Description = "How long orders stay pending (default 1)." };
        var scenario = new Option<string?>("--scenario") { Description = "Chaos scenario to start with: happy, contested-inventory, slow-carrier, flaky-network, partial-fills, outage, or a JSON/YAML file." };
        var allowHttp = new Option<bool>("--allow-http-callbacks") { Description = "Accept plain-http callback URLs on loopback hosts (for tests; the vendor requires https)." };

        var command = new Command("serve", "Start the simulator: all dialects on http://localhost:8080/{dialect}.")
        {
            port, bind, seed, config, dialects, dialectPort, adminToken, pendingFor, scenario, allowHttp,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var settings = new Dictionary<string, string?>();
            void Set(string key, object? value)
            {
                if (value is not null)
                {
                    settings[$"{CarrierSimOptions.Section}:{key}"] = Convert.ToString(value, CultureInfo.InvariantCulture);
                }
            }

            Set("Port", parse.GetValue(port));
            Set("BindAddress", parse.GetValue(bind));
            Set("Seed", parse.GetValue(seed));
            Set("AdminToken", parse.GetValue(adminToken));
            if (parse.GetValue(allowHttp))
            {
                Set("AllowHttpCallbacks", true);
            }

            if (parse.GetValue(scenario) is { } scenarioName)
            {
                Set("Scenario", File.Exists(scenarioName) ? Path.GetFullPath(scenarioName) : scenarioName);
            }
            if (parse.GetValue(pendingFor) is { } seconds)
            {
                Set("OrderPendingFor", TimeSpan.FromSeconds(seconds).ToString("c", CultureInfo.InvariantCulture));
            }

            var chosen = parse.GetValue(dialects) ?? [];
            var list = chosen.SelectMany(d => d.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            var unknown = list.Where(d => !CarrierSimOptions.AllDialects.Contains(d.ToLowerInvariant())).ToList();
            if (unknown.Count > 0)
            {
                await Console.Error.WriteLineAsync($"Unknown dialect(s): {string.Join(", ", unknown)}. Choose from: {string.Join(", ", CarrierSimOptions.AllDialects)}.");
                return 2;
            }

            for (var i = 0; i < list.Count; i++)
            {
                Set($"Dialects:{i}", list[i].ToLowerInvariant());
            }

            foreach (var pair in parse.GetValue(dialectPort) ?? [])
            {
                var parts = pair.Split('=', 2);
                if (parts.Length != 2 || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var dialectPortNumber) || !CarrierSimOptions.AllDialects.Contains(parts[0].ToLowerInvariant()))
                {
                    await Console.Error.WriteLineAsync($"--dialect-port '{pair}' must look like dialstack=8081.");
                    return 2;
                }

                Set($"DialectPorts:{parts[0].ToLowerInvariant()}", dialectPortNumber);
            }

            var configFile = parse.GetValue(config);
            if (configFile is { Exists: false })
            {
                await Console.Error.WriteLineAsync($"Config file '{configFile.FullName}' does not exist.");
                return 2;
            }

            WebApplication app;
            try
            {
                app = CarrierSimApp.CreateBuilder([], settings, configFile?.FullName).Build().UseCarrierSim();
                var options = app.Services.GetRequiredService<IOptions<CarrierSimOptions>>().Value;
                if (!CarrierSimApp.IsLoopback(options.BindAddress) && string.IsNullOrEmpty(options.AdminToken))
                {
                    await Console.Error.WriteLineAsync($"Bound to {options.BindAddress}, beyond loopback: pass --admin-token (or CarrierSim__AdminToken, at least {CarrierSimOptions.MinAdminTokenLength} characters) so the admin API is not open to the network.");
                    return 2;
                }

                await app.StartAsync(cancellation);
                Banner.Print(app, options);
            }
            catch (Exception e) when (e is OptionsValidationException or IOException or InvalidOperationException or FormatException or ArgumentException)
            {
                await Console.Error.WriteLineAsync($"carrier-sim could not start: {e.Message}");
                return 1;
            }

            await app.WaitForShutdownAsync(cancellation);
            await app.DisposeAsync();
            return 0;
        });
        return command;
    }
}
