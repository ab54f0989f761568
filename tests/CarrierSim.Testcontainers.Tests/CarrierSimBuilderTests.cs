using CarrierSim.AdminClient;
using CarrierSim.Postgres;
using DotNet.Testcontainers.Networks;
using Npgsql;

namespace CarrierSim.Testcontainers.Tests;

/// <summary>The builder's configuration, checked without Docker.</summary>
public sealed class CarrierSimBuilderTests
{
    [Fact]
    public void WithMethodsReturnNewBuildersAndLeaveTheOriginalUnchanged()
    {
        var original = new CarrierSimBuilder("carriersim:test");

        var seeded = original.WithSeed(7);
        var both = seeded.WithScenario("outage");

        Assert.Null(original.Configuration.Seed);
        Assert.Equal(7, seeded.Configuration.Seed);
        Assert.Null(seeded.Configuration.Scenario);
        Assert.Equal(7, both.Configuration.Seed);
        Assert.Equal("outage", both.Configuration.Scenario);
    }

    [Fact]
    public void ImageDefaultsToTheEnvironmentVariableOrLatest()
    {
        var expected = Environment.GetEnvironmentVariable(CarrierSimBuilder.ImageEnvironmentVariable) is { Length: > 0 } image ? image : CarrierSimBuilder.DefaultImage;

        var builder = new CarrierSimBuilder();

        Assert.Equal(expected, builder.Configuration.Image.FullName);
    }

    [Fact]
    public void SettingsBecomeCarrierSimEnvironmentVariables()
    {
        var builder = new CarrierSimBuilder("carriersim:test")
            .WithSeed(99)
            .WithScenario("partial-fills")
            .WithDialects("DialStack", "dialnexa")
            .WithOrderPendingFor(TimeSpan.FromMilliseconds(1500))
            .WithAllowHttpCallbacks()
            .WithAdminToken("tok123-0123456789")
            .WithAccounts([new AccountDefinition
            {
                Dialect = "agentmessage",
                Id = "org_x",
                Credit = 2.5m,
                Keys = [new AccountKeyDefinition { Key = "am_live_xkey", Scopes = ["numbers:read"] }],
            }]);

        var environment = CarrierSimBuilder.ToEnvironment(builder.Configuration);

        Assert.Equal("99", environment["CarrierSim__Seed"]);
        Assert.Equal("partial-fills", environment["CarrierSim__Scenario"]);
        Assert.Equal("dialstack", environment["CarrierSim__Dialects__0"]);
        Assert.Equal("dialnexa", environment["CarrierSim__Dialects__1"]);
        Assert.Equal("00:00:01.5000000", environment["CarrierSim__OrderPendingFor"]);
        Assert.Equal("true", environment["CarrierSim__AllowHttpCallbacks"]);
        Assert.Equal("tok123-0123456789", environment["CarrierSim__AdminToken"]);
        Assert.Equal("agentmessage", environment["CarrierSim__Accounts__0__dialect"]);
        Assert.Equal("org_x", environment["CarrierSim__Accounts__0__id"]);
        Assert.Equal("2.5", environment["CarrierSim__Accounts__0__credit"]);
        Assert.Equal("am_live_xkey", environment["CarrierSim__Accounts__0__keys__0__key"]);
        Assert.Equal("numbers:read", environment["CarrierSim__Accounts__0__keys__0__scopes__0"]);
    }

