using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CarrierSim.AdminClient;

namespace CarrierSim.Cli;

/// <summary>
/// <c>carrier-sim admin …</c>: drives a running simulator's control plane from a terminal.
/// Each subcommand is one admin API call; answers are printed as tables, or as the API's JSON with <c>--json</c>.
/// </summary>
internal static class AdminCommand
{
    private static readonly Option<string> Url = new("--url")
    {
        Description = $"Base URL of the simulator (default ${CliApp.UrlVariable}, else {CliApp.DefaultUrl}).",
        DefaultValueFactory = _ => CliApp.UrlDefault(),
        Recursive = true,
    };

    private static readonly Option<string?> Token = new("--admin-token")
    {
        Description = $"Admin token, when the simulator requires one (default ${CliApp.AdminTokenVariable}).",
        DefaultValueFactory = _ => CliApp.AdminTokenDefault(),
        Recursive = true,
    };

    private static readonly Option<bool> Json = new("--json") { Description = "Print the admin API's JSON as it is (for scripts) instead of a table.", Recursive = true };

    private static readonly string[] JournalColumns = ["id", "at", "dialect", "operation", "method", "path", "status", "durationMs", "account", "injections"];

    public static Command Create()
    {
        var admin = new Command("admin", "Drive a running simulator's control plane (/__admin).") { Url, Token, Json };
        admin.Subcommands.Add(Simple("info", "Version, seed, dialects, scenario.", HttpMethod.Get, "info"));
        admin.Subcommands.Add(Simple("reset", "Back to the start state: inventory, orders, accounts, clock, chaos.", HttpMethod.Post, "reset"));

        var scenario = new Command("scenario", "List or apply chaos scenarios.");
        scenario.Subcommands.Add(Simple("list", "Built-in scenarios and the current one.", HttpMethod.Get, "scenarios"));
        var nameOrFile = new Argument<string>("name-or-file") { Description = "A built-in scenario name or a JSON/YAML scenario file." };
        var apply = new Command("apply", "Apply a scenario (replaces every rule).") { nameOrFile };
        apply.SetAction((parse, ct) => ApplyScenarioAsync(parse, parse.GetValue(nameOrFile)!, ct));
        scenario.Subcommands.Add(apply);
        admin.Subcommands.Add(scenario);

        var rules = new Command("rules", "Chaos rules.");
        rules.Subcommands.Add(Simple("list", "Every rule with its injection count.", HttpMethod.Get, "chaos/rules"));
        var ruleFile = new Argument<FileInfo>("file") { Description = "A JSON file with one rule." };
        var add = new Command("add", "Add or replace a rule from a JSON file.") { ruleFile };
        add.SetAction((parse, ct) => AddRuleAsync(parse, parse.GetValue(ruleFile)!, ct));
        rules.Subcommands.Add(add);
        var ruleName = new Argument<string>("name");
        var delete = new Command("delete", "Delete a rule.") { ruleName };
        delete.SetAction((parse, ct) => CallAsync(parse, HttpMethod.Delete, $"chaos/rules/{Uri.EscapeDataString(parse.GetValue(ruleName)!)}", null, null, ct));
        rules.Subcommands.Add(delete);
        admin.Subcommands.Add(rules);
        admin.Subcommands.Add(Simple("injections", "What chaos injected, newest last.", HttpMethod.Get, "chaos/injections"));

        var clock = new Command("clock", "Read or move the simulator clock.");
        clock.SetAction((parse, ct) => CallAsync(parse, HttpMethod.Get, "clock", null, null, ct));
        var seconds = new Argument<double>("seconds");
        var advance = new Command("advance", "Move the clock forward; due orders settle.") { seconds };
        advance.SetAction((parse, ct) => CallAsync(parse, HttpMethod.Post, "clock/advance", JsonSerializer.Serialize(new { seconds = parse.GetValue(seconds) }), "application/json", ct));
        clock.Subcommands.Add(advance);
        clock.Subcommands.Add(Simple("freeze", "Stop the clock.", HttpMethod.Post, "clock/freeze"));
        clock.Subcommands.Add(Simple("unfreeze", "Let the clock run again.", HttpMethod.Post, "clock/unfreeze"));
        admin.Subcommands.Add(clock);

        var orders = new Command("orders", "Inspect orders or force a transition.");
        orders.SetAction((parse, ct) => CallAsync(parse, HttpMethod.Get, "orders", null, null, ct));
        var orderId = new Argument<string>("id");
        var get = new Command("get", "One order.") { orderId };
        get.SetAction((parse, ct) => CallAsync(parse, HttpMethod.Get, $"orders/{Uri.EscapeDataString(parse.GetValue(orderId)!)}", null, null, ct));
        orders.Subcommands.Add(get);
        var status = new Argument<string>("status") { Description = "complete, partial or failed." };
        var transitionId = new Argument<string>("id");
        var transition = new Command("transition", "Force a pending order to a terminal state.") { transitionId, status };
        transition.SetAction((parse, ct) => CallAsync(parse, HttpMethod.Post, $"orders/{Uri.EscapeDataString(parse.GetValue(transitionId)!)}/transition",
            JsonSerializer.Serialize(new { status = parse.GetValue(status) }), "application/json", ct));
        orders.Subcommands.Add(transition);
        admin.Subcommands.Add(orders);

        admin.Subcommands.Add(JournalCommand());

        var number = new Command("number", "Read or force one number's state.");
        var e164 = new Argument<string>("e164");
        var numberGet = new Command("get", "State and catalog facts of a number.") { e164 };
        numberGet.SetAction((parse, ct) => CallAsync(parse, HttpMethod.Get, $"inventory/numbers/{Uri.EscapeDataString(parse.GetValue(e164)!)}", null, null, ct));
        var state = new Argument<string>("state") { Description = "available or taken." };
        var setE164 = new Argument<string>("e164");
        var numberSet = new Command("set", "Force a number available or taken.") { setE164, state };
        numberSet.SetAction((parse, ct) => CallAsync(parse, HttpMethod.Put, $"inventory/numbers/{Uri.EscapeDataString(parse.GetValue(setE164)!)}",
            JsonSerializer.Serialize(new { state = parse.GetValue(state) }), "application/json", ct));
        number.Subcommands.Add(numberGet);
        number.Subcommands.Add(numberSet);
        admin.Subcommands.Add(number);
        return admin;
    }

