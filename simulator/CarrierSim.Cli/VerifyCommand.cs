using System.CommandLine;
using CarrierSim.Contracts;
using CarrierSim.Server.Hosting;

namespace CarrierSim.Cli;

/// <summary>
/// <c>carrier-sim verify</c>: verifies any implementation of a dialect (the simulator, a
/// team's fake, a staging server) against the contracts written from the vendor's documents.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var dialect = new Option<string>("--dialect") { Description = $"The dialect to verify: {string.Join(", ", CarrierSimOptions.AllDialects)}.", Required = true };
        var baseUrl = new Option<string>("--base-url") { Description = "Base URL of the implementation, e.g. http://127.0.0.1:8080/dialstack.", Required = true };
        var stateChange = new Option<string?>("--state-change-url") { Description = "Where to POST provider states, e.g. http://127.0.0.1:8080/__admin/provider-states." };
        var adminToken = new Option<string?>("--admin-token")
        {
            Description = $"Bearer token sent with provider-state calls, when the admin API requires one (default ${CliApp.AdminTokenVariable}).",
            DefaultValueFactory = _ => CliApp.AdminTokenDefault(),
        };
        var pacts = new Option<DirectoryInfo?>("--pacts") { Description = "Folder with the dialect's pact files (default: the pacts shipped with carrier-sim)." };
        var junit = new Option<FileInfo?>("--junit") { Description = "Write a JUnit XML report here." };
        var json = new Option<FileInfo?>("--json") { Description = "Write the verifier's JSON report here." };
        var filter = new Option<string?>("--filter") { Description = "Only interactions whose description matches this regular expression." };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Also print the Pact engine's full report (every interaction, every check)." };

        var command = new Command("verify", "Verify an implementation against a dialect's Pact contracts.")
        {
            dialect, baseUrl, stateChange, adminToken, pacts, junit, json, filter, verbose,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var name = parse.GetValue(dialect)!.ToLowerInvariant();
            if (!CarrierSimOptions.AllDialects.Contains(name))
            {
                await Console.Error.WriteLineAsync($"Unknown dialect '{name}'. Choose from: {string.Join(", ", CarrierSimOptions.AllDialects)}.");
                return CliApp.UsageError;
            }

            if (!Uri.TryCreate(parse.GetValue(baseUrl), UriKind.Absolute, out var providerUrl) || providerUrl.Scheme is not ("http" or "https"))
            {
                await Console.Error.WriteLineAsync($"--base-url '{parse.GetValue(baseUrl)}' is not an absolute http(s) URL, e.g. http://127.0.0.1:8080/{name}.");
                return CliApp.UsageError;
            }

            Uri? stateChangeUrl = null;
            if (parse.GetValue(stateChange) is { } stateText && !Uri.TryCreate(stateText, UriKind.Absolute, out stateChangeUrl))
            {
                await Console.Error.WriteLineAsync($"--state-change-url '{stateText}' is not an absolute URL, e.g. http://127.0.0.1:8080/__admin/provider-states.");
                return CliApp.UsageError;
            }

            var folder = parse.GetValue(pacts)?.FullName ?? Path.Combine(AppContext.BaseDirectory, "pacts", name);
            if (!Directory.Exists(folder) || Directory.GetFiles(folder, "*.json").Length == 0)
            {
                await Console.Error.WriteLineAsync($"No pact files in '{folder}': pass --pacts with the folder holding {name}'s pacts (contracts/pacts/{name} in the repository).");
                return CliApp.UsageError;
            }

            var headers = new Dictionary<string, string>();
            if (stateChangeUrl is not null && parse.GetValue(adminToken) is { Length: > 0 } token)
            {
                headers["Authorization"] = "Bearer " + token;
            }

            Console.WriteLine($"Verifying {providerUrl} against the {name} contracts in {folder} …");
            VerificationResult result;
            try
            {
                var verifier = new PactVerifier(new VerificationOptions
                {
                    ProviderName = name,
                    ProviderBaseUrl = providerUrl,
                    PactDirectories = [folder],
                    StateChangeUrl = stateChangeUrl,
                    StateChangeHeaders = headers,
                    FilterDescription = parse.GetValue(filter),
                });
                result = await EngineOutput.SilenceAsync(verifier.VerifyAsync);
            }
            catch (PactException e)
            {
                // Not a verdict on the provider: scripts must not read it as "verification failed" (1).
                await Console.Error.WriteLineAsync($"The Pact engine could not run: {e.Message}");
                return CliApp.UsageError;
            }
            catch (ArgumentException e)
            {
                await Console.Error.WriteLineAsync(e.Message);
                return CliApp.UsageError;
            }

            if (parse.GetValue(verbose) && result.Output.Length > 0)
            {
                Console.WriteLine(result.Output.TrimEnd());
                Console.WriteLine();
            }

            VerifySummary.Write(Terminal.Create(), result);
            if (parse.GetValue(junit) is { } junitFile)
            {
                await File.WriteAllTextAsync(junitFile.FullName, result.ToJUnitXml(), cancellation);
                Console.WriteLine($"JUnit report: {junitFile.FullName}");
            }

            if (parse.GetValue(json) is { } jsonFile)
            {
                await File.WriteAllTextAsync(jsonFile.FullName, result.Json, cancellation);
                Console.WriteLine($"JSON report: {jsonFile.FullName}");
            }

            return result.Succeeded ? CliApp.Ok : CliApp.Failure;
        });
        return command;
    }
}
