using CarrierSim.Core.State;
using Npgsql;

namespace CarrierSim.Postgres;

/// <summary>Idempotency keys in the <c>idempotency</c> table, each claim in its own short transaction.</summary>
internal sealed class PostgresIdempotencyKeys(NpgsqlDataSource data) : IIdempotencyKeys
{
    /// <summary>A claim with no answer after this long belongs to a replica that died (or a request still held by chaos): it may be taken over.</summary>
    public static readonly TimeSpan ClaimLapse = TimeSpan.FromSeconds(60);

    private int _claims;

    public async Task<KeyClaim?> ClaimAsync(string scope, string fingerprint, DateTimeOffset now, DateTimeOffset expires, CancellationToken cancellationToken)
    {
        await using var connection = await data.OpenConnectionAsync(cancellationToken);
        if (Interlocked.Increment(ref _claims) % 1000 == 0)
        {
            await using var trim = new NpgsqlCommand("DELETE FROM idempotency WHERE expires_ticks <= $1", connection);
            trim.Parameters.Add(new NpgsqlParameter { Value = now.UtcTicks });
            await trim.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var claim = new NpgsqlCommand(
            """
            INSERT INTO idempotency (scope, fingerprint, answer, expires_ticks, claimed_at) VALUES ($1, $2, NULL, $3, now())
            ON CONFLICT (scope) DO UPDATE SET fingerprint = excluded.fingerprint, answer = NULL, expires_ticks = excluded.expires_ticks, claimed_at = now()
                WHERE idempotency.expires_ticks <= $4 OR (idempotency.answer IS NULL AND idempotency.claimed_at < now() - $5)
            RETURNING true
            """, connection))
        {
            claim.Parameters.Add(new NpgsqlParameter { Value = scope });
            claim.Parameters.Add(new NpgsqlParameter { Value = fingerprint });
            claim.Parameters.Add(new NpgsqlParameter { Value = expires.UtcTicks });
            claim.Parameters.Add(new NpgsqlParameter { Value = now.UtcTicks });
            claim.Parameters.Add(new NpgsqlParameter { Value = ClaimLapse });
            if (await claim.ExecuteScalarAsync(cancellationToken) is true)
            {
                return new KeyClaim(true, null, null);
            }
        }

        return await ReadAsync(connection, scope, cancellationToken);
    }

    public async Task<KeyClaim?> ReadAsync(string scope, CancellationToken cancellationToken)
    {
        await using var connection = await data.OpenConnectionAsync(cancellationToken);
        return await ReadAsync(connection, scope, cancellationToken);
    }

    private static async Task<KeyClaim?> ReadAsync(NpgsqlConnection connection, string scope, CancellationToken cancellationToken)
    {
        await using var read = new NpgsqlCommand("SELECT fingerprint, answer FROM idempotency WHERE scope = $1", connection);
        read.Parameters.Add(new NpgsqlParameter { Value = scope });
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new KeyClaim(false, reader.GetString(0), reader.IsDBNull(1) ? null : (byte[])reader[1])
            : null;
    }

    public async Task CompleteAsync(string scope, byte[] answer, CancellationToken cancellationToken)
    {
        await using var connection = await data.OpenConnectionAsync(cancellationToken);
        await using var complete = new NpgsqlCommand("UPDATE idempotency SET answer = $2 WHERE scope = $1", connection);
        complete.Parameters.Add(new NpgsqlParameter { Value = scope });
        complete.Parameters.Add(new NpgsqlParameter { Value = answer });
        await complete.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task AbandonAsync(string scope, CancellationToken cancellationToken)
    {
        await using var connection = await data.OpenConnectionAsync(cancellationToken);
        await using var abandon = new NpgsqlCommand("DELETE FROM idempotency WHERE scope = $1 AND answer IS NULL", connection);
        abandon.Parameters.Add(new NpgsqlParameter { Value = scope });
        await abandon.ExecuteNonQueryAsync(cancellationToken);
    }
}
