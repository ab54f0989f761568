using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace CarrierSim.Server.Tests.SharedStore;

/// <summary>
/// A throw-away PostgreSQL cluster from Debian's <c>postgresql</c> package (installed by <c>.ci/run</c>):
/// initdb in a temporary folder, a free loopback port, trust authentication, stopped and deleted
/// when disposed. Each test gets a database of its own (<see cref="CreateDatabaseAsync"/>).
/// </summary>
public sealed class PostgresCluster : IAsyncLifetime
{
    private string? _directory;
    private string? _bin;

    public int Port { get; private set; }

    /// <summary>Why the cluster could not start (no PostgreSQL installed), or null when it runs.</summary>
    public string? Unavailable { get; private set; }

    public async ValueTask InitializeAsync()
    {
        _bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault()
            : null;
        if (_bin is null)
        {
            Unavailable = "PostgreSQL is not installed (apt-get install postgresql; .ci/run does it).";
            return;
        }

        _directory = Path.Combine(Path.GetTempPath(), "carriersim-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_directory);
        Port = FreePort();
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            // initdb refuses to run as root: the cluster belongs to the postgres user.
            await RunAsync("chown", $"postgres {_directory}");
        }

        await RunPostgresAsync(asRoot, "initdb", $"-D {_directory}/data -U postgres --auth=trust --no-sync -E UTF8");
        await RunPostgresAsync(asRoot, "pg_ctl", $"-D {_directory}/data -l {_directory}/log -w -t 60 -o \"-p {Port} -k {_directory} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300\" start");
    }

    /// <summary>A new, empty database; its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        Assert.SkipWhen(Unavailable is not null && Environment.GetEnvironmentVariable("CI") is null, Unavailable ?? "");
        Assert.Null(Unavailable);
        var name = "t" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return ConnectionString(name);
    }

    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=120";

    /// <summary>The same database as a <c>postgres://</c> URI, as <c>serve --store</c> takes it.</summary>
    public static string Uri(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"postgres://{builder.Username}@{builder.Host}:{builder.Port}/{builder.Database}";
    }

    public async ValueTask DisposeAsync()
    {
        if (_directory is null || _bin is null)
        {
            return;
        }

        try
        {
            await RunPostgresAsync(Environment.UserName == "root", "pg_ctl", $"-D {_directory}/data -m immediate -w stop");
        }
        catch (InvalidOperationException)
        {
            // Not running: nothing to stop.
        }

        Directory.Delete(_directory, recursive: true);
    }

    private Task RunPostgresAsync(bool asRoot, string tool, string arguments) =>
        asRoot ? RunAsync("runuser", $"-u postgres -- {Path.Combine(_bin!, tool)} {arguments}") : RunAsync(Path.Combine(_bin!, tool), arguments);

    private static async Task RunAsync(string file, string arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} exited with {process.ExitCode}: {await output}{await error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
