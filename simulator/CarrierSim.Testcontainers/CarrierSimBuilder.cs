using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using CarrierSim.AdminClient;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Networks;
using Testcontainers.PostgreSql;

namespace CarrierSim.Testcontainers;

/// <summary>
/// Builds a <see cref="CarrierSimContainer"/>: the simulator image on a random host port, with
/// an admin token (generated unless given) and a wait until <c>/__admin/health</c> answers.
/// Every <c>With…</c> method returns a new builder; the one it is called on is unchanged.
/// </summary>
/// <example>
/// <code>
/// await using var sim = new CarrierSimBuilder().WithSeed(7).WithScenario("partial-fills").Build();
/// await sim.StartAsync();
/// var dialstack = sim.GetBaseAddress("dialstack");
/// var admin = sim.CreateAdminClient();
/// </code>
/// </example>
public sealed class CarrierSimBuilder : ContainerBuilder<CarrierSimBuilder, CarrierSimContainer, CarrierSimConfiguration>
{
    /// <summary>The image used when <see cref="ImageEnvironmentVariable"/> is not set.</summary>
    public const string DefaultImage = "carriersim:latest";

    /// <summary>The environment variable that names the image to use, e.g. <c>carriersim:ci</c>.</summary>
    public const string ImageEnvironmentVariable = "CARRIERSIM_IMAGE";

    /// <summary>The port the simulator listens on inside the container.</summary>
    public const ushort CarrierSimPort = 8080;

    // Which dialects exist is the image's business (its registry): the builder checks only that ids are well-formed,
    // the simulator refuses unknown ones at start, and the container learns the served list from /__admin/info.
    private static readonly System.Text.RegularExpressions.Regex DialectId = new("^[a-z][a-z0-9-]{0,31}$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>Creates a builder for the image named by <c>CARRIERSIM_IMAGE</c>, or <c>carriersim:latest</c>.</summary>
    public CarrierSimBuilder()
        : this(Environment.GetEnvironmentVariable(ImageEnvironmentVariable) is { Length: > 0 } image ? image : DefaultImage)
    {
    }

    /// <summary>Creates a builder for a given simulator image.</summary>
    /// <param name="image">The image, e.g. <c>carriersim:ci</c> or <c>registry.example.com/carriersim:1.0</c>.</param>
    public CarrierSimBuilder(string image)
        : this(new CarrierSimConfiguration())
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        DockerResourceConfiguration = Init().WithImage(image).DockerResourceConfiguration;
    }

    private CarrierSimBuilder(CarrierSimConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
        DockerResourceConfiguration = resourceConfiguration;
    }

    /// <inheritdoc />
    protected override CarrierSimConfiguration DockerResourceConfiguration { get; }

    /// <summary>The configuration so far (for inspection in tests).</summary>
    internal CarrierSimConfiguration Configuration => DockerResourceConfiguration;

    /// <summary>Sets the seed that drives inventory, ids and chaos.</summary>
    /// <param name="seed">The seed.</param>
    /// <returns>A new builder.</returns>
    public CarrierSimBuilder WithSeed(long seed) => Merge(DockerResourceConfiguration, new CarrierSimConfiguration(seed: seed));

