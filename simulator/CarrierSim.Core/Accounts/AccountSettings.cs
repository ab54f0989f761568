namespace CarrierSim.Core.Accounts;

/// <summary>
/// What a tenant may do. The defaults make a fresh simulator work with zero set-up: credit,
/// every scope, every country enabled, KYC done.
/// </summary>
public sealed record AccountSettings
{
    public static AccountSettings Default { get; } = new();

    public decimal Credit { get; init; } = 100m;

    /// <summary>Countries enabled for purchase; null enables all.</summary>
    public IReadOnlyList<string>? EnabledCountries { get; init; }

    /// <summary>Countries whose KYC is not complete.</summary>
    public IReadOnlyList<string> KycPendingCountries { get; init; } = [];

    public IReadOnlyList<Campaign> Campaigns { get; init; } = [];
}

/// <summary>
/// A declared API key: which tenant it acts for, what it may do, and (IdentityCall) the
/// project it is confined to. Keys that are not declared act for a tenant of their own with
/// every scope.
/// </summary>
/// <param name="Scopes">Granted scopes or permissions; null grants all.</param>
public sealed record ApiKey(string Key, string TenantId, IReadOnlyList<string>? Scopes = null, string? Project = null)
{
    public bool HasScope(string scope) => Scopes is null || Scopes.Contains(scope, StringComparer.OrdinalIgnoreCase);
}
