using CarrierSim.AdminClient;

namespace CarrierSim.Testing;

/// <summary>How to start an in-process simulator; every setting has the server's default.</summary>
public sealed class CarrierSimulatorOptions
{
    /// <summary>The dialect ids a simulator can serve.</summary>
    public static IReadOnlyList<string> AllDialects => CarrierSim.Server.Hosting.CarrierSimDialects.Ids;

    /// <summary>One seed drives inventory, ids and chaos: the same seed and requests give the same answers. Default 42.</summary>
    public long Seed { get; set; } = 42;

    /// <summary>A chaos scenario to apply at start (and after every reset): a built-in name such as <c>contested-inventory</c>, or a JSON/YAML scenario file.</summary>
    public string? Scenario { get; set; }

    /// <summary>The dialects to serve; all of them when empty.</summary>
    public IList<string> Dialects { get; } = new List<string>();

    /// <summary>Tenants with specific properties (no credit, missing scopes, KYC pending…), declared at start and kept across resets.</summary>
    public IList<AccountDefinition> Accounts { get; } = new List<AccountDefinition>();

    /// <summary>How long orders stay pending on the simulator clock; the server's default (1 s) when null.</summary>
    public TimeSpan? OrderPendingFor { get; set; }

    /// <summary>
    /// The time the simulator runs on, e.g. a <c>FakeTimeProvider</c>; the system clock when null.
    /// Chaos latency waits on it too: with a fake clock, a latency rule holds a request until the fake is advanced.
    /// </summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Accept plain-http callback URLs on loopback hosts (the vendors require https).</summary>
    public bool AllowHttpCallbacks { get; set; }

    /// <summary>An admin token the control plane then requires (sent by <see cref="CarrierSimulator.Admin"/>); none by default.</summary>
    public string? AdminToken { get; set; }

    /// <summary>Any other configuration key of the simulator, e.g. <c>["CarrierSim:JournalCapacity"] = "50"</c>; applied last.</summary>
    public IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
}
