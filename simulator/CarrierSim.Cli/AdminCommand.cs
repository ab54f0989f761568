using System.CommandLine;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace CarrierSim.Cli;

/// <summary>
/// <c>carrier-sim admin …</c>: drives a running simulator's control plane from a terminal.
/// Each subcommand is one admin API call; answers are printed as indented JSON.
/// </summary>
internal static class AdminCommand
{
    private static readonly Option<string> Url = new("--url") { Description = "Base URL of the simulator.", DefaultValueFactory = _ => "http://127.0.0.1:8080", Recursive = true };
    private static readonly Option<string?> Token = new("--admin-token") { Description = "Admin token, when the simulator requires one.", Recursive = true };

    public static Command Create()
    {
        var admin = new Command("admin", "Drive a running simulator's control plane (/__admin).") { Url, Token };
        admin.Subcommands.Add(Simple("info", "Version, seed, dialects, scenario.", HttpMethod.Get, "info"));
        admin.Subcommands.Add(Simple("reset", "Back to the start state: inventory, orders, accounts, clock, chaos.", HttpMethod.Post, "reset"));

        var scenario = new Command("scenario", "List or apply chaos scenarios.");
        scenario.Subcommands.Add(Simple("list", "Built-in scenarios and the current one.", HttpMethod.Get, "scenarios"));
        var nameOrFile = new Argument<string>("name-or-file") { Description = "A built-in scenario name or a JSON/YAML scenario file." };
        var apply = new Command("apply", "Apply a scenario (replaces every rule).") { nameOrFile };
        apply.SetAction((parse, ct) =>
        {
            var value = parse.GetValue(nameOrFile)!;
            if (File.Exists(value))
            {
                var yaml = Path.GetExtension(value).ToLowerInvariant() is ".yaml" or ".yml";
                return CallAsync(parse, HttpMethod.Post, "scenarios", File.ReadAllText(value), yaml ? "application/yaml" : "application/json", ct);
            }

            return CallAsync(parse, HttpMethod.Post, $"scenarios/{Uri.EscapeDataString(value)}/apply", null, null, ct);
        });
        scenario.Subcommands.Add(apply);
        admin.Subcommands.Add(scenario);

        var rules = new Command("rules", "Chaos rules.");
        rules.Subcommands.Add(Simple("list", "Every rule with its injection count.", HttpMethod.Get, "chaos/rules"));
        var ruleFile = new Argument<FileInfo>("file") { Description = "A JSON file with one rule." };
        var add = new Command("add", "Add or replace a rule from a JSON file.") { ruleFile };
        add.SetAction((parse, ct) => CallAsync(parse, HttpMethod.Post, "chaos/rules", File.ReadAllText(parse.GetValue(ruleFile)!.FullName), "application/json", ct));
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

        var journalDialect = new Option<string?>("--dialect");
        var journalOperation = new Option<string?>("--operation");
        var journalStatus = new Option<int?>("--status");
        var journal = new Command("journal", "Recent requests, newest last.") { journalDialect, journalOperation, journalStatus };
        journal.SetAction((parse, ct) =>
        {
            var query = new List<string>();
            if (parse.GetValue(journalDialect) is { } d)
            {
                query.Add("dialect=" + Uri.EscapeDataString(d));
            }

            if (parse.GetValue(journalOperation) is { } o)
            {
                query.Add("operation=" + Uri.EscapeDataString(o));
            }

            if (parse.GetValue(journalStatus) is { } s)
            {
                query.Add("status=" + s);
            }

            return CallAsync(parse, HttpMethod.Get, "journal" + (query.Count > 0 ? "?" + string.Join('&', query) : ""), null, null, ct);
        });
        admin.Subcommands.Add(journal);

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

    private static Command Simple(string name, string description, HttpMethod method, string path)
    {
        var command = new Command(name, description);
        command.SetAction((parse, ct) => CallAsync(parse, method, path, null, null, ct));
        return command;
    }

    private static async Task<int> CallAsync(ParseResult parse, HttpMethod method, string path, string? body, string? contentType, CancellationToken cancellation)
    {
        if (!Uri.TryCreate(parse.GetValue(Url), UriKind.Absolute, out var root))
        {
            await Console.Error.WriteLineAsync($"--url '{parse.GetValue(Url)}' is not an absolute URL, e.g. http://127.0.0.1:8080.");
            return 2;
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
            var output = response.IsSuccessStatusCode ? Console.Out : Console.Error;
            await output.WriteLineAsync(text.Length == 0 ? $"{(int)response.StatusCode} {response.ReasonPhrase}" : text);
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (HttpRequestException e)
        {
            await Console.Error.WriteLineAsync($"Cannot reach the simulator at {root}: {e.Message}. Is `carrier-sim serve` running?");
            return 1;
        }
    }
}
