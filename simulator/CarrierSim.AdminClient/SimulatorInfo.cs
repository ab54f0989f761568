namespace CarrierSim.AdminClient;

/// <summary>What <c>GET /__admin/info</c> says about a running simulator.</summary>
public sealed record SimulatorInfo
{
    /// <summary>Always <c>CarrierSim</c>.</summary>
    public string Name { get; init; } = "";

    /// <summary>The simulator's version.</summary>
    public string Version { get; init; } = "";

    /// <summary>The seed that drives inventory, ids and chaos.</summary>
    public long Seed { get; init; }

    /// <summary>The simulator clock's current time.</summary>
    public DateTimeOffset Clock { get; init; }

    /// <summary>The chaos scenario applied last, or null.</summary>
    public string? Scenario { get; init; }

    /// <summary>The dialects served, with their base paths and example credentials.</summary>
    public IReadOnlyList<DialectInfo> Dialects { get; init; } = [];
}

/// <summary>One served dialect.</summary>
public sealed record DialectInfo
{
    /// <summary>The dialect id, e.g. <c>dialstack</c>.</summary>
    public string Name { get; init; } = "";

    /// <summary>The path the dialect is mounted under, e.g. <c>/dialstack</c>.</summary>
    public string BasePath { get; init; } = "";

    /// <summary>Ready-to-use credentials, as the start-up banner prints them.</summary>
    public string Credentials { get; init; } = "";

    /// <summary>The vendor's name for people, e.g. <c>DialStack</c>.</summary>
    public string Title { get; init; } = "";

    /// <summary>Example credentials as request headers (header name → value): any well-formed key gets a tenant of its own.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The path of the dialect's OpenAPI document, e.g. <c>/dialstack/openapi.json</c>.</summary>
    public string OpenApi { get; init; } = "";
}

/// <summary>The answer of <c>GET /__admin/health</c>.</summary>
public sealed record HealthStatus
{
    /// <summary><c>ok</c> when the simulator is up.</summary>
    public string Status { get; init; } = "";
}

/// <summary>The simulator clock, as <c>/__admin/clock</c> shows it.</summary>
public sealed record ClockState
{
    /// <summary>The simulator's current time; orders and quarantines progress on it.</summary>
    public DateTimeOffset Now { get; init; }

    /// <summary>Whether the clock is frozen (it then moves only when advanced).</summary>
    public bool Frozen { get; init; }
}
