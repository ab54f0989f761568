using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using CarrierSim.Core;
using CarrierSim.Core.Chaos;
using CarrierSim.Core.Time;
using CarrierSim.Server.Hosting;
using CarrierSim.Server.Http;
using Microsoft.Extensions.Options;
using Wire = CarrierSim.AdminClient;

namespace CarrierSim.Server.Admin;

/// <summary>
/// The control plane under <c>/__admin</c>, every path in one place. Bodies and answers are
/// camelCase JSON in <c>CarrierSim.AdminClient</c>'s wire model (see <see cref="AdminWireMapping"/>);
/// errors are RFC 9457 problem details (<c>application/problem+json</c>: <c>type</c>, <c>title</c>,
/// <c>status</c>, <c>detail</c> and, for a field, <c>errors</c>) whose <c>detail</c> says how to fix
/// the request. Unknown paths answer 404, wrong methods 405 and unexpected failures 500, all as
/// problems.
/// </summary>
internal static class AdminEndpoints
{
    public static string Version { get; } =
        typeof(AdminEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static JsonSerializerOptions Json => ChaosScenario.Json;

    private static readonly JsonSerializerOptions CompactJson = new(ChaosScenario.Json) { WriteIndented = false };

    /// <summary>The media type of every admin error (RFC 9457).</summary>
    public const string ProblemContentType = "application/problem+json";

    /// <summary>An RFC 9457 problem whose <paramref name="detail"/> says how to fix the request.</summary>
    public static IResult Error(int status, string detail) => Problem(status, detail, null);

    /// <summary>A 400 problem about one field of the request, named in <c>errors</c> and in the detail.</summary>
    public static IResult Invalid(string field, string detail) =>
        Problem(StatusCodes.Status400BadRequest, detail, new Dictionary<string, string[]> { [field] = [detail] });

    private static IResult Problem(int status, string detail, IReadOnlyDictionary<string, string[]>? errors) =>
        WireJson.Result(
            new AdminProblem("about:blank", Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status), status, detail, errors),
            Json,
            ProblemContentType,
            status);

    /// <summary>A JSON answer, serialised as <typeparamref name="T"/> so that a polymorphic wire type (a chaos rule) writes its <c>kind</c>.</summary>
    public static IResult Ok<T>(T value, int status = 200) => WireJson.Result(value, Json, statusCode: status);

