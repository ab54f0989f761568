using System.Collections.Concurrent;
using CarrierSim.Core;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.State;
using Npgsql;
using NpgsqlTypes;

namespace CarrierSim.Postgres;

/// <summary>
/// The simulation's state in PostgreSQL, so that any number of simulator processes (replicas) share
/// one world and a restart loses nothing.
/// </summary>
/// <remarks>
/// <para>
/// <b>Numbers</b> change only by compare-and-set on the <c>numbers</c> table (<see cref="TryWriteNumbers"/>):
/// two replicas can never both take a number, whatever their copies of the overlay say. Every change
/// is notified (<c>LISTEN carriersim_numbers</c>) to every replica's overlay, so search, which never
/// touches the database, soon stops offering a number another replica sold.
/// </para>
/// <para>
/// <b>Everything else</b> is saved as documents: per tenant (orders, credit, each dialect's records)
/// and shared (clock, chaos rules, declarations). A request that touches a tenant runs in a
/// <see cref="IStateScope"/>: one transaction that holds the tenant's advisory lock, loads what
/// another replica saved since (a version check, one round trip), and saves what changed when it
/// commits. A control-plane request locks the whole world. So a tenant's requests are serialized
/// across replicas, an order settles exactly once, and a replica killed mid-request leaves nothing
/// half-applied (its transaction never commits).
/// </para>
/// </remarks>
public sealed class PostgresStateStore : IStateStore, IAsyncDisposable
{
    private const int WorldLock = 0;
    private const int TenantLock = 1;

    private readonly NpgsqlDataSource _data;
    // The request's unit of work. A slot is set synchronously by BeginAsync, in the caller's execution
    // context, so that it flows to everything the caller then awaits (a value set inside an async
    // method would be gone when it returns).
    private readonly AsyncLocal<ScopeSlot?> _current = new();
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private readonly ConcurrentDictionary<int, long> _versions = new();
    private readonly ConcurrentDictionary<(int Owner, string Component), byte[]> _savedTenant = new();
    private readonly ConcurrentDictionary<string, byte[]> _savedShared = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private Simulation? _simulation;
    private Task? _listener;
    private long _generation = -1;
    private long _sharedVersion = -1;

    private PostgresStateStore(NpgsqlDataSource data)
    {
        _data = data;
        Keys = new PostgresIdempotencyKeys(data);
    }

    public IIdempotencyKeys? Keys { get; }

    /// <summary>A store over <paramref name="connection"/>: a <c>postgres://user:password@host:port/database</c> URI or an Npgsql connection string.</summary>
    /// <exception cref="ArgumentException">The connection is neither.</exception>
    public static PostgresStateStore Create(string connection) => new(NpgsqlDataSource.Create(PostgresConnection.Parse(connection)));

    /// <summary>The database the store works on, for messages (no password).</summary>
    public string Describe()
    {
        var builder = new NpgsqlConnectionStringBuilder(_data.ConnectionString);
        return $"postgres://{builder.Username}@{builder.Host}:{builder.Port}/{builder.Database}";
    }

    public bool IsShared => true;

    /// <summary>The schema version this store knows; a database at a newer one is refused.</summary>
    public static int SchemaVersion => Migrations.Latest;

