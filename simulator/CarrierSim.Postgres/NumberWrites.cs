using CarrierSim.Core.Inventory;
using CarrierSim.Core.State;
using Npgsql;

namespace CarrierSim.Postgres;

/// <summary>Compare-and-set of number entries: all of a change's writes apply, or none and the stored entries come back.</summary>
internal static class NumberWrites
{
    // Rows that exist are locked in ascending order first, so two changes over the same numbers wait
    // for each other instead of deadlocking; absent rows are inserted only if still absent, present
    // ones updated only if still as expected.
    private const string Sql = """
        WITH w AS (
            SELECT * FROM unnest($1::bigint[], $2::smallint[], $3::integer[], $4::bigint[], $5::smallint[], $6::integer[], $7::bigint[])
                AS w(digits, es, eo, eu, ns, no, nu)),
        ins AS (
            INSERT INTO numbers (digits, state, owner, until_ticks)
            SELECT digits, ns, no, nu FROM w WHERE es = -1 ORDER BY digits
            ON CONFLICT (digits) DO NOTHING RETURNING digits),
        upd AS (
            UPDATE numbers n SET state = w.ns, owner = w.no, until_ticks = w.nu
            FROM w WHERE w.es <> -1 AND n.digits = w.digits AND n.state = w.es AND n.owner = w.eo AND n.until_ticks = w.eu
            RETURNING n.digits)
        SELECT (SELECT count(*) FROM ins) + (SELECT count(*) FROM upd)
        """;

    public static bool Apply(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<NumberWrite> writes, out IReadOnlyList<KeyValuePair<ulong, NumberEntry?>> stored)
    {
        var digits = writes.Select(w => (long)w.Digits).ToArray();
        transaction.Save("numbers");
        try
        {
            // Never wait long for another transaction's unfinished change: the caller holds the
            // overlay's stripes, which that transaction's process may need before it can finish.
            using (var wait = new NpgsqlCommand("SELECT set_config('lock_timeout', '100ms', true)", connection, transaction))
            {
                wait.ExecuteNonQuery();
            }

            using (var lockRows = new NpgsqlCommand("SELECT 1 FROM numbers WHERE digits = ANY($1) ORDER BY digits FOR UPDATE", connection, transaction))
            {
                lockRows.Parameters.Add(new NpgsqlParameter { Value = digits });
                lockRows.ExecuteNonQuery();
            }

            using var command = new NpgsqlCommand(Sql, connection, transaction);
            command.Parameters.Add(new NpgsqlParameter { Value = digits });
            command.Parameters.Add(new NpgsqlParameter { Value = writes.Select(w => w.Expected is { } e ? (short)e.State : (short)-1).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = writes.Select(w => w.Expected?.Owner ?? 0).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = writes.Select(w => w.Expected?.UntilTicks ?? 0L).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = writes.Select(w => (short)w.Next.State).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = writes.Select(w => w.Next.Owner).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = writes.Select(w => w.Next.UntilTicks).ToArray() });
            var written = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == writes.Count;
            using (var wait = new NpgsqlCommand("SELECT set_config('lock_timeout', '0', true)", connection, transaction))
            {
                wait.ExecuteNonQuery();
            }

            if (written)
            {
                transaction.Release("numbers");
                stored = [];
                return true;
            }
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.LockNotAvailable)
        {
            transaction.Rollback("numbers");
            throw new StoreBusyException("Another replica is changing these numbers.", e);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure)
        {
            // Lost a race with another change over the same numbers: read what it left and try again.
        }

        transaction.Rollback("numbers");
        stored = Read(connection, transaction, digits);
        return false;
    }

    /// <summary>The stored entries of these numbers (null: no row).</summary>
    public static List<KeyValuePair<ulong, NumberEntry?>> Read(NpgsqlConnection connection, NpgsqlTransaction? transaction, long[] digits)
    {
        var entries = digits.Distinct().ToDictionary(d => (ulong)d, _ => (NumberEntry?)null);
        using var command = new NpgsqlCommand("SELECT digits, state, owner, until_ticks FROM numbers WHERE digits = ANY($1)", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = digits });
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var entry = new NumberEntry((ulong)reader.GetInt64(0), (NumberState)reader.GetInt16(1), reader.GetInt32(2), reader.GetInt64(3));
            entries[entry.Digits] = entry;
        }

        return [.. entries];
    }
}