    /// <summary>An <see cref="ArgumentException"/>'s message without the "(Parameter …)" suffix meant for developers.</summary>
    public static string Reason(ArgumentException e) =>
        e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);

    public static RouteGroupBuilder MapAdmin(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/__admin");
        admin.AddEndpointFilter(UnexpectedFailures);
        admin.AddEndpointFilter(WholeState);
        admin.MapGet("/health", () => Ok(new Wire.HealthStatus { Status = "ok" })).WithName("admin.health").Produces<Wire.HealthStatus>();
        admin.MapGet("/info", (Simulation simulation, IOptions<CarrierSimOptions> options, IEnumerable<IDialect> dialects) => Ok(new Wire.SimulatorInfo
        {
            Name = "CarrierSim",
            Version = Version,
            Seed = simulation.Options.Seed,
            Clock = simulation.Clock.GetUtcNow(),
            Scenario = simulation.Chaos.Scenario,
            Dialects = [.. dialects.Where(d => options.Value.EnabledDialects.Contains(d.Name)).Select(d => new Wire.DialectInfo
            {
                Name = d.Name,
                Title = d.Title,
                BasePath = "/" + d.Name,
                Credentials = CarrierSimDialects.Hint(d.Name),
                Headers = CarrierSimDialects.Credentials(d.Name),
                OpenApi = $"/{d.Name}/openapi.json",
            })],
        })).WithName("admin.info").Produces<Wire.SimulatorInfo>();
        admin.MapPost("/reset", (Simulation simulation, RequestJournal journal, CallbackDispatcher callbacks) =>
        {
            simulation.Reset();
            journal.Clear();
            callbacks.Clear();
            return Results.NoContent();
        }).WithName("admin.reset").Produces(StatusCodes.Status204NoContent);

        MapChaos(admin.MapGroup("/chaos"));
        MapScenarios(admin.MapGroup("/scenarios"));
        MapClock(admin.MapGroup("/clock"));
        MapJournal(admin.MapGroup("/journal"));
        AdminState.Map(admin);
        ProviderStates.Map(admin);
        CallbackEndpoints.Map(admin);
        Ui.DashboardEndpoints.Map(admin);

        // Anything else under /__admin: 405 when the path exists with other methods, else 404.
        // A Delegate variable, out of the request delegate generator's reach (CarrierSimEndpointRouteBuilderExtensions says why).
        Delegate notMapped = NotMapped;
#pragma warning disable RDG002 // generated at run time, on purpose (see above)
        admin.MapFallback("{**path}", notMapped).WithName("admin.notMapped").ExcludeFromDescription();
#pragma warning restore RDG002
        return admin;
    }

    /// <summary>
    /// With a shared store, a control-plane request runs in a unit of work over the whole state: every
    /// replica's tenants are locked out meanwhile, what other replicas saved is loaded first, and what
    /// the request changed is saved before its answer is written. The journal (kept per replica), the
    /// dashboard's files and the health check need no state.
    /// </summary>
    private static async ValueTask<object?> WholeState(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var simulation = context.RequestServices.GetRequiredService<Simulation>();
        var path = context.Request.Path;
        if (!simulation.Store.IsShared || path.StartsWithSegments("/__admin/journal") || path.StartsWithSegments("/__admin/ui") || path.StartsWithSegments("/__admin/health"))
        {
            return await next(invocation);
        }

        await using var scope = await simulation.Store.BeginAsync(null, context.RequestAborted);
        var answer = await next(invocation);
        if (scope is not null)
        {
            await scope.CommitAsync(CancellationToken.None);
        }

        return answer;
    }

    /// <summary>An unexpected failure in an admin endpoint still answers a problem, never an empty 500.</summary>
    private static async ValueTask<object?> UnexpectedFailures(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        try
        {
            return await next(invocation);
        }
        catch (BadHttpRequestException e)
        {
            return Error(e.StatusCode, $"The request could not be read: {e.Message}");
        }
        catch (Exception e) when (e is not OperationCanceledException && !invocation.HttpContext.Response.HasStarted)
        {
            invocation.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AdminEndpoints))
                .LogError(e, "Unexpected failure in the admin API at {Path}", invocation.HttpContext.Request.Path);
            return Error(500, "An internal error occurred in the simulator's admin API; this is a CarrierSim bug, please report it.");
        }
    }

    private static IResult NotMapped(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var allowed = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in context.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern;
            if (pattern.RawText?.StartsWith("/__admin", StringComparison.Ordinal) != true
                || endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is not { } methods
                || methods.HttpMethods.Count == 0)
            {
                continue;
            }

            var matcher = new Microsoft.AspNetCore.Routing.Template.TemplateMatcher(new Microsoft.AspNetCore.Routing.Template.RouteTemplate(pattern), new RouteValueDictionary());
            if (matcher.TryMatch(path, new RouteValueDictionary()))
            {
                allowed.UnionWith(methods.HttpMethods);
            }
        }

        if (allowed.Count > 0)
        {
            context.Response.Headers.Allow = string.Join(", ", allowed);
            return Error(405, $"{context.Request.Method} is not allowed on {path}; use {string.Join(" or ", allowed)}. GET /__admin/openapi.json documents every admin operation.");
        }

        return Error(404, $"No admin endpoint {context.Request.Method} {path}; GET /__admin/openapi.json documents every admin operation.");
    }

    /// <summary>
    /// Reads an optional integer query parameter bound as text, so that a malformed value answers
    /// a problem naming it rather than minimal-API binding's empty 400.
    /// </summary>
    public static bool TryQueryInt(string? text, string name, out int? value, out IResult? error)
    {
        value = null;
        error = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
        {
            value = parsed;
            return true;
        }

        error = Invalid(name, $"Query parameter {name} must be a whole number, e.g. ?{name}=50; got '{text}'.");
        return false;
    }

    /// <summary>Reads an optional boolean query parameter bound as text (true or false).</summary>
    public static bool TryQueryBool(string? text, string name, out bool? value, out IResult? error)
    {
        value = null;
        error = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (bool.TryParse(text, out var parsed))
        {
            value = parsed;
            return true;
        }

        error = Invalid(name, $"Query parameter {name} must be true or false; got '{text}'.");
        return false;
    }

    /// <summary>Reads a JSON body for the admin API; an error result when it is missing or malformed.</summary>
    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpContext context)
        where T : class
    {
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            if (RequestReader.StringProblem(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)) is { } problem)
            {
                return (null, Error(400, problem));
            }

            var value = JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), Json);
            if (value is JsonNode node && DuplicateProperty(node) is { } duplicate)
            {
                return (null, Error(400, $"The request body is not valid: {duplicate}; give each property once."));
            }

            return value is null ? (null, Error(400, "The request body must be a JSON object.")) : (value, null);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or System.Text.DecoderFallbackException or ArgumentException)
        {
            return (null, Error(400, $"The request body is not valid: {e.Message}"));
        }
    }

    /// <summary>
    /// Why a JSON tree cannot be read: a node's properties are indexed lazily, so a duplicate
    /// property only throws when first looked up. Walks the tree so that it throws here, as a 400.
    /// </summary>
    private static string? DuplicateProperty(JsonNode? node)
    {
        try
        {
            Walk(node);
            return null;
        }
        catch (ArgumentException e)
        {
            return Reason(e);
        }

        static void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    _ = o.ContainsKey("");
                    foreach (var (_, child) in o)
                    {
                        Walk(child);
                    }

                    break;
                case JsonArray a:
                    foreach (var child in a)
                    {
                        Walk(child);
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// Reads a chaos rule in the wire shape and maps it to the domain; an error result that lists
    /// the valid kinds when <c>kind</c> is missing or unknown, or says what else is wrong.
    /// </summary>
    private static (ChaosRule? Rule, IResult? Error) ReadRule(JsonNode? json, Simulation s, string context)
    {
        if (ChaosRule.KindProblem(json) is { } kindProblem)
        {
            return (null, Error(400, $"{context}: {kindProblem}"));
        }

        ChaosRule rule;
        try
        {
            var wire = json.Deserialize<Wire.ChaosRule>(Json);
            if (wire is null)
            {
                return (null, Error(400, "The request body must be a JSON object."));
            }

            rule = wire.ToDomain();
        }
        catch (JsonException e)
        {
            return (null, Error(400, $"{context}: {e.Message}"));
        }

        var problems = s.Chaos.Problems(rule);
        return problems.Count > 0 ? (null, Error(400, string.Join(" ", problems))) : (rule, null);
    }

    private static void MapChaos(RouteGroupBuilder chaos)
    {
        chaos.MapGet("/rules", (Simulation s) => Ok(s.Chaos.Rules.Select(r => RuleView(s, r)).ToList())).WithName("admin.listRules").Produces<List<Wire.ChaosRule>>();
        chaos.MapPost("/rules", async (HttpContext context, Simulation s) =>
        {
            var (body, error) = await ReadAsync<JsonNode>(context);
            if (error is not null)
            {
                return error;
            }

            var (rule, invalid) = ReadRule(body, s, "The request body is not a valid rule");
            if (invalid is not null)
            {
                return invalid;
            }

            var existed = s.Chaos.Find(rule!.Name) is not null;
            if (Upsert(s, rule) is { } refused)
            {
                return refused;
            }

            return Ok(RuleView(s, rule), existed ? 200 : 201);
        }).WithName("admin.createRule").Reads<Wire.ChaosRule>().Produces<Wire.ChaosRule>(StatusCodes.Status201Created);
        chaos.MapGet("/rules/{name}", (string name, Simulation s) =>
            s.Chaos.Find(name) is { } rule ? Ok(RuleView(s, rule)) : NoRule(name)).WithName("admin.getRule").Produces<Wire.ChaosRule>();
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

            var merged = JsonSerializer.SerializeToNode(rule.ToWire(), Json)!.AsObject();
            foreach (var (key, value) in patch!)
            {
                merged[key] = value?.DeepClone();
            }

            var (updated, invalid) = ReadRule(merged, s, "The patch does not make a valid rule");
            if (invalid is not null)
            {
                return invalid;
            }

            if (updated!.Name != name)
            {
                return Error(400, "A rule's name cannot be changed; delete it and create another.");
            }

            return Upsert(s, updated) ?? Ok(RuleView(s, updated));
        }).WithName("admin.updateRule").Reads<Wire.ChaosRule>().Produces<Wire.ChaosRule>();
        chaos.MapDelete("/rules/{name}", (string name, Simulation s) => s.Chaos.Remove(name) ? Results.NoContent() : NoRule(name)).WithName("admin.deleteRule").Produces(StatusCodes.Status204NoContent);
        chaos.MapDelete("/rules", (Simulation s) =>
        {
            foreach (var rule in s.Chaos.Rules)
            {
                s.Chaos.Remove(rule.Name);
            }

            return Results.NoContent();
        }).WithName("admin.clearRules").Produces(StatusCodes.Status204NoContent);
        chaos.MapGet("/injections", (Simulation s, string? rule, string? dialect, string? limit) =>
            !TryQueryInt(limit, "limit", out var count, out var bad) ? bad!
            : Ok(s.Chaos.Injections
                .Where(i => rule is null || i.Rule == rule)
                .Where(i => dialect is null || i.Dialect == dialect)
                .TakeLast(Math.Clamp(count ?? 100, 1, 1000))
                .Select(i => i.ToWire())
                .ToList()))
            .WithName("admin.listInjections").Produces<List<Wire.ChaosInjection>>();
        chaos.MapDelete("/injections", (Simulation s) =>
        {
            s.Chaos.ClearInjections();
            return Results.NoContent();
        }).WithName("admin.clearInjections").Produces(StatusCodes.Status204NoContent);
    }

    /// <summary>Adds or replaces a rule; a 400 when the engine refuses it (e.g. its kind cannot apply to its target).</summary>
    private static IResult? Upsert(Simulation s, ChaosRule rule)
    {
        try
        {
            s.Chaos.Upsert(rule);
            return null;
        }
        catch (ArgumentException e)
        {
            return Error(400, Reason(e));
        }
    }

    // Serialised as the base type so that the "kind" discriminator is written.
    private static Wire.ChaosRule RuleView(Simulation s, ChaosRule rule) => rule.ToWire(s.Chaos.InjectedBy(rule.Name));

    private static IResult NoRule(string name) => Error(404, $"No chaos rule named '{name}'; GET /__admin/chaos/rules lists them.");

    private static void MapScenarios(RouteGroupBuilder scenarios)
    {
        scenarios.MapGet("/", (Simulation s) => Ok(new Wire.ScenarioCatalog
        {
            Current = s.Chaos.Scenario,
            BuiltIn = [.. BuiltInScenarios.All.Select(x => x.ToWire())],
        })).WithName("admin.listScenarios").Produces<Wire.ScenarioCatalog>();
        scenarios.MapPost("/{name}/apply", (string name, Simulation s) =>
        {
            if (BuiltInScenarios.Find(name) is not { } scenario)
            {
                return Error(404, $"No built-in scenario '{name}': choose one of {string.Join(", ", BuiltInScenarios.All.Select(x => x.Name))}, or POST a scenario to /__admin/scenarios.");
            }

            try
            {
                s.Chaos.Apply(scenario);
            }
            catch (ArgumentException e)
            {
                return Error(400, Reason(e));
            }

            return Ok(scenario.ToWire());
        }).WithName("admin.applyScenario").Produces<Wire.ChaosScenario>();
        scenarios.MapPost("/", async (HttpContext context, Simulation s) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var text = await reader.ReadToEndAsync(context.RequestAborted);
            var yaml = context.Request.ContentType?.Contains("yaml", StringComparison.OrdinalIgnoreCase) == true;
            try
            {
                if (!yaml && RequestReader.StringProblem(System.Text.Encoding.UTF8.GetBytes(text)) is { } problem)
                {
                    return Error(400, problem);
                }

                var scenario = ChaosScenario.Parse(text, yaml);
                s.Chaos.Apply(scenario);
                return Ok(scenario.ToWire());
            }
            catch (ArgumentException e)
            {
                return Error(400, Reason(e));
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                // Text the JSON or YAML readers cannot take (a lone surrogate escape, for one): the sender's mistake.
                return Error(400, $"The scenario could not be read: {e.Message} Send a JSON or YAML scenario as docs/chaos.md shows.");
            }
        }).WithName("admin.applyCustomScenario").Reads<Wire.ChaosScenario>().Produces<Wire.ChaosScenario>();
    }

    private static void MapClock(RouteGroupBuilder clock)
    {
        static Wire.ClockState View(Simulation s) => AdminWireMapping.ClockOf(s);
        clock.MapGet("/", (Simulation s) => Ok(View(s))).WithName("admin.getClock").Produces<Wire.ClockState>();
        clock.MapPost("/advance", async (HttpContext context, Simulation s) =>
        {
            var (body, error) = await ReadAsync<AdvanceRequest>(context);
            if (error is not null)
            {
                return error;
            }

            const string Help = "Give how far to advance as {\"seconds\": 30} or {\"duration\": \"00:05:00\"}: at least 0 and at most 100 years (36525 days); the clock never goes back.";
            TimeSpan by;
            if (body!.Seconds is { } seconds)
            {
                if (!double.IsFinite(seconds) || seconds < 0 || seconds > SimulatorClock.MaxAdvance.TotalSeconds)
                {
                    return Invalid("seconds", $"seconds must be a finite number from 0 to {SimulatorClock.MaxAdvance.TotalSeconds:0}; got {seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}. {Help}");
                }

                by = TimeSpan.FromSeconds(seconds);
            }
            else if (body.Duration is { } text)
            {
                if (!TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out by) || by < TimeSpan.Zero || by > SimulatorClock.MaxAdvance)
                {
                    return Invalid("duration", $"duration '{text}' is not a duration from 00:00:00 to 36525.00:00:00. {Help}");
                }
            }
            else
            {
                return Error(400, Help);
            }

            try
            {
                s.Clock.Advance(by);
            }
            catch (ArgumentOutOfRangeException e)
            {
                return Error(400, $"The clock cannot advance by {by}: {Reason(e)}");
            }

            s.Orders.SettleDue();
            return Ok(View(s));
        }).WithName("admin.advanceClock").Reads<AdvanceRequest>().Produces<Wire.ClockState>();
        clock.MapPost("/freeze", (Simulation s) =>
        {
            s.Clock.Freeze();
            return Ok(View(s));
        }).WithName("admin.freezeClock").Produces<Wire.ClockState>();
        clock.MapPost("/unfreeze", (Simulation s) =>
        {
            s.Clock.Unfreeze();
            return Ok(View(s));
        }).WithName("admin.unfreezeClock").Produces<Wire.ClockState>();
    }

    private sealed record AdvanceRequest(double? Seconds, string? Duration);

    /// <summary>
    /// The journal as server-sent events (<c>event: request</c>, <c>id</c> = the entry's id, <c>data</c> = the entry):
    /// first the kept entries after <c>since</c> (or after <c>Last-Event-ID</c> on a reconnect), then each new one
    /// as it is written, until the client goes away. A comment line every 15 s keeps proxies from closing the stream.
    /// </summary>
    private static async Task StreamJournal(HttpContext context, RequestJournal journal, string? dialect, string? since)
    {
        var resume = since ?? context.Request.Headers["Last-Event-ID"].FirstOrDefault();
        if (!TryQueryInt(resume, "since", out var after, out var bad))
        {
            await bad!.ExecuteAsync(context);
            return;
        }

        // Bounded: a client that stops reading loses the oldest entries rather than holding memory.
        var feed = System.Threading.Channels.Channel.CreateBounded<JournalEntry>(new System.Threading.Channels.BoundedChannelOptions(10_000)
        {
            FullMode = System.Threading.Channels.BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        using var subscription = journal.Subscribe(e => feed.Writer.TryWrite(e));

        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        var last = after ?? long.MaxValue;
        var ct = context.RequestAborted;
        try
        {
            if (after is not null)
            {
                foreach (var entry in journal.Snapshot().Where(e => e.Id > after))
                {
                    last = entry.Id;
                    await WriteEvent(context.Response, entry, dialect, ct);
                }
            }

            await context.Response.WriteAsync(": streaming\n\n", ct);
            await context.Response.Body.FlushAsync(ct);
            while (!ct.IsCancellationRequested)
            {
                using var beat = CancellationTokenSource.CreateLinkedTokenSource(ct);
                beat.CancelAfter(TimeSpan.FromSeconds(15));
                try
                {
                    while (await feed.Reader.WaitToReadAsync(beat.Token))
                    {
                        while (feed.Reader.TryRead(out var entry))
                        {
                            // Entries already sent from the snapshot may also arrive through the feed.
                            if (after is not null && entry.Id <= last)
                            {
                                continue;
                            }

                            await WriteEvent(context.Response, entry, dialect, ct);
                        }

                        await context.Response.Body.FlushAsync(ct);
                    }
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    await context.Response.WriteAsync(": keep-alive\n\n", ct);
                    await context.Response.Body.FlushAsync(ct);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away: the stream simply ends.
        }
    }

    private static async Task WriteEvent(HttpResponse response, JournalEntry entry, string? dialect, CancellationToken ct)
    {
        if (dialect is not null && entry.Dialect != dialect)
        {
            return;
        }

        // One line: a line break would end the event's data field.
        var data = JsonSerializer.Serialize(entry.ToWire(), CompactJson);
        await response.WriteAsync($"id: {entry.Id}\nevent: request\ndata: {data}\n\n", ct);
    }

    private static void MapJournal(RouteGroupBuilder journal)
    {
        journal.MapGet("/", (RequestJournal j, string? dialect, string? operation, string? status, string? limit) =>
            !TryQueryInt(status, "status", out var code, out var bad) || !TryQueryInt(limit, "limit", out var count, out bad) ? bad!
            : Ok(new Wire.JournalPage
            {
                Capacity = j.Capacity,
                Entries = [.. j.Snapshot()
                    .Where(e => dialect is null || e.Dialect == dialect)
                    .Where(e => operation is null || e.Operation == operation)
                    .Where(e => code is null || e.Status == code)
                    .TakeLast(Math.Clamp(count ?? 100, 1, 10_000))
                    .Select(e => e.ToWire())],
            })).WithName("admin.listJournal").Produces<Wire.JournalPage>();
        journal.MapGet("/stream", StreamJournal).WithName("admin.streamJournal").Produces<Wire.JournalEntry>(contentType: "text/event-stream");
        journal.MapDelete("/", (RequestJournal j) =>
        {
            j.Clear();
            return Results.NoContent();
        }).WithName("admin.clearJournal").Produces(StatusCodes.Status204NoContent);
    }
}

/// <summary>An RFC 9457 problem as the admin API writes it; <c>errors</c> names the fields at fault.</summary>
internal sealed record AdminProblem(string Type, string Title, int Status, string Detail, IReadOnlyDictionary<string, string[]>? Errors);
