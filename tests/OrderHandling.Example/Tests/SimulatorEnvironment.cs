using System.Net.Http.Headers;
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
    /// <summary>The DialStack key the clients send.</summary>
    public const string ApiKey = "sk_test_orderhandling";

    /// <summary>The DialStack account the clients act for.</summary>
    public const string AccountId = "acct_orderhandling";

    private readonly List<IAsyncDisposable> _owned = [];

    /// <summary>The simulator's control plane.</summary>
    public abstract CarrierSimAdminClient Admin { get; }

    /// <summary>DialStack's base URL on the simulator.</summary>
    protected abstract Uri DialStackBaseAddress { get; }

    /// <summary>
    /// Builds the client exactly as the application would, pointed at the simulator; <paramref name="underRetries"/>
    /// adds a handler below the retry handler, so that it sees every attempt.
    /// </summary>
    public DialStackOrderingClient CreateOrderingClient(Action<DialStackOrderingOptions>? configure = null, Func<DelegatingHandler>? underRetries = null)
    {
        var services = new ServiceCollection();
        var http = services.AddDialStackOrdering(o =>
        {
            o.BaseAddress = DialStackBaseAddress;
            o.ApiKey = ApiKey;
            o.AccountId = AccountId;
            o.PollInterval = TimeSpan.FromMilliseconds(50);
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(20);
            o.MaxRetryDelay = TimeSpan.FromMilliseconds(200);
            configure?.Invoke(o);
        });
        if (underRetries is not null)
        {
            http.AddHttpMessageHandler(underRetries);
        }

        http.ConfigurePrimaryHttpMessageHandler(CreatePrimaryHandler);
        var provider = services.BuildServiceProvider();
        _owned.Add(provider);
        return provider.GetRequiredService<DialStackOrderingClient>();
    }

    /// <summary>A plain HttpClient for DialStack with the same credentials, for hand-written clients.</summary>
    public HttpClient CreateDialStackHttpClient(DelegatingHandler? handler = null)
    {
        var primary = CreatePrimaryHandler();
        if (handler is not null)
        {
            handler.InnerHandler = primary;
        }

        var http = new HttpClient(handler ?? primary) { BaseAddress = DialStackBaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        http.DefaultRequestHeaders.Add("DialStack-Account", AccountId);
        _owned.Add(new Disposer(http));
        return http;
    }

    /// <summary>The numbers the simulator says the clients' account owns now, sorted.</summary>
    public async Task<IReadOnlyList<string>> OwnedNumbersAsync(CancellationToken cancellationToken)
    {
        var account = await Admin.GetAccountAsync("dialstack", $"{ApiKey}/{AccountId}", cancellationToken);
        return [.. account.Numbers.Order(StringComparer.Ordinal)];
    }

    /// <summary>The purchase orders the simulator holds for the clients' account.</summary>
    public async Task<IReadOnlyList<SimulatorOrder>> PurchaseOrdersAsync(CancellationToken cancellationToken) =>
        [.. (await Admin.ListOrdersAsync("dialstack", cancellationToken: cancellationToken)).Where(o => o.Type == OrderType.Purchase)];

    /// <summary>The handler at the bottom of every client: the simulator in memory, or a socket.</summary>
    protected abstract HttpMessageHandler CreatePrimaryHandler();

    public virtual async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            await owned.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    private sealed class Disposer(IDisposable disposable) : IAsyncDisposable
    {
        ValueTask IAsyncDisposable.DisposeAsync()
        {
            disposable.Dispose();
            return default;
        }
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

    protected override HttpMessageHandler CreatePrimaryHandler() => new WholeResponse { InnerHandler = sim.CreateHandler() };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await sim.DisposeAsync();
    }

    /// <summary>
    /// Reads each response whole before handing it back, as a socket handler's buffered read does.
    /// TestServer answers at the response's first byte and keeps the rest of the body tied to the
    /// attempt's token: a short attempt timeout firing after that first byte would abort a body the
    /// client is still reading, outside the retry handler. Read inside, the timeout covers it all.
    /// </summary>
    private sealed class WholeResponse : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            return response;
        }
    }
}

/// <summary>The simulator in-process on a loopback port (CarrierSim.Testing): Kestrel and real sockets, as in the container.</summary>
public sealed class LoopbackEnvironment(CarrierSimulator sim) : SimulatorEnvironment
{
    public static async Task<SimulatorEnvironment> StartAsync(string? scenario, TimeSpan orderPendingFor)
    {
        var sim = await CarrierSimulator.StartAsync(o =>
        {
            o.Scenario = scenario;
            o.OrderPendingFor = orderPendingFor;
        });
        return new LoopbackEnvironment(sim);
    }

    public override CarrierSimAdminClient Admin => sim.Admin;

    protected override Uri DialStackBaseAddress => sim.BaseAddress("dialstack");

    protected override HttpMessageHandler CreatePrimaryHandler() => sim.CreateHandler();

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

    protected override HttpMessageHandler CreatePrimaryHandler() => new SocketsHttpHandler { UseProxy = false };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await container.DisposeAsync();
    }
}
