using Npgsql;

namespace CarrierSim.Postgres;

/// <summary>Reads the <c>--store</c> value: a <c>postgres://</c> (or <c>postgresql://</c>) URI, or an Npgsql connection string.</summary>
public static class PostgresConnection
{
    /// <summary>
    /// Whether <paramref name="store"/> asks for PostgreSQL: anything but nothing or <c>memory</c>, so a
    /// mistyped value is refused by <see cref="Parse"/> rather than silently kept in memory.
    /// </summary>
    public static bool IsPostgres(string? store) =>
        !string.IsNullOrWhiteSpace(store) && !string.Equals(store.Trim(), "memory", StringComparison.OrdinalIgnoreCase);

    /// <summary>An Npgsql connection string for the store.</summary>
    /// <exception cref="ArgumentException">The value is neither form; the message shows both.</exception>
    public static string Parse(string store)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(store);
        if (!store.Contains("://", StringComparison.Ordinal))
        {
            try
            {
                return new NpgsqlConnectionStringBuilder(store).ConnectionString;
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"'{store}' is not a PostgreSQL connection: {e.Message} Use postgres://user:password@host:5432/database or Host=…;Username=…;Database=….", nameof(store), e);
            }
        }

        if (!Uri.TryCreate(store, UriKind.Absolute, out var uri) || uri.Scheme is not ("postgres" or "postgresql") || uri.Host.Length == 0)
        {
            throw new ArgumentException($"'{store}' is not a PostgreSQL URI; use postgres://user:password@host:5432/database.", nameof(store));
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')) is { Length: > 0 } database ? database : "postgres",
        };
        var user = uri.UserInfo.Split(':', 2);
        if (user[0].Length > 0)
        {
            builder.Username = Uri.UnescapeDataString(user[0]);
        }

        if (user.Length == 2)
        {
            builder.Password = Uri.UnescapeDataString(user[1]);
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = pair.Split('=', 2) is [var k, var v] ? (k, v) : (pair, "");
            builder[Uri.UnescapeDataString(key)] = Uri.UnescapeDataString(value);
        }

        return builder.ConnectionString;
    }
}
