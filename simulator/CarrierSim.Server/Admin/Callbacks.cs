using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using CarrierSim.Core;
using CarrierSim.Core.Chaos;
using CarrierSim.Core.Numbering;
using CarrierSim.Server.Dialects.AgentMessage;
using CarrierSim.Server.Http;
using Wire = CarrierSim.AdminClient;

namespace CarrierSim.Server.Admin;

/// <summary>One attempt to deliver a callback.</summary>
internal sealed record DeliveryAttempt(DateTimeOffset At, int? Status, string? Error, double DurationMs);

/// <summary>A simulated callback to a customer's endpoint, with every attempt.</summary>
internal sealed class CallbackDelivery
{
    public required string Id { get; init; }

    public required string Kind { get; init; }

    public required string Url { get; init; }

    public required string Number { get; init; }

    public required JsonElement Payload { get; init; }

    public List<DeliveryAttempt> Attempts { get; } = [];

    public bool Delivered { get; set; }

    public bool Dropped { get; set; }

    public int Copies { get; set; } = 1;

    public IReadOnlyList<string> Injections { get; set; } = [];

    public bool Finished { get; set; }
}

/// <summary>
/// Simulates traffic to owned AgentMessage numbers: an inbound message is POSTed to the
/// number's <c>inbound_url</c>, its delivery status to its <c>status_url</c>. Deliveries retry
/// on failure (3 attempts, 0.5 s then 1 s apart), are recorded, and chaos can drop, delay or
/// duplicate them (operations <c>agentmessage.inboundCallback</c>, <c>agentmessage.statusCallback</c>).
/// </summary>
/// <remarks>
/// The vendor documents the two URLs but not the payloads; every payload field here is
/// inferred (see the README).
/// </remarks>
internal sealed class CallbackDispatcher(Simulation simulation, IEnumerable<IDialect> dialects, TimeProvider time)
{
    private const int MaxAttempts = 3;
    private const int MaxRecorded = 1000;

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly ConcurrentQueue<CallbackDelivery> _deliveries = new();

    public IReadOnlyList<CallbackDelivery> Deliveries => [.. _deliveries];

    public void Clear() => _deliveries.Clear();

    public async Task<(CallbackDelivery? Delivery, string? Error)> SendAsync(string kind, SimulatedMessage message, bool wait, CancellationToken cancellation)
    {
        var store = dialects.OfType<AgentMessageDialect>().SingleOrDefault()?.Store;
        var parsed = PhoneNumber.Parse(message.Number);
        if (!parsed.Success)
        {
            return (null, $"number: {parsed.Error}");
        }

        var record = store?.FindByNumber(parsed.Value);
        if (record is null)
        {
            return (null, $"{message.Number} is not an AgentMessage number owned by any organisation; order it through /agentmessage first.");
        }

        var url = kind == "inbound" ? record.InboundUrl : record.StatusUrl;
        if (string.IsNullOrEmpty(url))
        {
            return (null, $"{message.Number} has no {kind}_url; set it with PATCH /agentmessage/v1/phone-numbers/{record.Id}.");
        }

        var now = simulation.Clock.GetUtcNow();
        var messageId = message.MessageId ?? simulation.Ids.NextGuid("callback.message").ToString();
        object payload = kind == "inbound"
            ? new
            {
                @event = "message.received",
                id = messageId,
                phone_number_id = record.Id,
                from = message.From ?? "+14155550100",
                to = record.Number.ToString(),
                body = message.Body ?? "Hello from CarrierSim",
                received_at = Formats.Seconds(now),
            }
            : new
            {
                @event = "message.status",
                id = messageId,
                phone_number_id = record.Id,
                from = record.Number.ToString(),
                to = message.From ?? "+14155550100",
                status = message.Status ?? "delivered",
                error_code = message.Status == "failed" ? "30003" : null,
                updated_at = Formats.Seconds(now),
            };

        var operation = kind == "inbound" ? "agentmessage.inboundCallback" : "agentmessage.statusCallback";
        var decision = simulation.Chaos.Decide(new ChaosRequest("agentmessage", operation, OperationKind.Callback, null, [record.Number.ToString()]));
        var delivery = new CallbackDelivery
        {
            Id = simulation.Ids.Next("cbd_", 16),
            Kind = kind,
            Url = url,
            Number = record.Number.ToString(),
            Payload = JsonSerializer.SerializeToElement(payload),
            Dropped = decision.DropCallback,
            Copies = decision.DuplicateCallback ? 2 : 1,
            Injections = [.. decision.Injections.Select(i => $"{i.Rule}:{System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(i.Kind.ToString())}")],
        };
        _deliveries.Enqueue(delivery);
        while (_deliveries.Count > MaxRecorded && _deliveries.TryDequeue(out _))
        {
        }

        var work = DeliverAsync(delivery, decision.Latency ?? TimeSpan.Zero);
        if (wait)
        {
            await work.WaitAsync(cancellation);
        }

        return (delivery, null);
    }

