using CarrierSim.Core.Inventory;

namespace CarrierSim.Core.Accounts;

/// <summary>The state of a campaign's brand identity (AgentMessage).</summary>
public enum BrandStatus
{
    Unverified,
    Verified,
    VettedVerified,
    Failed,
}

/// <summary>A messaging campaign and the identity status of its brand.</summary>
public sealed record Campaign(string Id, string Name, bool Active, string BrandName, BrandStatus BrandStatus)
{
    /// <summary>Whether numbers may be linked to it: ACTIVE with a VERIFIED or VETTED_VERIFIED brand.</summary>
    public bool AcceptsNumbers => Active && BrandStatus is BrandStatus.Verified or BrandStatus.VettedVerified;
}

/// <summary>
/// A tenant of one dialect: what it may do (scopes, countries, KYC, credit) and which
/// numbers are its own (through <see cref="Owner"/>). Tenants never see each other's data.
/// </summary>
public sealed class Account
{
    private readonly Lock _gate = new();
    private decimal _credit;

    internal Account(string dialect, string id, OwnerId owner, AccountSettings settings, bool declared = true)
    {
        Declared = declared;
        Dialect = dialect;
        Id = id;
        Owner = owner;
        Settings = settings;
        _credit = settings.Credit;
    }

    public string Dialect { get; }

    /// <summary>
    /// False for the zero-config tenant of an undeclared key: such a tenant lives in a namespace of its
    /// own and never shares data or settings with a declared account of the same id.
    /// </summary>
    public bool Declared { get; }

    /// <summary>The tenant's identity within its dialect (e.g. the key, or key + account header).</summary>
    public string Id { get; }

    public OwnerId Owner { get; }

    public AccountSettings Settings { get; }

    public decimal Credit
    {
        get
        {
            lock (_gate)
            {
                return _credit;
            }
        }
    }

    /// <summary>Whether the tenant is as it was created: its credit never set or spent.</summary>
    public bool IsPristine => Credit == Settings.Credit;

    public bool IsCountryEnabled(string country) =>
        Settings.EnabledCountries is null || Settings.EnabledCountries.Contains(country, StringComparer.OrdinalIgnoreCase);

    public bool IsKycComplete(string country) => !Settings.KycPendingCountries.Contains(country, StringComparer.OrdinalIgnoreCase);

    public Campaign? FindCampaign(string id) => Settings.Campaigns.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>Takes <paramref name="amount"/> from the credit if there is enough; false otherwise.</summary>
    public bool TryCharge(decimal amount)
    {
        lock (_gate)
        {
            if (_credit < amount)
            {
                return false;
            }

            _credit -= amount;
            return true;
        }
    }

    /// <summary>Gives back <paramref name="amount"/>, e.g. for numbers an order could not assign.</summary>
    public void Refund(decimal amount)
    {
        lock (_gate)
        {
            _credit += amount;
        }
    }

    public void SetCredit(decimal credit)
    {
        lock (_gate)
        {
            _credit = credit;
        }
    }
}