    private static Command JournalCommand()
    {
        var dialect = new Option<string?>("--dialect") { Description = "Only requests to this dialect." };
        var operation = new Option<string?>("--operation") { Description = "Only requests to this operation, e.g. dialstack.createOrder." };
        var status = new Option<int?>("--status") { Description = "Only requests answered with this status." };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing each new request as it arrives (Ctrl+C stops); with --json, one JSON object per line." };
        var journal = new Command("journal", "Recent requests, newest last.") { dialect, operation, status, follow };
        journal.SetAction((parse, ct) =>
        {
            if (parse.GetValue(follow))
            {
                return FollowAsync(parse, parse.GetValue(dialect), parse.GetValue(operation), parse.GetValue(status), ct);
            }

            var query = new List<string>();
            if (parse.GetValue(dialect) is { } d)
            {
                query.Add("dialect=" + Uri.EscapeDataString(d));
            }

            if (parse.GetValue(operation) is { } o)
            {
                query.Add("operation=" + Uri.EscapeDataString(o));
            }

            if (parse.GetValue(status) is { } s)
            {
                query.Add("status=" + s.ToString(CultureInfo.InvariantCulture));
            }

            return CallAsync(parse, HttpMethod.Get, "journal" + (query.Count > 0 ? "?" + string.Join('&', query) : ""), null, null, ct, JournalColumns);
        });
        return journal;
    }

    private static Command Simple(string name, string description, HttpMethod method, string path)
    {
        var command = new Command(name, description);
        command.SetAction((parse, ct) => CallAsync(parse, method, path, null, null, ct));
        return command;
    }

    private static async Task<int> ApplyScenarioAsync(ParseResult parse, string value, CancellationToken cancellation)
    {
        if (File.Exists(value))
        {
            var yaml = Path.GetExtension(value).ToLowerInvariant() is ".yaml" or ".yml";
            var text = await File.ReadAllTextAsync(value, cancellation);
            try
            {
                // The server would refuse it too; checking here gives the same message without a round trip.
                _ = Core.Chaos.ChaosScenario.Parse(text, yaml, Path.GetFileNameWithoutExtension(value));
            }
            catch (ArgumentException e)
            {
                return await UsageAsync($"{value}: {e.Message}");
            }

            return await CallAsync(parse, HttpMethod.Post, "scenarios", text, yaml ? "application/yaml" : "application/json", cancellation);
        }

        if (LooksLikeFile(value))
        {
            return await UsageAsync($"Scenario file '{Path.GetFullPath(value)}' does not exist. Give an existing JSON/YAML file or a built-in scenario: {string.Join(", ", Core.Chaos.BuiltInScenarios.All.Select(s => s.Name))}.");
        }

        return await CallAsync(parse, HttpMethod.Post, $"scenarios/{Uri.EscapeDataString(value)}/apply", null, null, cancellation);
    }

    private static async Task<int> AddRuleAsync(ParseResult parse, FileInfo file, CancellationToken cancellation)
    {
        if (!file.Exists)
        {
            return await UsageAsync($"Rule file '{file.FullName}' does not exist.");
        }

        var text = await File.ReadAllTextAsync(file.FullName, cancellation);
        JsonNode? rule;
        try
        {
            rule = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            return await UsageAsync($"{file.Name} is not valid JSON: {e.Message}");
        }

        if (Core.Chaos.ChaosRule.KindProblem(rule) is { } problem)
        {
            return await UsageAsync($"{file.Name}: {problem}");
        }

        return await CallAsync(parse, HttpMethod.Post, "chaos/rules", text, "application/json", cancellation);
    }

