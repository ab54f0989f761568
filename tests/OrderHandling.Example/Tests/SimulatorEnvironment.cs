using CarrierSim.AdminClient;
using CarrierSim.Testcontainers;
using CarrierSim.Testing;
using CarrierSim.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using OrderHandling.Example.Ordering;

namespace OrderHandling.Example.Tests;

/// <summary>A simulator to run the scenarios against, and the ordering client wired to it.</summary>
public abstract class SimulatorEnvironment : IAsyncDisposable
{
    private ServiceProvider? _services;

    /// <summary>The simulator's control plane.</summary>
    public abstract CarrierSimAdminClient Admin { get; }

    /// <summary>DialStack's base URL on the simulator.</summary>
    protected abstract Uri DialStackBaseAddress { get; }

    /// <summary>Builds the client exactly as the application would, pointed at the simulator.</summary>
    public DialStackOrderingClient CreateOrderingClient(Action<DialStackOrderingOptions>? configure = null)
    {
        var services = new ServiceCollection();
        var http = services.AddDialStackOrdering(o =>
        {
            o.BaseAddress = DialStackBaseAddress;
            o.ApiKey = "sk_test_orderhandling";
            o.AccountId = "acct_orderhandling";
            o.PollInterval = TimeSpan.FromMilliseconds(50);
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(20);
            o.MaxRetryDelay = TimeSpan.FromMilliseconds(200);
            configure?.Invoke(o);
        });
        ConfigureHttp(http);
        _services = services.BuildServiceProvider();
        return _services.GetRequiredService<DialStackOrderingClient>();
    }

    /// <summary>Lets an in-memory simulator supply the primary handler.</summary>
    protected virtual void ConfigureHttp(IHttpClientBuilder http)
    {
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>The simulator in memory (CarrierSim.Testing): no socket, starts in milliseconds.</summary>
public sealed class InMemoryEnvironment(CarrierSimulator sim) : SimulatorEnvironment
{
    public static async Task<SimulatorEnvironment> StartAsync(string? scenario, TimeSpan orderPendingFor)
    {
        var sim = await CarrierSimulator.StartInMemoryAsync(o =>
        {
            o.Scenario = scenario;
            o.OrderPendingFor = orderPendingFor;
        });
        return new InMemoryEnvironment(sim);
    }

    public override CarrierSimAdminClient Admin => sim.Admin;

    protected override Uri DialStackBaseAddress => sim.BaseAddress("dialstack");

    protected override void ConfigureHttp(IHttpClientBuilder http) => http.ConfigurePrimaryHttpMessageHandler(sim.CreateHandler);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await sim.DisposeAsync();
    }
}

/// <summary>The simulator image in Docker (CarrierSim.Testcontainers).</summary>
public sealed class ContainerEnvironment(CarrierSimContainer container) : SimulatorEnvironment
{
    private readonly CarrierSimAdminClient _admin = container.CreateAdminClient();

    public static async Task<SimulatorEnvironment> StartAsync(string? scenario, TimeSpan orderPendingFor)
    {
        await DockerAvailability.RequireAsync();

        var builder = new CarrierSimBuilder().WithOrderPendingFor(orderPendingFor);
        if (scenario is not null)
        {
            builder = builder.WithScenario(scenario);
        }

        var container = builder.Build();
        await container.StartAsync();
        return new ContainerEnvironment(container);
    }

    public override CarrierSimAdminClient Admin => _admin;

    protected override Uri DialStackBaseAddress => container.GetBaseAddress("dialstack");

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await container.DisposeAsync();
    }
}
