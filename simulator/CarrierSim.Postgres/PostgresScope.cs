using CarrierSim.Core.Inventory;
using CarrierSim.Core.State;
using Npgsql;

namespace CarrierSim.Postgres;

/// <summary>One unit of work: a transaction holding a tenant's (or the world's) advisory lock until it commits or is disposed.</summary>
internal sealed class PostgresScope(PostgresStateStore store, NpgsqlConnection connection, NpgsqlTransaction transaction, OwnerId? tenant) : IStateScope
{
    private bool _done;

    public NpgsqlConnection Connection => connection;

    public NpgsqlTransaction Transaction => transaction;

    /// <summary>The tenant this scope locks; null for the whole world.</summary>
    public OwnerId? Tenant => tenant;

    /// <summary>Tenants were deleted or the world reset: other replicas must drop their copies.</summary>
    public bool GenerationChanged { get; set; }

    /// <summary>A tenant was created (or looked up) within this transaction.</summary>
    public bool AllocatedOwners { get; set; }

    public Dictionary<(int Owner, string Component), byte[]?> SavedTenant { get; } = [];

    public Dictionary<string, byte[]> SavedShared { get; } = new(StringComparer.Ordinal);

    public Dictionary<int, long> Versions { get; } = [];

    /// <summary>Numbers written in this transaction: after a rollback, this process's copies of them are taken from the store again.</summary>
    public HashSet<ulong> WrittenNumbers { get; } = [];

    public long? NewGeneration { get; set; }

    public long? NewSharedVersion { get; set; }

    public async ValueTask CommitAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_done, this);
        await store.SaveAsync(this, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        _done = true;
        store.Committed(this);
    }

    public async ValueTask DisposeAsync()
    {
        store.Leave(this);
        if (!_done)
        {
            _done = true;
            try
            {
                await transaction.RollbackAsync(CancellationToken.None);
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                // The connection broke: the server rolls the transaction back anyway.
            }

            store.RolledBack(this);
        }

        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
