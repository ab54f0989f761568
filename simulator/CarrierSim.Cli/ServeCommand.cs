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
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No request log (the banner and errors still print)." };
        var store = new Option<string?>("--store") { Description = "Where the state lives: memory (default) or postgres://user:password@host:5432/database, shared by every replica over that database and kept across restarts." };
        var logFormat = new Option<LogFormat>("--log-format") { Description = "How to print the request log and other logs: text (one line per request) or json (one JSON object per line; the banner then goes to standard error)." };

        var command = new Command("serve", "Start the simulator: all dialects on http://localhost:8080/{dialect}.")
        {
            port, bind, seed, config, dialects, dialectPort, adminToken, pendingFor, scenario, allowHttp, quiet, logFormat, store,
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
            Set("Store", parse.GetValue(store));
            if (parse.GetValue(allowHttp))
            {
                Set("AllowHttpCallbacks", true);
            }

            if (parse.GetValue(scenario) is { } scenarioName)
            {
                if (!File.Exists(scenarioName) && AdminCommand.LooksLikeFile(scenarioName))
                {
                    await Console.Error.WriteLineAsync($"Scenario file '{Path.GetFullPath(scenarioName)}' does not exist. Give an existing JSON/YAML file or a built-in scenario: {string.Join(", ", Core.Chaos.BuiltInScenarios.All.Select(s => s.Name))}.");
                    return CliApp.UsageError;
                }

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
                return CliApp.UsageError;
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
                    return CliApp.UsageError;
                }

                Set($"DialectPorts:{parts[0].ToLowerInvariant()}", dialectPortNumber);
            }

            var configFile = parse.GetValue(config);
            if (configFile is { Exists: false })
            {
                await Console.Error.WriteLineAsync($"Config file '{configFile.FullName}' does not exist.");
                return CliApp.UsageError;
            }

            WebApplication app;
            CarrierSimOptions options;
            var format = parse.GetValue(logFormat);
            var started = false;
            try
            {
                var builder = CarrierSimApp.CreateBuilder([], settings, configFile?.FullName);
                ConsoleLogging.Configure(builder.Logging, format, parse.GetValue(quiet), () => started);
                app = builder.Build().UseCarrierSim();
                options = app.Services.GetRequiredService<IOptions<CarrierSimOptions>>().Value;
                if (!CarrierSimApp.IsLoopback(options.BindAddress) && string.IsNullOrEmpty(options.AdminToken))
                {
                    await Console.Error.WriteLineAsync($"Bound to {options.BindAddress}, beyond loopback: pass --admin-token (or CarrierSim__AdminToken, at least {CarrierSimOptions.MinAdminTokenLength} characters) so the admin API is not open to the network.");
                    return CliApp.UsageError;
                }
            }
            catch (Exception e) when (e is OptionsValidationException or InvalidOperationException or FormatException or ArgumentException or IOException)
            {
                // A value that does not validate, a scenario that does not parse, a config file that is not JSON.
                await Console.Error.WriteLineAsync($"carrier-sim could not start: {OneLine(e)}");
                return CliApp.UsageError;
            }

            try
            {
                await app.StartAsync(cancellation);
                started = true;
            }
            catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
                await Console.Error.WriteLineAsync($"carrier-sim could not start: port {PortOf(e, options)} is already in use. Stop what is using it, or pass --port with a free port.");
                await app.DisposeAsync();
                return CliApp.Failure;
            }
            catch (Exception e) when (e is OptionsValidationException or IOException or InvalidOperationException or FormatException or ArgumentException)
            {
                // Options are validated at start (ValidateOnStart): those are usage errors; other I/O is a failure.
                await Console.Error.WriteLineAsync($"carrier-sim could not start: {OneLine(e)}");
                await app.DisposeAsync();
                return e is IOException ? CliApp.Failure : CliApp.UsageError;
            }

            // With JSON logs, standard output stays JSON lines only.
            Banner.Print(app, options, format == LogFormat.Json ? Console.Error : Console.Out);

            await app.WaitForShutdownAsync(cancellation);
            await app.DisposeAsync();
            return CliApp.Ok;
        });
        return command;
    }

    private static string OneLine(Exception e) => e.Message.ReplaceLineEndings(" ");

    /// <summary>The port Kestrel could not bind, from its message ("Failed to bind to address http://127.0.0.1:8080: address already in use.").</summary>
    private static string PortOf(IOException e, CarrierSimOptions options)
    {
        var match = System.Text.RegularExpressions.Regex.Match(e.Message, @":(\d+)(/|:|\s|$)");
        return match.Success ? match.Groups[1].Value : options.Port.ToString(CultureInfo.InvariantCulture);
    }
}
