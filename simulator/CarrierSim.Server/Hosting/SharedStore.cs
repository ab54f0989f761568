using CarrierSim.Core;
using CarrierSim.Postgres;

namespace CarrierSim.Server.Hosting;

/// <summary>The state store the options select: none (in memory, the default) or PostgreSQL, migrated before the simulation is built.</summary>
internal sealed class SharedStore : IAsyncDisposable
{
    private SharedStore(PostgresStateStore? store) => Store = store;

    public PostgresStateStore? Store { get; }

    public static SharedStore Create(CarrierSimOptions options)
    {
        if (!options.StoreIsPostgres)
        {
            return new SharedStore(null);
        }

        var store = PostgresStateStore.Create(options.Store!);
        try
        {
            store.MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            store.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw new InvalidOperationException($"Cannot use the PostgreSQL store at {store.Describe()}: {e.Message} Check that the server runs and the user may connect and create tables, or run without --store to keep the state in memory.", e);
        }

        return new SharedStore(store);
    }

    public async ValueTask DisposeAsync()
    {
        if (Store is not null)
        {
            await Store.DisposeAsync();
        }
    }
}

/// <summary>Joins the shared world before the simulator serves: loads what earlier replicas saved, or saves this one's start-up state.</summary>
internal sealed class SharedStoreStarter(SharedStore shared, Simulation simulation, ILogger<SharedStoreStarter> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (shared.Store is { } store)
        {
            await store.StartAsync(simulation, cancellationToken);
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("State in PostgreSQL at {Store} (schema version {Version}).", store.Describe(), PostgresStateStore.SchemaVersion);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
