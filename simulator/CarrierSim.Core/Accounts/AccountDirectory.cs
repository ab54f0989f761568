using System.Collections.Concurrent;
using CarrierSim.Core.Inventory;

namespace CarrierSim.Core.Accounts;

/// <summary>
/// Every tenant the simulator knows. Declared tenants come from configuration or the control
/// plane; any other well-formed key gets its own tenant with default settings on first use.
/// </summary>
public sealed class AccountDirectory
{
    private readonly ConcurrentDictionary<(string Dialect, string Id), Account> _accounts = new();
    private readonly ConcurrentDictionary<(string Dialect, string Id), AccountSettings> _declared = new();
    private readonly ConcurrentDictionary<(string Dialect, string Key), ApiKey> _keys = new();
    private int _nextOwner;

    /// <summary>The tenant for an identity, created with declared or default settings on first use.</summary>
    public Account Resolve(string dialect, string id) =>
        _accounts.GetOrAdd((dialect, id), key => new Account(
            key.Dialect,
            key.Id,
            new OwnerId(Interlocked.Increment(ref _nextOwner)),
            _declared.GetValueOrDefault(key, AccountSettings.Default)));

    /// <summary>Declares a tenant's settings; replaces the tenant if it already exists.</summary>
    public Account Declare(string dialect, string id, AccountSettings settings)
    {
        _declared[(dialect, id)] = settings;
        var account = new Account(dialect, id, new OwnerId(Interlocked.Increment(ref _nextOwner)), settings);
        _accounts[(dialect, id)] = account;
        return account;
    }

    /// <summary>Declares an API key of a dialect (its tenant, scopes and project).</summary>
    public void DeclareKey(string dialect, ApiKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _keys[(dialect, key.Key)] = key;
    }

    /// <summary>A declared key, or null when the key is not declared (it then acts for a tenant of its own).</summary>
    public ApiKey? FindKey(string dialect, string key) => _keys.GetValueOrDefault((dialect, key));

    public IReadOnlyList<ApiKey> Keys(string dialect) => [.. _keys.Where(p => p.Key.Dialect == dialect).Select(p => p.Value).OrderBy(k => k.Key, StringComparer.Ordinal)];

    public Account? Find(string dialect, string id) => _accounts.GetValueOrDefault((dialect, id));

    public Account? FindByOwner(OwnerId owner) => _accounts.Values.FirstOrDefault(a => a.Owner == owner);

    public IReadOnlyList<Account> All => [.. _accounts.Values.OrderBy(a => a.Owner.Value)];

    /// <summary>Forgets tenants created on first use; declared tenants start afresh.</summary>
    public void Reset()
    {
        _accounts.Clear();
        foreach (var ((dialect, id), settings) in _declared)
        {
            Declare(dialect, id, settings);
        }
    }
}
