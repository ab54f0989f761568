using System.ComponentModel.DataAnnotations;
using CarrierSim.Core.Accounts;

namespace CarrierSim.Server.Hosting;

/// <summary>
/// Every setting of a running simulator, bound from the <c>CarrierSim</c> configuration
/// section: command line, environment variables (<c>CarrierSim__Port=9090</c>) and config
/// files share this one path.
/// </summary>
public sealed class CarrierSimOptions : IValidatableObject
{
    public const string Section = "CarrierSim";

    /// <summary>Every dialect id, from the registry.</summary>
    public static IReadOnlyList<string> AllDialects => CarrierSimDialects.Ids;

    /// <summary>One seed drives inventory, ids and chaos.</summary>
    public long Seed { get; set; } = 42;

    [Range(0, 65535)]
    public int Port { get; set; } = 8080;

    /// <summary>The address to listen on; a non-loopback address makes the admin API require a token.</summary>
    [Required]
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>The dialects to serve; all of them when empty.</summary>
    public List<string> Dialects { get; set; } = [];

    /// <summary>Optional ports that serve one dialect at their root, e.g. <c>dialstack=8081</c>.</summary>
    public Dictionary<string, int> DialectPorts { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long orders stay pending on the simulator clock.</summary>
    public TimeSpan OrderPendingFor { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long released numbers stay out of search.</summary>
    public TimeSpan Quarantine { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The shortest admin token accepted.</summary>
    public const int MinAdminTokenLength = 16;

    /// <summary>
    /// Bearer token the admin API requires; required when any listening address is beyond loopback.
    /// At least <see cref="MinAdminTokenLength"/> characters, none of them whitespace.
    /// </summary>
    public string? AdminToken { get; set; }

    /// <summary>How long a stopping simulator waits for requests in flight (chaos delays are cancelled at once).</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Accept plain-http callback URLs on loopback hosts (for tests); the vendor requires https.</summary>
    public bool AllowHttpCallbacks { get; set; }

    /// <summary>A chaos scenario to apply at start: a built-in name or a JSON/YAML file.</summary>
    public string? Scenario { get; set; }

    /// <summary>
    /// Zero-config tenants (created by the first request of an undeclared key) kept before the
    /// oldest that own nothing are evicted. Tenants that own numbers or orders are never evicted.
    /// </summary>
    [Range(10, 10_000_000)]
    public int MaxIdleTenants { get; set; } = CarrierSim.Core.Accounts.AccountDirectory.DefaultMaxIdleTenants;

    /// <summary>How many requests the journal keeps.</summary>
    [Range(1, 1_000_000)]
    public int JournalCapacity { get; set; } = 1000;

    /// <summary>
    /// Where the state lives: null or <c>memory</c> for this process only (the default), or PostgreSQL as
    /// <c>postgres://user:password@host:5432/database</c> (or an Npgsql connection string) so that several
    /// replicas share one world and a restart loses nothing.
    /// </summary>
    public string? Store { get; set; }

    /// <summary>Whether <see cref="Store"/> selects PostgreSQL.</summary>
    public bool StoreIsPostgres => CarrierSim.Postgres.PostgresConnection.IsPostgres(Store);

    /// <summary>Tenants with specific properties (no credit, missing scope, KYC pending…).</summary>
    public List<AccountOptions> Accounts { get; set; } = [];

    /// <summary>Unknown dialect ids (in Dialects, DialectPorts or Accounts) fail at start, naming the known ones.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var named = EnabledDialects.Select(d => (d, nameof(Dialects)))
            .Concat(DialectPorts.Keys.Select(d => (d, nameof(DialectPorts))))
            .Concat(Accounts.Select(a => (a.Dialect, nameof(Accounts))));
        foreach (var (dialect, setting) in named)
        {
            if (!AllDialects.Contains(dialect.ToLowerInvariant()))
            {
                yield return new ValidationResult($"Unknown dialect '{dialect}' in {setting}: use one of {string.Join(", ", AllDialects)}.", [setting]);
            }
        }

        if (AdminTokenProblem(AdminToken) is { } problem)
        {
            yield return new ValidationResult(problem, [nameof(AdminToken)]);
        }

        if (Store is { Length: > 0 } store && !string.Equals(store, "memory", StringComparison.OrdinalIgnoreCase))
        {
            string? storeProblem = null;
            try
            {
                CarrierSim.Postgres.PostgresConnection.Parse(store);
            }
            catch (ArgumentException e)
            {
                storeProblem = e.Message;
            }

            if (storeProblem is not null)
            {
                yield return new ValidationResult($"Store: {storeProblem} Or use 'memory' (the default).", [nameof(Store)]);
            }
        }

        if (ShutdownTimeout < TimeSpan.Zero || ShutdownTimeout > TimeSpan.FromMinutes(10))
        {
            yield return new ValidationResult($"ShutdownTimeout {ShutdownTimeout} must be between 00:00:00 and 00:10:00.", [nameof(ShutdownTimeout)]);
        }
    }

    /// <summary>Why an admin token is refused (blank, short, or with whitespace), or null when it is fine or unset.</summary>
    public static string? AdminTokenProblem(string? token) => token switch
    {
        null => null,
        _ when string.IsNullOrWhiteSpace(token) => "AdminToken is blank: pass a token of at least 16 characters, or none on loopback.",
        _ when token.Any(char.IsWhiteSpace) => "AdminToken must not contain whitespace.",
        _ when token.Length < MinAdminTokenLength => $"AdminToken is {token.Length} characters long: use at least {MinAdminTokenLength}.",
        _ => null,
    };

    public IReadOnlyList<string> EnabledDialects =>
        Dialects.Count == 0 ? AllDialects : [.. Dialects.SelectMany(d => d.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Select(d => d.ToLowerInvariant()).Distinct()];
}

/// <summary>A declared tenant and its keys.</summary>
public sealed class AccountOptions
{
    [Required]
    public string Dialect { get; set; } = "";

    /// <summary>The tenant id: an organisation, workspace or account name of your choice.</summary>
    [Required]
    public string Id { get; set; } = "";

    public decimal Credit { get; set; } = 100m;

    /// <summary>Countries enabled for purchase; all when omitted.</summary>
    public List<string>? EnabledCountries { get; set; }

    public List<string> KycPendingCountries { get; set; } = [];

    public List<CampaignOptions> Campaigns { get; set; } = [];

    public List<KeyOptions> Keys { get; set; } = [];

    internal AccountSettings ToSettings() => new()
    {
        Credit = Credit,
        EnabledCountries = EnabledCountries,
        KycPendingCountries = KycPendingCountries,
        Campaigns = [.. Campaigns.Select(c => new Campaign(c.Id, c.Name, c.Active, c.BrandName, c.BrandStatus))],
    };
}

public sealed class KeyOptions
{
    [Required]
    public string Key { get; set; } = "";

    /// <summary>Granted scopes or permissions; all when omitted.</summary>
    public List<string>? Scopes { get; set; }

    /// <summary>The project a key is confined to (IdentityCall project-scoped keys).</summary>
    public string? Project { get; set; }
}

public sealed class CampaignOptions
{
    [Required]
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public bool Active { get; set; } = true;

    public string BrandName { get; set; } = "";

    public BrandStatus BrandStatus { get; set; } = BrandStatus.Verified;
}