    /// <summary>Applies a built-in chaos scenario at start (and after every reset).</summary>
    /// <param name="scenario">A built-in scenario, e.g. <c>contested-inventory</c>, <c>slow-carrier</c>, <c>partial-fills</c>, <c>outage</c>.
    /// A scenario of your own can be applied after start with <see cref="CarrierSimAdminClient.ApplyCustomScenarioAsync(ChaosScenario, CancellationToken)"/>.</param>
    /// <returns>A new builder.</returns>
    public CarrierSimBuilder WithScenario(string scenario)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scenario);
        return Merge(DockerResourceConfiguration, new CarrierSimConfiguration(scenario: scenario));
    }

    /// <summary>Serves only the given dialects.</summary>
    /// <param name="dialects">Dialect ids such as <c>dialstack</c> or <c>identitycall</c>; the image's <c>/__admin/info</c> lists them all. An id the image does not know makes the simulator refuse to start, naming the known ones.</param>
    /// <returns>A new builder.</returns>
    /// <exception cref="ArgumentException">None given, or an id that is not a dialect id (lower-case letters and digits).</exception>
    public CarrierSimBuilder WithDialects(params string[] dialects)
    {
        ArgumentNullException.ThrowIfNull(dialects);
        var ids = dialects.Select(d => d?.Trim().ToLowerInvariant() ?? "").Distinct().ToList();
        if (ids.Count == 0 || ids.Any(id => !DialectId.IsMatch(id)))
        {
            throw new ArgumentException($"Give one or more dialect ids such as dialstack (lower-case letters and digits); got [{string.Join(", ", dialects)}].", nameof(dialects));
        }

        return Merge(DockerResourceConfiguration, new CarrierSimConfiguration(dialects: ids));
    }

    /// <summary>
    /// Declares accounts from JSON: an array of accounts as in the simulator's config file
    /// (<c>[{"dialect": "agentmessage", "id": "org_x", "credit": 0, "keys": [{"key": "am_live_x"}]}]</c>).
    /// Replaces accounts declared by an earlier call.
    /// </summary>
    /// <param name="accountsJson">The JSON array.</param>
    /// <returns>A new builder.</returns>
    /// <exception cref="ArgumentException">The JSON is not an array of accounts, each with a known dialect and an id.</exception>
    public CarrierSimBuilder WithAccounts(string accountsJson)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountsJson);
        _ = ParseAccounts(accountsJson);
        return Merge(DockerResourceConfiguration, new CarrierSimConfiguration(accountsJson: accountsJson));
    }

    /// <summary>Declares accounts. Replaces accounts declared by an earlier call.</summary>
    /// <param name="accounts">The accounts.</param>
    /// <returns>A new builder.</returns>
    /// <exception cref="ArgumentException">An account has an unknown dialect or no id.</exception>
    public CarrierSimBuilder WithAccounts(IEnumerable<AccountDefinition> accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        return WithAccounts(JsonSerializer.Serialize(accounts.ToList(), CarrierSimAdminClient.JsonOptions));
    }

    /// <summary>Sets how long orders stay pending on the simulator clock.</summary>
    /// <param name="pendingFor">Zero or more.</param>
    /// <returns>A new builder.</returns>
    public CarrierSimBuilder WithOrderPendingFor(TimeSpan pendingFor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pendingFor, TimeSpan.Zero);
        return Merge(DockerResourceConfiguration, new CarrierSimConfiguration(orderPendingFor: pendingFor));
    }

    /// <summary>Accepts plain-http callback URLs on loopback hosts (the vendors require https).</summary>
    /// <param name="allow">Whether to accept them.</param>
    /// <returns>A new builder.</returns>
    public CarrierSimBuilder WithAllowHttpCallbacks(bool allow = true) =>
        Merge(DockerResourceConfiguration, new CarrierSimConfiguration(allowHttpCallbacks: allow));

    /// <summary>Sets the admin token; a random one is generated at <see cref="Build"/> when none is given.</summary>
    /// <param name="adminToken">At least 16 characters, no whitespace (the simulator refuses shorter ones).</param>
    /// <returns>A new builder.</returns>
    public CarrierSimBuilder WithAdminToken(string adminToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(adminToken);
        if (adminToken.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException("The admin token must not contain whitespace.", nameof(adminToken));
        }

        if (adminToken.Length < 16)
        {
            throw new ArgumentException("The admin token must be at least 16 characters long (the simulator refuses shorter ones).", nameof(adminToken));
        }

        return Merge(DockerResourceConfiguration, new CarrierSimConfiguration(adminToken: adminToken));
    }

    /// <summary>
    /// Sets where the simulator keeps its state (<c>CarrierSim__Store</c>): <c>memory</c>, the default, or a
    /// PostgreSQL database that several simulator containers share and that outlives them (docs/deployment.md).
    /// The simulator must reach the database from inside its container: for a PostgreSQL container, use
    /// <see cref="WithPostgreSql(INetwork, string, string, string, string)"/>.
    /// </summary>
    /// <param name="connection"><c>memory</c>, <c>postgres://user:password@host:5432/database</c>, or an Npgsql connection string (<c>Host=…;Username=…;Password=…;Database=…</c>).</param>
    /// <returns>A new builder.</returns>
    /// <exception cref="ArgumentException">The value is none of these forms.</exception>
    public CarrierSimBuilder WithStore(string connection)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connection);
        if (StoreProblem(connection) is { } problem)
        {
            throw new ArgumentException(problem, nameof(connection));
        }

        return Merge(DockerResourceConfiguration, new CarrierSimConfiguration(store: connection));
    }

    /// <summary>
    /// Keeps the simulator's state in a PostgreSQL container: the simulator joins <paramref name="network"/> and
    /// reaches the database by its network alias. Start the database container first, e.g. one from
    /// <see cref="CarrierSimPostgreSql.CreateBuilder(INetwork, string)"/>; every simulator built this way over
    /// the same database shares one world.
    /// </summary>
    /// <example>
    /// <code>
    /// await using var network = new NetworkBuilder().Build();
    /// await using var postgres = CarrierSimPostgreSql.CreateBuilder(network).Build();
    /// await postgres.StartAsync();
    /// await using var sim = new CarrierSimBuilder().WithPostgreSql(network).Build();
    /// await sim.StartAsync();
    /// </code>
    /// </example>
    /// <param name="network">The network the PostgreSQL container is on.</param>
    /// <param name="networkAlias">The database container's alias on that network.</param>
    /// <param name="database">The database (created by the PostgreSQL container).</param>
    /// <param name="username">The user the simulator logs in as; it must be allowed to create tables.</param>
    /// <param name="password">Its password.</param>
    /// <returns>A new builder.</returns>
    public CarrierSimBuilder WithPostgreSql(
        INetwork network,
        string networkAlias = CarrierSimPostgreSql.DefaultNetworkAlias,
        string database = PostgreSqlBuilder.DefaultDatabase,
        string username = PostgreSqlBuilder.DefaultUsername,
        string password = PostgreSqlBuilder.DefaultPassword)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrWhiteSpace(networkAlias);
        ArgumentException.ThrowIfNullOrWhiteSpace(database);
        ArgumentException.ThrowIfNullOrWhiteSpace(username);
        ArgumentNullException.ThrowIfNull(password);
        if (Uri.CheckHostName(networkAlias) != UriHostNameType.Dns)
        {
            throw new ArgumentException($"'{networkAlias}' is not a network alias (a host name such as {CarrierSimPostgreSql.DefaultNetworkAlias}).", nameof(networkAlias));
        }

        var store = string.Create(
            CultureInfo.InvariantCulture,
            $"postgres://{Uri.EscapeDataString(username)}:{Uri.EscapeDataString(password)}@{networkAlias}:{PostgreSqlBuilder.PostgreSqlPort}/{Uri.EscapeDataString(database)}");
        return WithNetwork(network).WithStore(store);
    }

    /// <inheritdoc />
    public override CarrierSimContainer Build()
    {
        Validate();
        var withToken = DockerResourceConfiguration.AdminToken is null ? WithAdminToken(GenerateAdminToken()) : this;
        var configured = withToken.WithEnvironment(ToEnvironment(withToken.DockerResourceConfiguration));
        return new CarrierSimContainer(configured.DockerResourceConfiguration);
    }

    /// <inheritdoc />
    protected override CarrierSimBuilder Init() =>
        base.Init()
            .WithPortBinding(CarrierSimPort, assignRandomHostPort: true)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(
                request => request.ForPath("/__admin/health").ForPort(CarrierSimPort),
                wait => wait.WithInterval(TimeSpan.FromMilliseconds(50)).WithTimeout(TimeSpan.FromMinutes(1))));

    /// <inheritdoc />
    protected override CarrierSimBuilder Clone(IResourceConfiguration<CreateContainerParameters> resourceConfiguration) =>
        Merge(DockerResourceConfiguration, new CarrierSimConfiguration(resourceConfiguration));

    /// <inheritdoc />
    protected override CarrierSimBuilder Clone(IContainerConfiguration resourceConfiguration) =>
        Merge(DockerResourceConfiguration, new CarrierSimConfiguration(resourceConfiguration));

    /// <inheritdoc />
    protected override CarrierSimBuilder Merge(CarrierSimConfiguration oldValue, CarrierSimConfiguration newValue) =>
        new(new CarrierSimConfiguration(oldValue, newValue));

    internal static string GenerateAdminToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    /// <summary>The simulator settings as the environment variables the server binds (<c>CarrierSim__…</c>).</summary>
    internal static Dictionary<string, string> ToEnvironment(CarrierSimConfiguration configuration)
    {
        const string S = "CarrierSim__";
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (configuration.Seed is { } seed)
        {
            environment[S + "Seed"] = seed.ToString(CultureInfo.InvariantCulture);
        }

        if (configuration.Scenario is { } scenario)
        {
            environment[S + "Scenario"] = scenario;
        }

        if (configuration.Dialects is { } dialects)
        {
            for (var i = 0; i < dialects.Count; i++)
            {
                environment[$"{S}Dialects__{i}"] = dialects[i];
            }
        }

        if (configuration.AccountsJson is { } accounts)
        {
            Flatten(ParseAccounts(accounts), S + "Accounts", environment);
        }

        if (configuration.OrderPendingFor is { } pending)
        {
            environment[S + "OrderPendingFor"] = pending.ToString("c", CultureInfo.InvariantCulture);
        }

        if (configuration.AllowHttpCallbacks is { } allow)
        {
            environment[S + "AllowHttpCallbacks"] = allow ? "true" : "false";
        }

        if (configuration.AdminToken is { } token)
        {
            environment[S + "AdminToken"] = token;
        }

        if (configuration.Store is { } store)
        {
            environment[S + "Store"] = store;
        }

        return environment;
    }

    /// <summary>Why the simulator would refuse <paramref name="store"/> as its <c>Store</c> setting, or null; the forms its <c>--store</c> option takes.</summary>
    internal static string? StoreProblem(string store)
    {
        const string Forms = "Use memory (the default), postgres://user:password@host:5432/database, or an Npgsql connection string such as Host=db;Username=sim;Password=…;Database=carriersim.";
        if (string.Equals(store, "memory", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (store.Contains("://", StringComparison.Ordinal))
        {
            return Uri.TryCreate(store, UriKind.Absolute, out var uri) && uri.Scheme is "postgres" or "postgresql" && uri.Host.Length > 0
                ? null
                : $"The store '{store}' is not a PostgreSQL URI (postgres:// or postgresql://, with a host). {Forms}";
        }

        try
        {
            var keys = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = store };
            return keys.ContainsKey("Host") ? null : $"The connection string '{store}' names no Host. {Forms}";
        }
        catch (ArgumentException e)
        {
            return $"The store '{store}' is not a connection string: {e.Message} {Forms}";
        }
    }

    private static JsonArray ParseAccounts(string json)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"The accounts are not valid JSON: {e.Message}", nameof(json), e);
        }

        if (node is not JsonArray accounts)
        {
            throw new ArgumentException("The accounts must be a JSON array of account objects, e.g. [{\"dialect\": \"dialnexa\", \"id\": \"ws_acme\"}].", nameof(json));
        }

        for (var i = 0; i < accounts.Count; i++)
        {
            var account = accounts[i] as JsonObject;
            var dialect = Property(account, "dialect");
            if (account is null || dialect is null || !DialectId.IsMatch(dialect.ToLowerInvariant()) || string.IsNullOrWhiteSpace(Property(account, "id")))
            {
                throw new ArgumentException($"Account {i} needs a dialect (an id such as dialnexa) and an id.", nameof(json));
            }
        }

        return accounts;
    }

    private static string? Property(JsonObject? account, string name) =>
        account?.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value is JsonValue value
        && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : null;

    private static void Flatten(JsonNode? node, string prefix, Dictionary<string, string> environment)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    Flatten(value, $"{prefix}__{name}", environment);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Flatten(array[i], $"{prefix}__{i}", environment);
                }

                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                environment[prefix] = value.GetValue<string>();
                break;
            case JsonValue value:
                environment[prefix] = value.ToJsonString();
                break;
        }
    }
}
