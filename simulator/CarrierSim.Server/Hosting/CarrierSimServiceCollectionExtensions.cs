using CarrierSim.Core;
using CarrierSim.Core.Chaos;
using CarrierSim.Core.Numbering;
using CarrierSim.Core.Time;
using CarrierSim.Server.Dialects;
using CarrierSim.Server.Http;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CarrierSim.Server.Hosting;

public static class CarrierSimServiceCollectionExtensions
{
    /// <summary>
    /// Registers the simulation and every dialect. A <see cref="TimeProvider"/> registered
    /// before this call (a fake clock in tests) drives the simulator clock.
    /// </summary>
    public static IServiceCollection AddCarrierSim(this IServiceCollection services)
    {
        services.AddOptions<CarrierSimOptions>().BindConfiguration(CarrierSimOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        // First of the hosted services: the shared store joins the world before anything else runs.
        services.AddHostedService<SharedStoreStarter>();
        services.AddHostedService<AdminExposureGuard>();
        // Read from configuration, not IOptions<CarrierSimOptions>: the host reads HostOptions while it
        // is built, and CarrierSimOptions are validated at start (a bad value then fails the start).
        services.AddOptions<HostOptions>().Configure<IConfiguration>((host, configuration) =>
            host.ShutdownTimeout = configuration.GetSection(CarrierSimOptions.Section).GetValue<TimeSpan?>(nameof(CarrierSimOptions.ShutdownTimeout)) is { } timeout && timeout >= TimeSpan.Zero
                ? timeout
                : new CarrierSimOptions().ShutdownTimeout);
        services.TryAddSingleton(_ => NumberingCatalog.Embedded);
        services.AddSingleton(sp => new SimulatorClock(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<CarrierSimOptions>>().Value;
            var store = sp.GetService<SharedStore>()?.Store;
            var simulation = new Simulation(
                sp.GetRequiredService<NumberingCatalog>(),
                new SimulationOptions { Seed = options.Seed, OrderPendingFor = options.OrderPendingFor, Quarantine = options.Quarantine, MaxIdleTenants = options.MaxIdleTenants },
                sp.GetRequiredService<SimulatorClock>(),
                store: store);
            IReadOnlyDictionary<string, OperationKind>? operations = null;
            simulation.Chaos.Applicability = new DialectChaosApplicability(options.EnabledDialects, () => operations ??= OperationsOrNull(sp) ?? Empty);
            DeclareAccounts(simulation, options);
            ApplyScenario(simulation, options);
            simulation.ResetRequested += () =>
            {
                DeclareAccounts(simulation, options);
                ApplyScenario(simulation, options);
            };
            return simulation;
        });

        services.AddSingleton(sp => SharedStore.Create(sp.GetRequiredService<IOptions<CarrierSimOptions>>().Value));
        services.AddSingleton(sp => new RequestJournal(sp.GetRequiredService<IOptions<CarrierSimOptions>>().Value.JournalCapacity));
        services.AddHostedService<RequestLog>();
        services.AddSingleton<CarrierSim.Server.Admin.CallbackDispatcher>();
        services.AddCarrierSimOpenApi();
        foreach (var dialect in DialectRegistry.All)
        {
            services.AddSingleton(typeof(IDialect), dialect.Type);
        }

        return services;
    }

    /// <summary>Every mapped dialect operation and its kind; empty until the endpoints are mapped (then not cached).</summary>
    private static Dictionary<string, OperationKind>? OperationsOrNull(IServiceProvider services)
    {
        var found = services.GetService<Microsoft.AspNetCore.Routing.EndpointDataSource>()?.Endpoints
            .Select(e => e.Metadata.GetMetadata<DialectOperation>())
            .OfType<DialectOperation>()
            .GroupBy(o => o.Id, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().Kind, StringComparer.OrdinalIgnoreCase);
        return found is { Count: > 0 } ? found : null;
    }

    private static readonly IReadOnlyDictionary<string, OperationKind> Empty = new Dictionary<string, OperationKind>();

    private static void ApplyScenario(Simulation simulation, CarrierSimOptions options)
    {
        if (options.Scenario is { Length: > 0 } scenario)
        {
            simulation.Chaos.Apply(ChaosScenario.Resolve(scenario));
        }
    }

    private static void DeclareAccounts(Simulation simulation, CarrierSimOptions options)
    {
        foreach (var account in options.Accounts)
        {
            var dialect = account.Dialect.ToLowerInvariant();
            simulation.Accounts.Declare(dialect, account.Id, account.ToSettings());
            foreach (var key in account.Keys)
            {
                simulation.Accounts.DeclareKey(dialect, new Core.Accounts.ApiKey(key.Key, account.Id, key.Scopes, key.Project));
            }
        }
    }
}