    [Fact]
    public void AccountsJsonReplacesEarlierAccounts()
    {
        var builder = new CarrierSimBuilder("carriersim:test")
            .WithAccounts("""[{"dialect": "dialnexa", "id": "a"}, {"dialect": "dialnexa", "id": "b"}]""")
            .WithAccounts("""[{"Dialect": "identitycall", "Id": "c"}]""");

        var environment = CarrierSimBuilder.ToEnvironment(builder.Configuration);

        Assert.Equal("identitycall", environment["CarrierSim__Accounts__0__Dialect"]);
        Assert.DoesNotContain(environment.Keys, k => k.StartsWith("CarrierSim__Accounts__1", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("""{"dialect": "dialnexa", "id": "a"}""", "JSON array")]
    [InlineData("""[{"dialect": "Dial Nexa", "id": "a"}]""", "Account 0 needs a dialect")]
    [InlineData("""[{"dialect": "dialnexa"}]""", "Account 0 needs a dialect")]
    public void BadAccountsJsonIsRejectedWithTheReason(string json, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => new CarrierSimBuilder("carriersim:test").WithAccounts(json));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void BadSettingsAreRejected()
    {
        var builder = new CarrierSimBuilder("carriersim:test");

        // Which dialects exist is the image's registry's business (the simulator refuses unknown ids at start); the builder checks the form.
        Assert.Contains("Dial Stack", Assert.Throws<ArgumentException>(() => builder.WithDialects("dialstack", "Dial Stack")).Message);
        Assert.Throws<ArgumentException>(() => builder.WithDialects("dialstack", ""));
        Assert.Throws<ArgumentException>(() => builder.WithDialects());
        Assert.Throws<ArgumentException>(() => builder.WithAdminToken("has space 0123456789"));
        Assert.Contains("16", Assert.Throws<ArgumentException>(() => builder.WithAdminToken("short")).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.WithOrderPendingFor(TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentException>(() => new CarrierSimBuilder(" "));
    }

    [Fact]
    public void GeneratedAdminTokensAreLongAndDistinct()
    {
        var first = CarrierSimBuilder.GenerateAdminToken();
        var second = CarrierSimBuilder.GenerateAdminToken();

        Assert.Equal(48, first.Length);
        Assert.NotEqual(first, second);
        Assert.Null(new CarrierSimBuilder("carriersim:test").Configuration.AdminToken);
    }

    [Fact]
    public void WithStoreBecomesCarrierSimStore()
    {
        var builder = new CarrierSimBuilder("carriersim:test").WithStore("postgres://sim:secret@db:5432/carriersim");

        var environment = CarrierSimBuilder.ToEnvironment(builder.Configuration);

        Assert.Equal("postgres://sim:secret@db:5432/carriersim", environment["CarrierSim__Store"]);
        Assert.DoesNotContain("CarrierSim__Store", CarrierSimBuilder.ToEnvironment(new CarrierSimBuilder("carriersim:test").Configuration).Keys);
    }

    // The builder refuses early what the simulator would refuse at start: both sides are asked here.
    [Theory]
    [InlineData("memory", true)]
    [InlineData("postgres://sim:secret@db:5432/carriersim", true)]
    [InlineData("postgresql://sim@db/carriersim?Timeout=30", true)]
    [InlineData("Host=db;Username=sim;Password=secret;Database=carriersim", true)]
    [InlineData("mysql://sim@db/carriersim", false)]
    [InlineData("postgres:///carriersim", false)]
    [InlineData("carriersim", false)]
    public void WithStoreAcceptsWhatTheSimulatorAccepts(string store, bool valid)
    {
        var builder = new CarrierSimBuilder("carriersim:test");
        var options = new CarrierSim.Server.Hosting.CarrierSimOptions { Store = store };
        var serverProblems = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).ToList();

        if (valid)
        {
            Assert.Equal(store, builder.WithStore(store).Configuration.Store);
            Assert.Empty(serverProblems);
        }
        else
        {
            var error = Assert.Throws<ArgumentException>(() => builder.WithStore(store));
            Assert.Contains("postgres://user:password@host:5432/database", error.Message, StringComparison.Ordinal);
            Assert.NotEmpty(serverProblems);
        }
    }

    [Fact]
    public void WithPostgreSqlJoinsTheNetworkAndPointsTheStoreAtTheAlias()
    {
        var network = new NamedNetwork("carriersim-test-net");

        var builder = new CarrierSimBuilder("carriersim:test").WithPostgreSql(network, "db", "world", "sim", "p@ss:w/rd");

        var connection = new NpgsqlConnectionStringBuilder(PostgresConnection.Parse(builder.Configuration.Store!));
        Assert.Equal("db", connection.Host);
        Assert.Equal(5432, connection.Port);
        Assert.Equal("world", connection.Database);
        Assert.Equal("sim", connection.Username);
        Assert.Equal("p@ss:w/rd", connection.Password);
        Assert.Contains(network, builder.Configuration.Networks);
    }

    [Fact]
    public void WithPostgreSqlDefaultsMatchThePostgreSqlBuilder()
    {
        var network = new NamedNetwork("carriersim-test-net");

        var store = new CarrierSimBuilder("carriersim:test").WithPostgreSql(network).Configuration.Store!;

        var connection = new NpgsqlConnectionStringBuilder(PostgresConnection.Parse(store));
        Assert.Equal(CarrierSimPostgreSql.DefaultNetworkAlias, connection.Host);
        Assert.Equal("postgres", connection.Database);
        Assert.Equal("postgres", connection.Username);
        Assert.Equal("postgres", connection.Password);
        Assert.Throws<ArgumentException>(() => new CarrierSimBuilder("carriersim:test").WithPostgreSql(network, "not an alias"));
    }

    /// <summary>A network that exists only as a name: enough for the builder, which only records it.</summary>
    private sealed class NamedNetwork(string name) : INetwork
    {
        public string Name => name;

        public Task CreateAsync(CancellationToken ct = default) => Task.CompletedTask;

        public Task DeleteAsync(CancellationToken ct = default) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