    /// <summary>
    /// Migrates the schema (versioned, under an advisory lock, idempotent), then joins the shared
    /// world: loads the shared documents saved by earlier replicas, or saves this process's own when
    /// it is the first, loads the changed numbers, and starts listening for other replicas' changes.
    /// </summary>
    /// <exception cref="InvalidOperationException">The database schema is newer than this simulator knows, or the database cannot be reached.</exception>
    public async Task StartAsync(Simulation simulation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        _simulation = simulation;
        await MigrateAsync(cancellationToken);
        await using (var scope = await BeginAsync(null, cancellationToken))
        {
            await scope!.CommitAsync(cancellationToken);
        }

        await ReloadNumbersAsync(cancellationToken);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _listener = Task.Run(() => ListenAsync(ready, _stopping.Token), CancellationToken.None);
        await ready.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Brings the schema to <see cref="SchemaVersion"/> (idempotent; replicas starting together apply each migration once).</summary>
    /// <exception cref="InvalidOperationException">The database's schema is newer than this simulator knows.</exception>
    public Task MigrateAsync(CancellationToken cancellationToken) => Migrations.ApplyAsync(_data, cancellationToken);

    private Simulation Simulation => _simulation ?? throw new InvalidOperationException("The PostgreSQL store is not started: call StartAsync first.");

    public ValueTask<IStateScope?> BeginAsync(OwnerId? tenant, CancellationToken cancellationToken)
    {
        var slot = new ScopeSlot();
        _current.Value = slot;
        return BeginAsync(slot, tenant, cancellationToken);
    }

    private sealed class ScopeSlot
    {
        public PostgresScope? Scope { get; set; }
    }

    private PostgresScope? Current => _current.Value?.Scope;

    private async ValueTask<IStateScope?> BeginAsync(ScopeSlot slot, OwnerId? tenant, CancellationToken cancellationToken)
    {
        var connection = await _data.OpenConnectionAsync(cancellationToken);
        PostgresScope? scope = null;
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            scope = new PostgresScope(this, connection, transaction, tenant);
            slot.Scope = scope;
            await using var batch = new NpgsqlBatch(connection, transaction);
            if (tenant is { } owner)
            {
                batch.BatchCommands.Add(Command("SELECT pg_advisory_xact_lock_shared($1, 0)", WorldLock));
                batch.BatchCommands.Add(Command("SELECT pg_advisory_xact_lock($1, $2)", TenantLock, owner.Value));
            }
            else
            {
                batch.BatchCommands.Add(Command("SELECT pg_advisory_xact_lock($1, 0)", WorldLock));
            }

            batch.BatchCommands.Add(Command("SELECT generation, shared_version FROM world"));
            if (tenant is { } one)
            {
                batch.BatchCommands.Add(Command("SELECT version FROM tenants WHERE owner = $1", one.Value));
            }

            long generation, sharedVersion;
            long? tenantVersion = null;
            await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
            {
                while (reader.FieldCount != 2)
                {
                    await reader.NextResultAsync(cancellationToken);
                }

                await reader.ReadAsync(cancellationToken);
                (generation, sharedVersion) = (reader.GetInt64(0), reader.GetInt64(1));
                if (tenant is not null && await reader.NextResultAsync(cancellationToken) && await reader.ReadAsync(cancellationToken))
                {
                    tenantVersion = reader.GetInt64(0);
                }
            }

            await CatchUpAsync(scope, generation, sharedVersion, cancellationToken);
            if (tenant is { } mine)
            {
                if (tenantVersion is { } version && _versions.GetValueOrDefault(mine.Value, -1) != version)
                {
                    await LoadTenantsAsync(scope, [mine.Value], cancellationToken);
                }
            }
            else
            {
                await LoadChangedTenantsAsync(scope, cancellationToken);
            }

            return scope;
        }
        catch
        {
            slot.Scope = null;
            if (scope is not null)
            {
                await scope.DisposeAsync();
            }
            else
            {
                await connection.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>
    /// Brings this process up to the world's generation (dropping every copy when tenants were
    /// deleted or the world reset elsewhere) and loads the shared documents when they changed.
    /// </summary>
    private async Task CatchUpAsync(PostgresScope scope, long generation, long sharedVersion, CancellationToken cancellationToken) =>
        await CatchUpAsync(scope.Connection, scope.Transaction, generation, sharedVersion, cancellationToken);

    private async Task CatchUpAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long generation, long sharedVersion, CancellationToken cancellationToken)
    {
        if (Interlocked.Read(ref _generation) == generation && Interlocked.Read(ref _sharedVersion) == sharedVersion)
        {
            return;
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            var known = Interlocked.Read(ref _generation);
            if (known != generation)
            {
                if (known != -1)
                {
                    // Another replica deleted tenants or reset the world: every copy here may be stale.
                    _versions.Clear();
                    _savedTenant.Clear();
                    _savedShared.Clear();
                    Interlocked.Exchange(ref _sharedVersion, -1);
                    Simulation.ForgetLocal();
                    await ReloadNumbersAsync(connection, transaction, cancellationToken);
                }

                Interlocked.Exchange(ref _generation, generation);
            }

            if (Interlocked.Read(ref _sharedVersion) != sharedVersion)
            {
                await using var command = new NpgsqlCommand("SELECT component, doc FROM shared_state", connection, transaction);
                var documents = new Dictionary<string, byte[]>(StringComparer.Ordinal);
                await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                {
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        documents[reader.GetString(0)] = (byte[])reader[1];
                    }
                }

                foreach (var component in Simulation.State.Shared)
                {
                    if (documents.TryGetValue(component.Name, out var document))
                    {
                        component.Import(document);
                        _savedShared[component.Name] = component.Export();
                    }
                }

                Interlocked.Exchange(ref _sharedVersion, sharedVersion);
            }
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>Every tenant whose saved version differs from this process's copy (control plane: the whole world is read).</summary>
    private async Task LoadChangedTenantsAsync(PostgresScope scope, CancellationToken cancellationToken)
    {
        var stale = new List<int>();
        await using (var command = new NpgsqlCommand("SELECT owner, version FROM tenants", scope.Connection, scope.Transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                if (_versions.GetValueOrDefault(reader.GetInt32(0), -1) != reader.GetInt64(1))
                {
                    stale.Add(reader.GetInt32(0));
                }
            }
        }

        if (stale.Count > 0)
        {
            await LoadTenantsAsync(scope, stale, cancellationToken);
        }
    }

    /// <summary>Loads tenants as saved: their accounts, every component, and their numbers' entries.</summary>
    private async Task LoadTenantsAsync(PostgresScope scope, IReadOnlyList<int> owners, CancellationToken cancellationToken)
    {
        var tenants = new List<(int Owner, string Dialect, string Id, bool Declared, long Version)>();
        await using (var command = new NpgsqlCommand("SELECT owner, dialect, id, declared, version FROM tenants WHERE owner = ANY($1)", scope.Connection, scope.Transaction))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = owners.ToArray() });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                tenants.Add((reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3), reader.GetInt64(4)));
            }
        }

        var documents = new Dictionary<(int, string), byte[]>();
        await using (var command = new NpgsqlCommand("SELECT owner, component, doc FROM tenant_state WHERE owner = ANY($1)", scope.Connection, scope.Transaction))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = owners.ToArray() });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                documents[(reader.GetInt32(0), reader.GetString(1))] = (byte[])reader[2];
            }
        }

        var simulation = Simulation;
        foreach (var tenant in tenants)
        {
            var owner = new OwnerId(tenant.Owner);
            simulation.Accounts.Adopt(tenant.Dialect, tenant.Id, owner, tenant.Declared);
        }

        await RefreshNumbersOfAsync(scope, owners, cancellationToken);
        foreach (var tenant in tenants)
        {
            var owner = new OwnerId(tenant.Owner);
            foreach (var component in simulation.State.Tenant)
            {
                var document = documents.GetValueOrDefault((tenant.Owner, component.Name));
                component.Import(owner, document);
                if (component.Export(owner) is { } saved)
                {
                    _savedTenant[(tenant.Owner, component.Name)] = saved;
                }
                else
                {
                    _savedTenant.TryRemove((tenant.Owner, component.Name), out _);
                }
            }

            _versions[tenant.Owner] = tenant.Version;
        }
    }

    /// <summary>Takes the stored entries of every number these owners hold here or in the store.</summary>
    private async Task RefreshNumbersOfAsync(PostgresScope scope, IReadOnlyList<int> owners, CancellationToken cancellationToken)
    {
        var inventory = Simulation.Inventory;
        var local = owners.SelectMany(o => inventory.OwnedDigits(new OwnerId(o))).Select(d => (long)d).ToArray();
        var entries = new Dictionary<ulong, NumberEntry?>();
        foreach (var digits in local)
        {
            entries[(ulong)digits] = null;
        }

        await using (var command = new NpgsqlCommand("SELECT digits, state, owner, until_ticks FROM numbers WHERE owner = ANY($1) OR digits = ANY($2)", scope.Connection, scope.Transaction))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = owners.ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = local });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var entry = ReadEntry(reader);
                entries[entry.Digits] = entry;
            }
        }

        inventory.ApplyStored(entries);
    }

    private async Task ReloadNumbersAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _data.OpenConnectionAsync(cancellationToken);
        await ReloadNumbersAsync(connection, null, cancellationToken);
    }

    /// <summary>Takes the store's numbers into this process's overlay.</summary>
    private async Task ReloadNumbersAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        var entries = new List<KeyValuePair<ulong, NumberEntry?>>();
        await using var command = new NpgsqlCommand("SELECT digits, state, owner, until_ticks FROM numbers", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var entry = ReadEntry(reader);
            entries.Add(new KeyValuePair<ulong, NumberEntry?>(entry.Digits, entry));
        }

        Simulation.Inventory.ApplyStored(entries);
    }

    private static NumberEntry ReadEntry(NpgsqlDataReader reader) =>
        new((ulong)reader.GetInt64(0), (NumberState)reader.GetInt16(1), reader.GetInt32(2), reader.GetInt64(3));

    /// <summary>Saves what the scope's tenant (or, for the world, every tenant and shared document) changed.</summary>
    internal async Task SaveAsync(PostgresScope scope, CancellationToken cancellationToken)
    {
        var simulation = Simulation;
        if (scope.Tenant is { } tenant)
        {
            await SaveTenantAsync(scope, tenant.Value, cancellationToken);
            return;
        }

        var sharedChanged = false;
        foreach (var component in simulation.State.Shared)
        {
            var document = component.Export();
            if (_savedShared.TryGetValue(component.Name, out var saved) && saved.AsSpan().SequenceEqual(document))
            {
                continue;
            }

            await using var command = new NpgsqlCommand(
                "INSERT INTO shared_state (component, doc) VALUES ($1, $2) ON CONFLICT (component) DO UPDATE SET doc = excluded.doc",
                scope.Connection, scope.Transaction);
            command.Parameters.Add(new NpgsqlParameter { Value = component.Name });
            command.Parameters.Add(new NpgsqlParameter { Value = document, NpgsqlDbType = NpgsqlDbType.Bytea });
            await command.ExecuteNonQueryAsync(cancellationToken);
            scope.SavedShared[component.Name] = document;
            sharedChanged = true;
        }

        foreach (var account in simulation.Accounts.All)
        {
            await SaveTenantAsync(scope, account.Owner.Value, cancellationToken);
        }

        if (sharedChanged || scope.GenerationChanged)
        {
            await using var command = new NpgsqlCommand(
                "UPDATE world SET shared_version = shared_version + $1, generation = generation + $2 RETURNING generation, shared_version",
                scope.Connection, scope.Transaction);
            command.Parameters.Add(new NpgsqlParameter { Value = sharedChanged ? 1L : 0L });
            command.Parameters.Add(new NpgsqlParameter { Value = scope.GenerationChanged ? 1L : 0L });
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                await reader.ReadAsync(cancellationToken);
                scope.NewGeneration = reader.GetInt64(0);
                scope.NewSharedVersion = reader.GetInt64(1);
            }

            // Delivered at commit: replicas that serve only searches (which never lock) catch up too.
            await using var notify = new NpgsqlCommand("SELECT pg_notify('carriersim_world', '')", scope.Connection, scope.Transaction);
            await notify.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private async Task SaveTenantAsync(PostgresScope scope, int owner, CancellationToken cancellationToken)
    {
        var changed = false;
        foreach (var component in Simulation.State.Tenant)
        {
            var document = component.Export(new OwnerId(owner));
            var saved = _savedTenant.GetValueOrDefault((owner, component.Name));
            if (document is null ? saved is null : saved is not null && saved.AsSpan().SequenceEqual(document))
            {
                continue;
            }

            await using var command = document is null
                ? new NpgsqlCommand("DELETE FROM tenant_state WHERE owner = $1 AND component = $2", scope.Connection, scope.Transaction)
                : new NpgsqlCommand(
                    "INSERT INTO tenant_state (owner, component, doc) VALUES ($1, $2, $3) ON CONFLICT (owner, component) DO UPDATE SET doc = excluded.doc",
                    scope.Connection, scope.Transaction);
            command.Parameters.Add(new NpgsqlParameter { Value = owner });
            command.Parameters.Add(new NpgsqlParameter { Value = component.Name });
            if (document is not null)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = document, NpgsqlDbType = NpgsqlDbType.Bytea });
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
            scope.SavedTenant[(owner, component.Name)] = document;
            changed = true;
        }

        if (changed)
        {
            await using var command = new NpgsqlCommand("UPDATE tenants SET version = nextval('changes') WHERE owner = $1 RETURNING version", scope.Connection, scope.Transaction);
            command.Parameters.Add(new NpgsqlParameter { Value = owner });
            if (await command.ExecuteScalarAsync(cancellationToken) is long version)
            {
                scope.Versions[owner] = version;
            }
        }
    }

    /// <summary>After a commit: this process's copies are now what the store has.</summary>
    internal void Committed(PostgresScope scope)
    {
        foreach (var (key, document) in scope.SavedTenant)
        {
            if (document is null)
            {
                _savedTenant.TryRemove(key, out _);
            }
            else
            {
                _savedTenant[key] = document;
            }
        }

        foreach (var (name, document) in scope.SavedShared)
        {
            _savedShared[name] = document;
        }

        foreach (var (owner, version) in scope.Versions)
        {
            _versions[owner] = version;
        }

        if (scope.NewGeneration is { } generation)
        {
            Interlocked.Exchange(ref _generation, generation);
        }

        if (scope.NewSharedVersion is { } shared)
        {
            Interlocked.Exchange(ref _sharedVersion, shared);
        }
    }

    /// <summary>
    /// After a rollback: whatever the scope changed here never reached the store, so this process's
    /// copies of what it touched are stale; the next scope loads them again.
    /// </summary>
    internal void RolledBack(PostgresScope scope)
    {
        if (scope.WrittenNumbers.Count > 0)
        {
            // The overlay here took changes the store never kept: take the store's entries back.
            try
            {
                Simulation.Inventory.ApplyStored(ReadNumbers(scope.WrittenNumbers));
            }
            catch (NpgsqlException)
            {
                // The database is gone too: the next unit of work starts again from the store.
                Interlocked.Exchange(ref _generation, -2);
            }
        }

        if (scope.Tenant is { } tenant && !scope.AllocatedOwners)
        {
            _versions.TryRemove(tenant.Value, out _);
            foreach (var component in Simulation.State.Tenant)
            {
                _savedTenant.TryRemove((tenant.Value, component.Name), out _);
            }
        }
        else
        {
            // Tenants created or removed here may not exist in the store: start again from the store.
            Interlocked.Exchange(ref _generation, -2);
        }
    }

    internal void Leave(PostgresScope scope)
    {
        if (_current.Value is { } slot && slot.Scope == scope)
        {
            slot.Scope = null;
        }
    }

    public bool TryWriteNumbers(IReadOnlyList<NumberWrite> writes, out IReadOnlyList<KeyValuePair<ulong, NumberEntry?>> stored)
    {
        ArgumentNullException.ThrowIfNull(writes);
        var scope = Current;
        if (scope is not null)
        {
            var applied = NumberWrites.Apply(scope.Connection, scope.Transaction, writes, out stored);
            if (applied)
            {
                scope.WrittenNumbers.UnionWith(writes.Select(w => w.Digits));
            }

            return applied;
        }

        using var connection = _data.OpenConnection();
        using var transaction = connection.BeginTransaction();
        var written = NumberWrites.Apply(connection, transaction, writes, out stored);
        if (written)
        {
            transaction.Commit();
        }

        return written;
    }

    public IReadOnlyList<KeyValuePair<ulong, NumberEntry?>> ReadNumbers(IReadOnlyCollection<ulong> digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        if (digits.Count == 0)
        {
            return [];
        }

        var scope = Current;
        using var connection = scope is null ? _data.OpenConnection() : null;
        return NumberWrites.Read(scope?.Connection ?? connection!, scope?.Transaction, [.. digits.Select(d => (long)d)]);
    }

    public int OwnerOf(string dialect, string id, bool declared)
    {
        const string Sql = """
            WITH found AS (SELECT owner FROM tenants WHERE dialect = $1 AND declared = $2 AND id = $3),
                 made AS (INSERT INTO tenants (dialect, declared, id) SELECT $1, $2, $3 WHERE NOT EXISTS (SELECT 1 FROM found)
                          ON CONFLICT (dialect, declared, id) DO NOTHING RETURNING owner)
            SELECT owner FROM found UNION ALL SELECT owner FROM made
            """;
        var scope = Current;
        if (scope is not null)
        {
            scope.AllocatedOwners = true;
        }

        for (var attempt = 0; ; attempt++)
        {
            using var connection = scope is null ? _data.OpenConnection() : null;
            using var command = new NpgsqlCommand(Sql, scope?.Connection ?? connection, scope?.Transaction);
            command.Parameters.Add(new NpgsqlParameter { Value = dialect });
            command.Parameters.Add(new NpgsqlParameter { Value = declared });
            command.Parameters.Add(new NpgsqlParameter { Value = id });
            if (command.ExecuteScalar() is int owner)
            {
                return owner;
            }

            // Created by another replica between the look-up and the insert: look again.
            if (attempt == 3)
            {
                throw new InvalidOperationException($"Could not create or find the {dialect} tenant '{id}' in the shared store.");
            }
        }
    }

    public long Reserve(string counter, int size)
    {
        using var connection = _data.OpenConnection();
        using var command = new NpgsqlCommand(
            "INSERT INTO counters (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = counters.value + $2 RETURNING value", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = counter });
        command.Parameters.Add(new NpgsqlParameter { Value = (long)size });
        return (long)command.ExecuteScalar()! - size + 1;
    }

    public void Forget(OwnerId owner)
    {
        var scope = Current ?? throw new InvalidOperationException("A tenant is deleted only within a unit of work over the whole state (the control plane's).");
        using var command = new NpgsqlCommand("DELETE FROM tenants WHERE owner = $1", scope.Connection, scope.Transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = owner.Value });
        command.ExecuteNonQuery();
        scope.GenerationChanged = true;
        _versions.TryRemove(owner.Value, out _);
        foreach (var component in Simulation.State.Tenant)
        {
            _savedTenant.TryRemove((owner.Value, component.Name), out _);
        }
    }

    public void Reset()
    {
        var scope = Current ?? throw new InvalidOperationException("The world is reset only within a unit of work over the whole state (the control plane's).");
        using var command = new NpgsqlCommand("TRUNCATE numbers, tenant_state, tenants, shared_state, idempotency; ALTER SEQUENCE tenant_owner RESTART", scope.Connection, scope.Transaction);
        command.ExecuteNonQuery();
        scope.GenerationChanged = true;
        _versions.Clear();
        _savedTenant.Clear();
        _savedShared.Clear();
    }

    /// <summary>Applies other replicas' number changes to this process's overlay as they are committed.</summary>
    private async Task ListenAsync(TaskCompletionSource ready, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _data.OpenConnectionAsync(stopping);
                connection.Notification += (_, e) =>
                {
                    if (e.Channel == "carriersim_world")
                    {
                        _ = Task.Run(() => CatchUpQuietlyAsync(stopping), CancellationToken.None);
                    }
                    else
                    {
                        Apply(e.Payload);
                    }
                };
                await using (var listen = new NpgsqlCommand("LISTEN carriersim_numbers; LISTEN carriersim_world", connection))
                {
                    await listen.ExecuteNonQueryAsync(stopping);
                }

                if (ready.TrySetResult() is false)
                {
                    // Reconnected: changes may have been missed meanwhile.
                    await ReloadNumbersAsync(stopping);
                }

                while (!stopping.IsCancellationRequested)
                {
                    await connection.WaitAsync(stopping);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or IOException)
            {
                if (!ready.Task.IsCompleted)
                {
                    ready.TrySetException(e);
                    return;
                }

                await Task.Delay(TimeSpan.FromSeconds(1), stopping).ContinueWith(static _ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>
    /// Another replica changed the clock, the chaos rules or the declarations, or deleted tenants or
    /// reset the world: take it now, outside any unit of work, so searches see it too.
    /// </summary>
    private async Task CatchUpQuietlyAsync(CancellationToken stopping)
    {
        try
        {
            await using var connection = await _data.OpenConnectionAsync(stopping);
            await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, stopping);
            long generation, sharedVersion;
            await using (var world = new NpgsqlCommand("SELECT generation, shared_version FROM world", connection, transaction))
            await using (var reader = await world.ExecuteReaderAsync(stopping))
            {
                await reader.ReadAsync(stopping);
                (generation, sharedVersion) = (reader.GetInt64(0), reader.GetInt64(1));
            }

            await CatchUpAsync(connection, transaction, generation, sharedVersion, stopping);
            await transaction.CommitAsync(stopping);
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or IOException)
        {
            // The next unit of work catches up anyway.
        }
    }

    private void Apply(string payload)
    {
        var parts = payload.Split(' ');
        if (parts.Length != 4)
        {
            return;
        }

        var entry = new NumberEntry(ulong.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), (NumberState)short.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture), long.Parse(parts[3], System.Globalization.CultureInfo.InvariantCulture));
        _simulation?.Inventory.ApplyStored([new KeyValuePair<ulong, NumberEntry?>(entry.Digits, entry)]);
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_listener is not null)
        {
            await _listener;
        }

        await _data.DisposeAsync();
        _stopping.Dispose();
        _refresh.Dispose();
    }
}
