using Npgsql;

namespace CarrierSim.Postgres;

/// <summary>
/// The schema's versions, embedded as <c>Migrations/NNNN_name.sql</c>. Applied in order at start, each
/// in its own transaction, under a session advisory lock so replicas starting together apply each once;
/// a database at a newer version than this simulator knows is refused.
/// </summary>
internal static class Migrations
{
    private const long MigrationLock = 0x4361_7272_6965_7253; // "CarrierS"

    private static readonly (int Version, string Name, string Sql)[] All = Load();

    public static int Latest => All[^1].Version;

    public static async Task ApplyAsync(NpgsqlDataSource data, CancellationToken cancellationToken)
    {
        await using var connection = await data.OpenConnectionAsync(cancellationToken);
        await Execute(connection, null, "SELECT pg_advisory_lock($1)", cancellationToken, MigrationLock);
        try
        {
            await Execute(connection, null, """
                CREATE TABLE IF NOT EXISTS carriersim_schema (
                    version    integer     PRIMARY KEY,
                    name       text        NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """, cancellationToken);
            await using var current = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM carriersim_schema", connection);
            var version = (int)(await current.ExecuteScalarAsync(cancellationToken))!;
            if (version > Latest)
            {
                throw new InvalidOperationException(
                    $"The database's CarrierSim schema is version {version}, newer than this simulator knows ({Latest}). A newer CarrierSim wrote it: run that version, or point --store at another database.");
            }

            foreach (var (number, name, sql) in All.Where(m => m.Version > version))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await Execute(connection, transaction, sql, cancellationToken);
                await Execute(connection, transaction, "INSERT INTO carriersim_schema (version, name) VALUES ($1, $2)", cancellationToken, number, name);
                await transaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            await Execute(connection, null, "SELECT pg_advisory_unlock($1)", CancellationToken.None, MigrationLock);
        }
    }

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static (int, string, string)[] Load()
    {
        var assembly = typeof(Migrations).Assembly;
        const string Prefix = "CarrierSim.Postgres.Migrations.";
        var migrations = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var name = n[Prefix.Length..^4];
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return (int.Parse(name[..4], System.Globalization.CultureInfo.InvariantCulture), name, reader.ReadToEnd());
            })
            .OrderBy(m => m.Item1)
            .ToArray();
        return migrations.Length > 0 ? migrations : throw new InvalidOperationException("No schema migrations are embedded in CarrierSim.Postgres.");
    }
}
