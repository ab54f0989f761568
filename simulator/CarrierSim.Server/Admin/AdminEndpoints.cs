using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using CarrierSim.Core;
using CarrierSim.Core.Chaos;
using CarrierSim.Server.Hosting;
using CarrierSim.Server.Http;
using Microsoft.Extensions.Options;

namespace CarrierSim.Server.Admin;

/// <summary>
/// The control plane under <c>/__admin</c>, every path in one place. Bodies and answers are
/// camelCase JSON; errors are <c>{"error": "…"}</c> with a message that says how to fix the request.
/// </summary>
internal static class AdminEndpoints
{
    public static string Version { get; } =
        typeof(AdminEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static JsonSerializerOptions Json => ChaosScenario.Json;

    public static IResult Error(int status, string message) => Results.Json(new { error = message }, Json, statusCode: status);

    public static IResult Ok(object value, int status = 200) => Results.Json(value, Json, statusCode: status);

    public static RouteGroupBuilder MapAdmin(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/__admin");
        admin.MapGet("/health", () => Ok(new { status = "ok" })).WithName("admin.health");
        admin.MapGet("/info", (Simulation simulation, IOptions<CarrierSimOptions> options, IEnumerable<IDialect> dialects) => Ok(new
        {
            name = "CarrierSim",
            version = Version,
            seed = simulation.Options.Seed,
            clock = simulation.Clock.GetUtcNow(),
            scenario = simulation.Chaos.Scenario,
            dialects = dialects.Where(d => options.Value.EnabledDialects.Contains(d.Name))
                .Select(d => new { name = d.Name, basePath = "/" + d.Name, credentials = CarrierSimDialects.Hint(d.Name) }),
        })).WithName("admin.info");
        admin.MapPost("/reset", (Simulation simulation, RequestJournal journal, CallbackDispatcher callbacks) =>
        {
            simulation.Reset();
            journal.Clear();
            callbacks.Clear();
            return Results.NoContent();
        }).WithName("admin.reset");

        MapChaos(admin.MapGroup("/chaos"));
        MapScenarios(admin.MapGroup("/scenarios"));
        MapClock(admin.MapGroup("/clock"));
        MapJournal(admin.MapGroup("/journal"));
        AdminState.Map(admin);
        ProviderStates.Map(admin);
        CallbackEndpoints.Map(admin);
        return admin;
    }

    /// <summary>Reads a JSON body for the admin API; an error result when it is missing or malformed.</summary>
    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpContext context)
        where T : class
    {
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(context.Request.Body, Json, context.RequestAborted);
            return value is null ? (null, Error(400, "The request body must be a JSON object.")) : (value, null);
        }
        catch (JsonException e)
        {
            return (null, Error(400, $"The request body is not valid: {e.Message}"));
        }
    }

    private static void MapChaos(RouteGroupBuilder chaos)
    {
        chaos.MapGet("/rules", (Simulation s) => Ok(s.Chaos.Rules.Select(r => RuleView(s, r)))).WithName("admin.listRules");
        chaos.MapPost("/rules", async (HttpContext context, Simulation s) =>
        {
            var (rule, error) = await ReadAsync<ChaosRule>(context);
            if (error is not null)
            {
                return error;
            }

            var problems = rule!.Validate();
            if (problems.Count > 0)
            {
                return Error(400, string.Join(" ", problems));
            }

            var existed = s.Chaos.Find(rule.Name) is not null;
            s.Chaos.Upsert(rule);
            return Ok(RuleView(s, rule), existed ? 200 : 201);
        }).WithName("admin.createRule");
        chaos.MapGet("/rules/{name}", (string name, Simulation s) =>
            s.Chaos.Find(name) is { } rule ? Ok(RuleView(s, rule)) : NoRule(name)).WithName("admin.getRule");
        chaos.MapPatch("/rules/{name}", async (string name, HttpContext context, Simulation s) =>
        {
            if (s.Chaos.Find(name) is not { } rule)
            {
                return NoRule(name);
            }

            var (patch, error) = await ReadAsync<JsonObject>(context);
            if (error is not null)
            {
                return error;
            }

            var merged = JsonSerializer.SerializeToNode(rule, Json)!.AsObject();
            foreach (var (key, value) in patch!)
            {
                merged[key] = value?.DeepClone();
            }

            ChaosRule? updated;
            try
            {
                updated = merged.Deserialize<ChaosRule>(Json);
            }
            catch (JsonException e)
            {
                return Error(400, $"The patch does not make a valid rule: {e.Message}");
            }

            var problems = updated!.Validate();
            if (problems.Count > 0 || updated.Name != name)
            {
                return Error(400, problems.Count > 0 ? string.Join(" ", problems) : "A rule's name cannot be changed; delete it and create another.");
            }

            s.Chaos.Upsert(updated);
            return Ok(RuleView(s, updated));
        }).WithName("admin.updateRule");
        chaos.MapDelete("/rules/{name}", (string name, Simulation s) => s.Chaos.Remove(name) ? Results.NoContent() : NoRule(name)).WithName("admin.deleteRule");
        chaos.MapDelete("/rules", (Simulation s) =>
        {
            foreach (var rule in s.Chaos.Rules)
            {
                s.Chaos.Remove(rule.Name);
            }

            return Results.NoContent();
        }).WithName("admin.clearRules");
        chaos.MapGet("/injections", (Simulation s, string? rule, string? dialect, int? limit) =>
            Ok(s.Chaos.Injections
                .Where(i => rule is null || i.Rule == rule)
                .Where(i => dialect is null || i.Dialect == dialect)
                .TakeLast(Math.Clamp(limit ?? 100, 1, 1000))))
            .WithName("admin.listInjections");
        chaos.MapDelete("/injections", (Simulation s) =>
        {
            s.Chaos.ClearInjections();
            return Results.NoContent();
        }).WithName("admin.clearInjections");
    }

    private static JsonObject RuleView(Simulation s, ChaosRule rule)
    {
        var node = JsonSerializer.SerializeToNode(rule, Json)!.AsObject();
        node["injected"] = s.Chaos.InjectedBy(rule.Name);
        return node;
    }

    private static IResult NoRule(string name) => Error(404, $"No chaos rule named '{name}'; GET /__admin/chaos/rules lists them.");

    private static void MapScenarios(RouteGroupBuilder scenarios)
    {
        scenarios.MapGet("/", (Simulation s) => Ok(new
        {
            current = s.Chaos.Scenario,
            builtIn = BuiltInScenarios.All.Select(x => new { x.Name, x.Description, x.Rules }),
        })).WithName("admin.listScenarios");
        scenarios.MapPost("/{name}/apply", (string name, Simulation s) =>
        {
            if (BuiltInScenarios.Find(name) is not { } scenario)
            {
                return Error(404, $"No built-in scenario '{name}': choose one of {string.Join(", ", BuiltInScenarios.All.Select(x => x.Name))}, or POST a scenario to /__admin/scenarios.");
            }

            s.Chaos.Apply(scenario);
            return Ok(scenario);
        }).WithName("admin.applyScenario");
        scenarios.MapPost("/", async (HttpContext context, Simulation s) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var text = await reader.ReadToEndAsync(context.RequestAborted);
            var yaml = context.Request.ContentType?.Contains("yaml", StringComparison.OrdinalIgnoreCase) == true;
            try
            {
                var scenario = ChaosScenario.Parse(text, yaml);
                s.Chaos.Apply(scenario);
                return Ok(scenario);
            }
            catch (ArgumentException e)
            {
                return Error(400, e.Message);
            }
        }).WithName("admin.applyCustomScenario");
    }

    private static void MapClock(RouteGroupBuilder clock)
    {
        object View(Simulation s) => new { now = s.Clock.GetUtcNow(), frozen = s.Clock.IsFrozen };
        clock.MapGet("/", (Simulation s) => Ok(View(s))).WithName("admin.getClock");
        clock.MapPost("/advance", async (HttpContext context, Simulation s) =>
        {
            var (body, error) = await ReadAsync<AdvanceRequest>(context);
            if (error is not null)
            {
                return error;
            }

            var by = body!.Seconds is { } seconds ? TimeSpan.FromSeconds(seconds)
                : body.Duration is { } text && TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed
                : (TimeSpan?)null;
            if (by is null || by < TimeSpan.Zero)
            {
                return Error(400, "Give how far to advance as {\"seconds\": 30} or {\"duration\": \"00:05:00\"}; the clock never goes back.");
            }

            s.Clock.Advance(by.Value);
            s.Orders.SettleDue();
            return Ok(View(s));
        }).WithName("admin.advanceClock");
        clock.MapPost("/freeze", (Simulation s) =>
        {
            s.Clock.Freeze();
            return Ok(View(s));
        }).WithName("admin.freezeClock");
        clock.MapPost("/unfreeze", (Simulation s) =>
        {
            s.Clock.Unfreeze();
            return Ok(View(s));
        }).WithName("admin.unfreezeClock");
    }

    private sealed record AdvanceRequest(double? Seconds, string? Duration);

    private static void MapJournal(RouteGroupBuilder journal)
    {
        journal.MapGet("/", (RequestJournal j, string? dialect, string? operation, int? status, int? limit) =>
            Ok(new
            {
                capacity = j.Capacity,
                entries = j.Snapshot()
                    .Where(e => dialect is null || e.Dialect == dialect)
                    .Where(e => operation is null || e.Operation == operation)
                    .Where(e => status is null || e.Status == status)
                    .TakeLast(Math.Clamp(limit ?? 100, 1, 10_000)),
            })).WithName("admin.listJournal");
        journal.MapDelete("/", (RequestJournal j) =>
        {
            j.Clear();
            return Results.NoContent();
        }).WithName("admin.clearJournal");
    }
}
