using CarrierSim.AdminClient;

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
}