    private async Task DeliverAsync(CallbackDelivery delivery, TimeSpan delay)
    {
        try
        {
            if (delivery.Dropped)
            {
                return;
            }

            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, time);
            }

            for (var copy = 0; copy < delivery.Copies; copy++)
            {
                for (var attempt = 1; attempt <= MaxAttempts; attempt++)
                {
                    var watch = Stopwatch.StartNew();
                    var at = simulation.Clock.GetUtcNow();
                    try
                    {
                        using var content = new StringContent(delivery.Payload.GetRawText(), Encoding.UTF8, "application/json");
                        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = content };
                        request.Headers.Add("User-Agent", "CarrierSim-Callbacks/1.0");
                        using var response = await Http.SendAsync(request);
                        lock (delivery)
                        {
                            delivery.Attempts.Add(new DeliveryAttempt(at, (int)response.StatusCode, null, watch.Elapsed.TotalMilliseconds));
                        }

                        if (response.IsSuccessStatusCode)
                        {
                            delivery.Delivered = true;
                            break;
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
                    {
                        lock (delivery)
                        {
                            delivery.Attempts.Add(new DeliveryAttempt(at, null, e.Message, watch.Elapsed.TotalMilliseconds));
                        }
                    }

                    if (attempt < MaxAttempts)
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(500 * attempt));
                    }
                }
            }
        }
        finally
        {
            delivery.Finished = true;
        }
    }
}

/// <summary>What the admin API asks to simulate.</summary>
internal sealed record SimulatedMessage(string Number, string? From, string? Body, string? Status, string? MessageId);

internal static class CallbackEndpoints
{
    public static void Map(RouteGroupBuilder admin)
    {
        var callbacks = admin.MapGroup("/callbacks");
        callbacks.MapPost("/inbound", (HttpContext context, CallbackDispatcher dispatcher, string? wait) =>
            AdminEndpoints.TryQueryBool(wait, "wait", out var w, out var bad) ? SendAsync(context, dispatcher, "inbound", w ?? true) : Task.FromResult(bad!))
            .WithName("admin.simulateInbound").Reads<Wire.CallbackMessage>().Produces<Wire.CallbackDelivery>();
        callbacks.MapPost("/status", (HttpContext context, CallbackDispatcher dispatcher, string? wait) =>
            AdminEndpoints.TryQueryBool(wait, "wait", out var w, out var bad) ? SendAsync(context, dispatcher, "status", w ?? true) : Task.FromResult(bad!))
            .WithName("admin.simulateStatus").Reads<Wire.CallbackMessage>().Produces<Wire.CallbackDelivery>();
        callbacks.MapGet("/deliveries", (CallbackDispatcher dispatcher, string? number) =>
            AdminEndpoints.Ok(dispatcher.Deliveries.Where(d => number is null || d.Number == number).Select(d => d.ToWire()).ToList()))
            .WithName("admin.listDeliveries").Produces<List<Wire.CallbackDelivery>>();
        callbacks.MapDelete("/deliveries", (CallbackDispatcher dispatcher) =>
        {
            dispatcher.Clear();
            return Results.NoContent();
        }).WithName("admin.clearDeliveries").Produces(StatusCodes.Status204NoContent);
    }

    private static async Task<IResult> SendAsync(HttpContext context, CallbackDispatcher dispatcher, string kind, bool wait)
    {
        var (wire, error) = await AdminEndpoints.ReadAsync<Wire.CallbackMessage>(context);
        if (error is not null)
        {
            return error;
        }

        var message = wire!.ToDomain();
        if (string.IsNullOrEmpty(message.Number))
        {
            return AdminEndpoints.Error(400, "number is required: the owned AgentMessage number (E.164) to simulate traffic for.");
        }

        if (kind == "status" && message.Status is not (null or "queued" or "sent" or "delivered" or "failed" or "undelivered"))
        {
            return AdminEndpoints.Error(400, "status must be queued, sent, delivered, failed or undelivered.");
        }

        var (delivery, problem) = await dispatcher.SendAsync(kind, message, wait, context.RequestAborted);
        return delivery is null ? AdminEndpoints.Error(404, problem!) : AdminEndpoints.Ok(delivery.ToWire(), wait ? 200 : 202);
    }
}
