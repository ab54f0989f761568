using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;

namespace CarrierSim.Testcontainers;

/// <summary>The immutable configuration of a CarrierSim container: the simulator's settings on top of the container's.</summary>
public sealed class CarrierSimConfiguration : ContainerConfiguration
{
    /// <summary>Creates a configuration with the given simulator settings; null leaves a setting to the image's default.</summary>
    /// <param name="seed">The simulator seed.</param>
    /// <param name="scenario">A built-in chaos scenario applied at start.</param>
    /// <param name="dialects">The dialects to serve.</param>
    /// <param name="accountsJson">The declared accounts, as a JSON array.</param>
    /// <param name="orderPendingFor">How long orders stay pending.</param>
    /// <param name="allowHttpCallbacks">Whether plain-http callback URLs are accepted.</param>
    /// <param name="adminToken">The admin token.</param>
    /// <param name="store">Where the simulator keeps its state: <c>memory</c> or a PostgreSQL connection.</param>
    public CarrierSimConfiguration(
        long? seed = null,
        string? scenario = null,
        IReadOnlyList<string>? dialects = null,
        string? accountsJson = null,
        TimeSpan? orderPendingFor = null,
        bool? allowHttpCallbacks = null,
        string? adminToken = null,
        string? store = null)
    {
        Seed = seed;
        Scenario = scenario;
        Dialects = dialects;
        AccountsJson = accountsJson;
        OrderPendingFor = orderPendingFor;
        AllowHttpCallbacks = allowHttpCallbacks;
        AdminToken = adminToken;
        Store = store;
    }

    /// <summary>Copies a generic resource configuration (used by the builder's <c>Clone</c>).</summary>
    /// <param name="resourceConfiguration">The Docker resource configuration.</param>
    public CarrierSimConfiguration(IResourceConfiguration<CreateContainerParameters> resourceConfiguration)
        : base(resourceConfiguration)
    {
    }

    /// <summary>Copies a generic container configuration (used by the builder's <c>Clone</c>).</summary>
    /// <param name="resourceConfiguration">The container configuration.</param>
    public CarrierSimConfiguration(IContainerConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
    }

    /// <summary>Copies a configuration.</summary>
    /// <param name="resourceConfiguration">The configuration to copy.</param>
    public CarrierSimConfiguration(CarrierSimConfiguration resourceConfiguration)
        : this(new CarrierSimConfiguration(), resourceConfiguration)
    {
    }

    /// <summary>Merges two configurations: every value set in <paramref name="newValue"/> wins.</summary>
    /// <param name="oldValue">The configuration so far.</param>
    /// <param name="newValue">The changes.</param>
    public CarrierSimConfiguration(CarrierSimConfiguration oldValue, CarrierSimConfiguration newValue)
        : base(oldValue, newValue)
    {
        ArgumentNullException.ThrowIfNull(oldValue);
        ArgumentNullException.ThrowIfNull(newValue);
        Seed = newValue.Seed ?? oldValue.Seed;
        Scenario = BuildConfiguration.Combine(oldValue.Scenario, newValue.Scenario);
        Dialects = newValue.Dialects ?? oldValue.Dialects;
        AccountsJson = BuildConfiguration.Combine(oldValue.AccountsJson, newValue.AccountsJson);
        OrderPendingFor = newValue.OrderPendingFor ?? oldValue.OrderPendingFor;
        AllowHttpCallbacks = newValue.AllowHttpCallbacks ?? oldValue.AllowHttpCallbacks;
        AdminToken = BuildConfiguration.Combine(oldValue.AdminToken, newValue.AdminToken);
        Store = BuildConfiguration.Combine(oldValue.Store, newValue.Store);
    }

    /// <summary>The simulator seed (<c>CarrierSim__Seed</c>); the image's default (42) when null.</summary>
    public long? Seed { get; }

    /// <summary>The built-in chaos scenario applied at start (<c>CarrierSim__Scenario</c>).</summary>
    public string? Scenario { get; }

    /// <summary>The dialects to serve (<c>CarrierSim__Dialects__N</c>); all four when null.</summary>
    public IReadOnlyList<string>? Dialects { get; }

    /// <summary>The declared accounts as a JSON array (<c>CarrierSim__Accounts__N__…</c>).</summary>
    public string? AccountsJson { get; }

    /// <summary>How long orders stay pending (<c>CarrierSim__OrderPendingFor</c>).</summary>
    public TimeSpan? OrderPendingFor { get; }

    /// <summary>Whether plain-http callback URLs are accepted (<c>CarrierSim__AllowHttpCallbacks</c>).</summary>
    public bool? AllowHttpCallbacks { get; }

    /// <summary>The admin token (<c>CarrierSim__AdminToken</c>); generated at build time when not given.</summary>
    public string? AdminToken { get; }

    /// <summary>Where the simulator keeps its state (<c>CarrierSim__Store</c>): <c>memory</c> (the image's default when null) or a PostgreSQL connection.</summary>
    public string? Store { get; }
}
