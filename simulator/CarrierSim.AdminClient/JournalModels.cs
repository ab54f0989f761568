namespace CarrierSim.AdminClient;

/// <summary>The request journal (<c>GET /__admin/journal</c>): a bounded ring buffer of dialect requests.</summary>
public sealed record JournalPage
{
    /// <summary>How many requests the journal keeps.</summary>
    public int Capacity { get; init; }

    /// <summary>The matching entries, newest last.</summary>
    public IReadOnlyList<JournalEntry> Entries { get; init; } = [];
}

/// <summary>One request to a dialect, as the journal keeps it.</summary>
public sealed record JournalEntry
{
    /// <summary>A sequence number, increasing.</summary>
    public long Id { get; init; }

    /// <summary>When the request arrived, on the simulator clock.</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>The dialect it went to.</summary>
    public string Dialect { get; init; } = "";

    /// <summary>The operation id, e.g. <c>dialstack.createOrder</c>.</summary>
    public string Operation { get; init; } = "";

    /// <summary>The HTTP method.</summary>
    public string Method { get; init; } = "";

    /// <summary>The request path.</summary>
    public string Path { get; init; } = "";

    /// <summary>The query string, with its leading <c>?</c>, or empty.</summary>
    public string Query { get; init; } = "";

    /// <summary>The response status; 0 when the connection was dropped before an answer.</summary>
    public int Status { get; init; }

    /// <summary>How long the simulator took to answer, in milliseconds.</summary>
    public double DurationMs { get; init; }

    /// <summary>The tenant, when the request was authenticated.</summary>
    public string? Account { get; init; }

    /// <summary>The chaos injected into it, as <c>rule:kind</c>.</summary>
    public IReadOnlyList<string> Injections { get; init; } = [];
}
