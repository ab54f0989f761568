using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CarrierSim.AdminClient;
using CarrierSim.Core;
using CarrierSim.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CarrierSim.Testing;

/// <summary>
/// A CarrierSim simulator hosted in the test process, either on a real loopback port
/// (<see cref="StartAsync"/>: for anything that needs a socket, such as Pact verification or a
/// client under test that builds its own HTTP stack) or in memory on ASP.NET Core's TestServer
/// (<see cref="StartInMemoryAsync"/>: the fastest, for unit tests).
/// </summary>
/// <example>
/// <code>
/// await using var sim = await CarrierSimulator.StartInMemoryAsync(o => o.Scenario = "partial-fills");
/// using var dialstack = sim.CreateClient("dialstack");
/// var found = await dialstack.GetStringAsync("v1/available-phone-numbers?area_code=919");
/// </code>
/// </example>
public sealed class CarrierSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TestServer? _testServer;
    private readonly SocketsHttpHandler? _sharedHandler;
    private readonly HttpClient _adminHttp;
    private readonly List<HttpClient> _clients = [];
    private readonly Lock _gate = new();
    private readonly HashSet<string> _dialects;
    private int _disposed;

    private CarrierSimulator(WebApplication app, Uri rootAddress, TestServer? testServer, IReadOnlyList<string> dialects, string? adminToken)
    {
        _app = app;
        _testServer = testServer;
        RootAddress = rootAddress;
        Dialects = dialects;
        _dialects = new HashSet<string>(dialects, StringComparer.Ordinal);
        if (testServer is null)
        {
            _sharedHandler = new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30), UseProxy = false };
        }

        _adminHttp = NewHttpClient(rootAddress);
        Admin = new CarrierSimAdminClient(_adminHttp, adminToken);
        Clock = new SimulatorClockControl(app.Services.GetRequiredService<Simulation>());
    }

    /// <summary>The simulator root, e.g. <c>http://127.0.0.1:41234/</c> (in memory: <c>http://localhost/</c>).</summary>
    public Uri RootAddress { get; }

    /// <summary>Whether the simulator runs in memory on a TestServer (no socket) rather than on a loopback port.</summary>
    public bool IsInMemory => _testServer is not null;

    /// <summary>The dialects it serves.</summary>
    public IReadOnlyList<string> Dialects { get; }

    /// <summary>The typed client of the control plane (<c>/__admin</c>): chaos, scenarios, clock, accounts, inventory, orders, journal.</summary>
    public CarrierSimAdminClient Admin { get; }

    /// <summary>Direct control of the simulator clock (advance, freeze), without an HTTP round trip.</summary>
    public SimulatorClockControl Clock { get; }

    /// <summary>Starts a simulator on a random port of 127.0.0.1.</summary>
    /// <param name="configure">Sets the options: seed, scenario, dialects, accounts, order pending time, time provider…</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running simulator; dispose it to stop it and free its port.</returns>
    /// <exception cref="ArgumentException">An option is invalid (unknown dialect or scenario…); the message says which.</exception>
    public static Task<CarrierSimulator> StartAsync(Action<CarrierSimulatorOptions>? configure = null, CancellationToken cancellationToken = default) =>
        StartCoreAsync(configure, inMemory: false, cancellationToken);

    /// <summary>Starts a simulator in memory on ASP.NET Core's TestServer: no socket, the fastest start and round trip.</summary>
    /// <param name="configure">Sets the options: seed, scenario, dialects, accounts, order pending time, time provider…</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running simulator; only its own clients and handlers can reach it.</returns>
    /// <exception cref="ArgumentException">An option is invalid (unknown dialect or scenario…); the message says which.</exception>
    public static Task<CarrierSimulator> StartInMemoryAsync(Action<CarrierSimulatorOptions>? configure = null, CancellationToken cancellationToken = default) =>
        StartCoreAsync(configure, inMemory: true, cancellationToken);

    /// <summary>The base URL of a dialect, ending with <c>/</c>, e.g. <c>http://127.0.0.1:41234/dialstack/</c>.</summary>
    /// <param name="dialect">A served dialect id.</param>
    /// <returns>The dialect's base URL; resolve relative paths such as <c>v1/available-phone-numbers</c> against it.</returns>
    /// <exception cref="ArgumentException">The dialect is unknown or not served.</exception>
    public Uri BaseAddress(string dialect) => new(RootAddress, CheckDialect(dialect) + "/");

    /// <summary>
    /// Creates an HTTP client for a dialect's base URL, pre-authenticated the way that vendor
    /// authenticates (DialStack: <c>Authorization: Bearer sk_test_…</c> and <c>DialStack-Account: acct_…</c>;
    /// AgentMessage: <c>Bearer am_…</c>; DialNexa: <c>Bearer key_id:secret</c>; IdentityCall: <c>Bearer idc_…</c>).
    /// Use relative paths without a leading slash (<c>v1/…</c>), so that they resolve under the dialect.
    /// </summary>
    /// <param name="dialect">A served dialect id.</param>
    /// <param name="account">
    /// The tenant; the start-up banner's default when null. DialStack: the <c>DialStack-Account</c>
    /// id. Other dialects: the API key, which is the tenant there. A well-formed value is sent as is;
    /// any other name is turned into a well-formed credential, the same one every time, so
    /// different names give isolated tenants.
    /// </param>
    /// <param name="apiKey">
    /// The exact bearer key to send, e.g. a key declared in <see cref="CarrierSimulatorOptions.Accounts"/>.
    /// For DialStack it goes with <paramref name="account"/>; elsewhere give one or the other.
    /// </param>
    /// <returns>A client the simulator disposes when it is disposed (disposing it earlier is fine).</returns>
    /// <exception cref="ArgumentException">The dialect is unknown or not served, or the credentials conflict.</exception>
    public HttpClient CreateClient(string dialect, string? account = null, string? apiKey = null)
    {
        var baseAddress = BaseAddress(dialect);
        var client = NewHttpClient(baseAddress);
        try
        {
            DialectCredentials.Apply(client.DefaultRequestHeaders, dialect, account, apiKey);
        }
        catch
        {
            client.Dispose();
            throw;
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            _clients.Add(client);
        }

        return client;
    }

    /// <summary>
    /// Creates a message handler that reaches this simulator, for clients built with
    /// <c>IHttpClientFactory</c> (<c>ConfigurePrimaryHttpMessageHandler(sim.CreateHandler)</c>).
    /// In memory it is the only way in; on a loopback port it is a plain <see cref="SocketsHttpHandler"/>.
    /// Requests must use <see cref="RootAddress"/> or <see cref="BaseAddress(string)"/>.
    /// </summary>
    /// <returns>A new handler that the caller owns.</returns>
    public HttpMessageHandler CreateHandler()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return _testServer is not null ? _testServer.CreateHandler() : new SocketsHttpHandler { UseProxy = false };
    }

    /// <summary>Stops the simulator and disposes every client it created.</summary>
    /// <returns>A task that completes when the host has stopped and its port is free.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        List<HttpClient> clients;
        lock (_gate)
        {
            clients = [.. _clients];
            _clients.Clear();
        }

        foreach (var client in clients)
        {
            client.Dispose();
        }

        _adminHttp.Dispose();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        _sharedHandler?.Dispose();
    }

    private HttpClient NewHttpClient(Uri baseAddress)
    {
        HttpClient client = _testServer is not null
            ? new HttpClient(_testServer.CreateHandler(), disposeHandler: true)
            : new HttpClient(_sharedHandler!, disposeHandler: false);
        client.BaseAddress = baseAddress;
        return client;
    }

    private string CheckDialect(string dialect)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dialect);
        if (_dialects.Contains(dialect))
        {
            return dialect;
        }

        throw new ArgumentException(
            CarrierSimulatorOptions.AllDialects.Contains(dialect, StringComparer.Ordinal)
                ? $"Dialect '{dialect}' is not served by this simulator: it serves {string.Join(", ", Dialects)} (set CarrierSimulatorOptions.Dialects)."
                : $"Unknown dialect '{dialect}': use one of {string.Join(", ", CarrierSimulatorOptions.AllDialects)} (lower case).",
            nameof(dialect));
    }

    private static async Task<CarrierSimulator> StartCoreAsync(Action<CarrierSimulatorOptions>? configure, bool inMemory, CancellationToken cancellationToken)
    {
        var options = new CarrierSimulatorOptions();
        configure?.Invoke(options);
        var dialects = Validate(options);
        var settings = ToSettings(options, dialects);

        var builder = CarrierSimApp.CreateBuilder([], settings);
        if (inMemory)
        {
            builder.WebHost.UseTestServer();
        }

        if (options.TimeProvider is { } time)
        {
            builder.Services.AddSingleton(time);
        }

        var app = builder.Build();
        try
        {
            app.UseCarrierSim();
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            TestServer? testServer = inMemory ? app.GetTestServer() : null;
            var root = testServer?.BaseAddress ?? LoopbackAddress(app);
            return new CarrierSimulator(app, root, testServer, dialects, options.AdminToken);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static Uri LoopbackAddress(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The simulator started but Kestrel reported no address.");
        return new Uri(address.EndsWith('/') ? address : address + "/");
    }

    private static List<string> Validate(CarrierSimulatorOptions options)
    {
        var dialects = new List<string>();
        foreach (var dialect in options.Dialects)
        {
            var id = dialect?.Trim().ToLowerInvariant() ?? "";
            if (!CarrierSimulatorOptions.AllDialects.Contains(id, StringComparer.Ordinal))
            {
                throw new ArgumentException($"Unknown dialect '{dialect}' in CarrierSimulatorOptions.Dialects: use one of {string.Join(", ", CarrierSimulatorOptions.AllDialects)}.", nameof(options));
            }

            if (!dialects.Contains(id))
            {
                dialects.Add(id);
            }
        }

        if (options.OrderPendingFor is { } pending && pending < TimeSpan.Zero)
        {
            throw new ArgumentException($"CarrierSimulatorOptions.OrderPendingFor must not be negative; got {pending}.", nameof(options));
        }

        if (options.Scenario is { } scenario && string.IsNullOrWhiteSpace(scenario))
        {
            throw new ArgumentException("CarrierSimulatorOptions.Scenario must be a scenario name or file, or null for none.", nameof(options));
        }

        if (options.AdminToken is { } token && (token.Length < 16 || token.Any(char.IsWhiteSpace)))
        {
            throw new ArgumentException("CarrierSimulatorOptions.AdminToken must be at least 16 characters long and contain no whitespace.", nameof(options));
        }

        foreach (var account in options.Accounts)
        {
            if (account is null || !CarrierSimulatorOptions.AllDialects.Contains(account.Dialect?.ToLowerInvariant() ?? "", StringComparer.Ordinal) || string.IsNullOrWhiteSpace(account.Id))
            {
                throw new ArgumentException($"Every account in CarrierSimulatorOptions.Accounts needs a dialect ({string.Join(", ", CarrierSimulatorOptions.AllDialects)}) and an id.", nameof(options));
            }
        }

        return dialects.Count == 0 ? [.. CarrierSimulatorOptions.AllDialects] : dialects;
    }

    private static Dictionary<string, string?> ToSettings(CarrierSimulatorOptions options, List<string> dialects)
    {
        const string S = CarrierSimOptions.Section + ":";
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            [S + "Seed"] = options.Seed.ToString(CultureInfo.InvariantCulture),
            [S + "Port"] = "0",
            [S + "BindAddress"] = "127.0.0.1",
            [S + "AllowHttpCallbacks"] = options.AllowHttpCallbacks ? "true" : "false",
        };
        for (var i = 0; i < dialects.Count; i++)
        {
            settings[$"{S}Dialects:{i}"] = dialects[i];
        }

        if (options.Scenario is { } scenario)
        {
            settings[S + "Scenario"] = scenario;
        }

        if (options.OrderPendingFor is { } pending)
        {
            settings[S + "OrderPendingFor"] = pending.ToString("c", CultureInfo.InvariantCulture);
        }

        if (options.AdminToken is { } token)
        {
            settings[S + "AdminToken"] = token;
        }

        if (options.Accounts.Count > 0)
        {
            var accounts = JsonSerializer.SerializeToNode(options.Accounts, CarrierSimAdminClient.JsonOptions)!;
            Flatten(accounts, S + "Accounts", settings);
        }

        foreach (var (key, value) in options.Settings)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>JSON to configuration keys (<c>CarrierSim:Accounts:0:Keys:0:Key</c>), the shape the server binds.</summary>
    internal static void Flatten(JsonNode? node, string prefix, IDictionary<string, string?> settings)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    Flatten(value, $"{prefix}:{name}", settings);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Flatten(array[i], $"{prefix}:{i}", settings);
                }

                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                settings[prefix] = value.GetValue<string>();
                break;
            case JsonValue value:
                settings[prefix] = value.ToJsonString();
                break;
        }
    }
}
