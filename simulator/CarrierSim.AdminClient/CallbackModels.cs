using System.Text.Json;

namespace CarrierSim.AdminClient;

/// <summary>
/// Traffic to simulate for an owned AgentMessage number (<c>POST /__admin/callbacks/inbound</c>
/// or <c>/status</c>): the simulator POSTs it to the number's <c>inbound_url</c> or <c>status_url</c>.
/// </summary>
public sealed record CallbackMessage
{
    /// <summary>The owned AgentMessage number, in E.164; required.</summary>
    public required string Number { get; init; }

    /// <summary>The other party; <c>+14155550100</c> when null.</summary>
    public string? From { get; init; }

    /// <summary>The text of an inbound message; a greeting when null.</summary>
    public string? Body { get; init; }

    /// <summary>The delivery status of a status callback: queued, sent, delivered (when null), failed or undelivered.</summary>
    public string? Status { get; init; }

    /// <summary>The message id the payload carries; a new one when null.</summary>
    public string? MessageId { get; init; }
}

/// <summary>A simulated callback and every attempt to deliver it (<c>GET /__admin/callbacks/deliveries</c>).</summary>
public sealed record CallbackDelivery
{
    /// <summary>The delivery's id, <c>cbd_…</c>.</summary>
    public string Id { get; init; } = "";

    /// <summary><c>inbound</c> or <c>status</c>.</summary>
    public string Kind { get; init; } = "";

    /// <summary>The URL it is POSTed to.</summary>
    public string Url { get; init; } = "";

    /// <summary>The number it concerns, in E.164.</summary>
    public string Number { get; init; } = "";

    /// <summary>The JSON payload sent (its fields are inferred: the vendor does not document them).</summary>
    public JsonElement Payload { get; init; }

    /// <summary>Every attempt so far, oldest first.</summary>
    public IReadOnlyList<CallbackAttempt> Attempts { get; init; } = [];

    /// <summary>Whether an attempt got a success status.</summary>
    public bool Delivered { get; init; }

    /// <summary>Whether chaos dropped it (no attempt is made).</summary>
    public bool Dropped { get; init; }

    /// <summary>How many copies are sent: 2 when chaos duplicates it.</summary>
    public int Copies { get; init; } = 1;

    /// <summary>The chaos injected into it, as <c>rule:kind</c>.</summary>
    public IReadOnlyList<string> Injections { get; init; } = [];

    /// <summary>Whether every attempt has been made.</summary>
    public bool Finished { get; init; }
}

/// <summary>One attempt to deliver a callback.</summary>
public sealed record CallbackAttempt
{
    /// <summary>When it was made, on the simulator clock.</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>The status the endpoint answered; null when it did not answer.</summary>
    public int? Status { get; init; }

    /// <summary>Why there was no answer, when there was none.</summary>
    public string? Error { get; init; }

    /// <summary>How long the attempt took, in milliseconds.</summary>
    public double DurationMs { get; init; }
}
