namespace CarrierSim.AdminClient;

/// <summary>The identity status of a messaging brand (AgentMessage campaigns).</summary>
public enum BrandStatus
{
    /// <summary>Not verified: numbers cannot be linked to its campaigns.</summary>
    Unverified,

    /// <summary>Verified.</summary>
    Verified,

    /// <summary>Vetted and verified.</summary>
    VettedVerified,

    /// <summary>Verification failed.</summary>
    Failed,
}

/// <summary>A tenant to declare (<c>POST /__admin/accounts</c>, or a simulator's start-up accounts).</summary>
public sealed record AccountDefinition
{
    /// <summary>The dialect: <c>dialstack</c>, <c>agentmessage</c>, <c>dialnexa</c> or <c>identitycall</c>.</summary>
    public required string Dialect { get; init; }

    /// <summary>The tenant id: an organisation, workspace or account name of your choice.</summary>
    public required string Id { get; init; }

    /// <summary>The tenant's credit; the server's default is 100.</summary>
    public decimal? Credit { get; init; }

    /// <summary>Countries enabled for purchase (ISO codes); all when null.</summary>
    public IReadOnlyList<string>? EnabledCountries { get; init; }

    /// <summary>Countries whose KYC is still pending: purchases there are refused.</summary>
    public IReadOnlyList<string>? KycPendingCountries { get; init; }

    /// <summary>Messaging campaigns and their brands (AgentMessage).</summary>
    public IReadOnlyList<AccountCampaign>? Campaigns { get; init; }

    /// <summary>The tenant's API keys; a key not declared anywhere gets a tenant of its own.</summary>
    public IReadOnlyList<AccountKeyDefinition>? Keys { get; init; }
}

/// <summary>An API key to declare for a tenant.</summary>
public sealed record AccountKeyDefinition
{
    /// <summary>The key as clients send it, e.g. <c>am_live_…</c> or <c>key_id:secret</c>.</summary>
    public required string Key { get; init; }

    /// <summary>Granted scopes or permissions; all when null.</summary>
    public IReadOnlyList<string>? Scopes { get; init; }

    /// <summary>The project a key is confined to (IdentityCall project-scoped keys).</summary>
    public string? Project { get; init; }
}

/// <summary>A messaging campaign and the status of its brand.</summary>
public sealed record AccountCampaign
{
    /// <summary>The campaign id.</summary>
    public required string Id { get; init; }

    /// <summary>The campaign's name.</summary>
    public string? Name { get; init; }

    /// <summary>Whether the campaign is ACTIVE.</summary>
    public bool Active { get; init; } = true;

    /// <summary>The brand's name.</summary>
    public string? BrandName { get; init; }

    /// <summary>The brand's identity status.</summary>
    public BrandStatus BrandStatus { get; init; } = BrandStatus.Verified;
}

/// <summary>A tenant as <c>/__admin/accounts</c> shows it.</summary>
public sealed record SimulatorAccount
{
    /// <summary>The dialect the tenant belongs to.</summary>
    public string Dialect { get; init; } = "";

    /// <summary>The tenant id; for DialStack, <c>{key}/{DialStack-Account}</c>.</summary>
    public string Id { get; init; } = "";

    /// <summary>The simulator's internal owner number of the tenant.</summary>
    public int Owner { get; init; }

    /// <summary>The tenant's credit.</summary>
    public decimal Credit { get; init; }

    /// <summary>Countries enabled for purchase; all when null.</summary>
    public IReadOnlyList<string>? EnabledCountries { get; init; }

    /// <summary>Countries whose KYC is pending.</summary>
    public IReadOnlyList<string> KycPendingCountries { get; init; } = [];

    /// <summary>Messaging campaigns and their brands.</summary>
    public IReadOnlyList<AccountCampaign> Campaigns { get; init; } = [];

    /// <summary>The declared keys of the tenant.</summary>
    public IReadOnlyList<AccountKey> Keys { get; init; } = [];

    /// <summary>The E.164 numbers the tenant owns.</summary>
    public IReadOnlyList<string> Numbers { get; init; } = [];
}

/// <summary>What <c>DELETE /__admin/accounts/{dialect}/{id}</c> removed.</summary>
public sealed record DeletedAccount
{
    /// <summary>The deleted tenant's dialect.</summary>
    public string Dialect { get; init; } = "";

    /// <summary>The deleted tenant's id.</summary>
    public string Id { get; init; } = "";

    /// <summary>How many numbers went back to the pool (available at once, with no quarantine).</summary>
    public int NumbersReleased { get; init; }

    /// <summary>How many orders were forgotten, with every dialect's records of the tenant.</summary>
    public int OrdersForgotten { get; init; }
}

/// <summary>A declared API key.</summary>
public sealed record AccountKey
{
    /// <summary>The key.</summary>
    public string Key { get; init; } = "";

    /// <summary>The tenant it authenticates as.</summary>
    public string TenantId { get; init; } = "";

    /// <summary>Granted scopes or permissions; all when null.</summary>
    public IReadOnlyList<string>? Scopes { get; init; }

    /// <summary>The project the key is confined to, if any.</summary>
    public string? Project { get; init; }
}