    /// <summary>A value meant as a file rather than a scenario name: it has a path separator or a scenario file's extension.</summary>
    internal static bool LooksLikeFile(string value) =>
        value.Contains('/', StringComparison.Ordinal) || value.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal)
        || Path.GetExtension(value).ToLowerInvariant() is ".json" or ".yaml" or ".yml";

    private static async Task<int> UsageAsync(string message)
    {
        await Console.Error.WriteLineAsync(message);
        return CliApp.UsageError;
    }

    private static bool TryRoot(ParseResult parse, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Uri? root) =>
        Uri.TryCreate(parse.GetValue(Url), UriKind.Absolute, out root) && root.Scheme is "http" or "https";

    private static Task<int> BadUrlAsync(ParseResult parse) =>
        UsageAsync($"--url '{parse.GetValue(Url)}' is not an absolute http(s) URL, e.g. {CliApp.DefaultUrl}.");

    private static async Task<int> CallAsync(ParseResult parse, HttpMethod method, string path, string? body, string? contentType, CancellationToken cancellation, IReadOnlyList<string>? columns = null)
    {
        if (!TryRoot(parse, out var root))
        {
            return await BadUrlAsync(parse);
        }

        using var http = new HttpClient { BaseAddress = new Uri(root, "/__admin/"), Timeout = TimeSpan.FromSeconds(30) };
        if (parse.GetValue(Token) is { Length: > 0 } token)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, contentType ?? "application/json");
        }

        try
        {
            using var response = await http.SendAsync(request, cancellation);
            var text = await response.Content.ReadAsStringAsync(cancellation);
            var json = parse.GetValue(Json);
            if (!response.IsSuccessStatusCode)
            {
                await Console.Error.WriteLineAsync(json && text.Length > 0
                    ? text
                    : $"{method} /__admin/{path} failed: {(int)response.StatusCode} {response.ReasonPhrase}{(ErrorOf(text) is { } error ? ": " + error : "")}");
                return CliApp.Failure;
            }

            if (text.Length == 0)
            {
                await Console.Out.WriteLineAsync($"{(int)response.StatusCode} {response.ReasonPhrase}");
            }
            else if (json)
            {
                await Console.Out.WriteLineAsync(text);
            }
            else
            {
                JsonTables.Write(Terminal.Create(), text, columns);
            }

            return CliApp.Ok;
        }
        catch (HttpRequestException e)
        {
            await Console.Error.WriteLineAsync(Unreachable(root, e));
            return CliApp.Failure;
        }
        catch (TaskCanceledException) when (!cancellation.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync($"The simulator at {root} did not answer {method} /__admin/{path} within 30 s.");
            return CliApp.Failure;
        }
    }

    private static async Task<int> FollowAsync(ParseResult parse, string? dialect, string? operation, int? status, CancellationToken cancellation)
    {
        if (!TryRoot(parse, out var root))
        {
            return await BadUrlAsync(parse);
        }

        // The stream stays open as long as it is read: no overall timeout.
        using var http = new HttpClient { BaseAddress = root, Timeout = Timeout.InfiniteTimeSpan };
        var admin = new CarrierSimAdminClient(http, parse.GetValue(Token) is { Length: > 0 } token ? token : null);
        var json = parse.GetValue(Json);
        try
        {
            await foreach (var entry in admin.FollowJournalAsync(dialect, cancellationToken: cancellation))
            {
                if ((operation is not null && entry.Operation != operation) || (status is not null && entry.Status != status))
                {
                    continue;
                }

                await Console.Out.WriteLineAsync(json ? JsonSerializer.Serialize(entry, CarrierSimAdminClient.JsonOptions) : Line(entry));
                await Console.Out.FlushAsync(cancellation);
            }

            await Console.Error.WriteLineAsync($"The simulator at {root} closed the journal stream.");
            return CliApp.Ok;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return CliApp.Ok;
        }
        catch (CarrierSimAdminException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return CliApp.Failure;
        }
        catch (HttpRequestException e)
        {
            await Console.Error.WriteLineAsync(Unreachable(root, e));
            return CliApp.Failure;
        }
    }

    /// <summary>One journal entry as a line, in the layout of <c>serve</c>'s request log.</summary>
    internal static string Line(JournalEntry entry) => string.Create(CultureInfo.InvariantCulture,
        $"{entry.At.UtcDateTime:HH:mm:ss.fff} {entry.Dialect} {entry.Operation} {entry.Method} {entry.Path} {entry.Status} {Math.Round(entry.DurationMs, 1)}ms chaos={(entry.Injections.Count == 0 ? "-" : string.Join(',', entry.Injections))} account={entry.Account ?? "-"}");

    private static string Unreachable(Uri root, HttpRequestException e) =>
        $"Cannot reach the simulator at {root}: {e.Message}. Is `carrier-sim serve` running? (--url or ${CliApp.UrlVariable} says where.)";

    /// <summary>The message of an admin error body: RFC 9457 <c>detail</c>, else <c>error</c> or <c>title</c>.</summary>
    private static string? ErrorOf(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var name in (ReadOnlySpan<string>)["detail", "error", "title"])
                {
                    if (document.RootElement.TryGetProperty(name, out var message) && message.ValueKind == JsonValueKind.String)
                    {
                        return message.GetString();
                    }
                }
            }

            return null;
        }
        catch (JsonException)
        {
            return body.Length is > 0 and < 200 ? body.Trim() : null;
        }
    }
}
