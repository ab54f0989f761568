using System.Collections.Concurrent;
using CarrierSim.Core.Inventory;

namespace CarrierSim.Core.Accounts;

/// <summary>
/// Every tenant the simulator knows. Declared tenants come from configuration or the control
/// plane; any other well-formed key gets its own tenant with default settings on first use.
/// </summary>
/// <remarks>
/// Zero-config tenants are capped: past <c>maxIdleTenants</c> of them, the oldest that own nothing
/// (the <c>ownsNothing</c> test: no number, no order, credit untouched) are forgotten, so a client that invents a
/// key per request cannot grow the simulator without bound. A forgotten tenant's key simply gets
/// a fresh tenant on its next request. Tenants that own something are never evicted.
/// </remarks>
public sealed class AccountDirectory(int maxIdleTenants = AccountDirectory.DefaultMaxIdleTenants, Func<Account, bool>? ownsNothing = null)
{
    /// <summary>The default cap on zero-config tenants before idle ones are evicted.</summary>
    public const int DefaultMaxIdleTenants = 10_000;

    // Two namespaces that never meet: tenants reached through declared accounts and keys, and the
    // zero-config tenants of undeclared keys. An undeclared key's text may equal the id of a declared
    // account with keys; it still gets a tenant of its own, with default settings.
    private readonly ConcurrentDictionary<(string Dialect, string Id), Account> _accounts = new();
    private readonly ConcurrentDictionary<(string Dialect, string Key), Account> _undeclared = new();
    private readonly ConcurrentDictionary<(string Dialect, string Id), AccountSettings> _declared = new();
    private readonly ConcurrentDictionary<(string Dialect, string Key), ApiKey> _keys = new();
    private readonly Lock _evictGate = new();
    private int _nextOwner;

    /// <summary>
    /// A tenant of the declared namespace: a declared account, or a tenant reached through a declared
    /// key (e.g. DialStack's <c>tenant/acct_…</c>), created with its declared or default settings on first use.
    /// </summary>
    public Account ResolveDeclared(string dialect, string id) =>
        _accounts.GetOrAdd((dialect, id), key => new Account(
            key.Dialect,
            key.Id,
            new OwnerId(Interlocked.Increment(ref _nextOwner)),
            _declared.GetValueOrDefault(key, AccountSettings.Default)));

    /// <summary>
    /// The zero-config tenant of an undeclared key (or key + account header), created with default
    /// settings on first use. It never resolves to a declared account that has keys, whatever the
    /// key's text: such an account is reached only through its keys. A declared account without any
    /// key is how settings are given to a zero-config key (its id is that key), so that key reaches it.
    /// </summary>
    public Account ResolveUndeclared(string dialect, string key) =>
        _declared.ContainsKey((dialect, key)) && !HasKeys(dialect, key)
            ? ResolveDeclared(dialect, key)
            : _undeclared.TryGetValue((dialect, key), out var known) ? known : CreateUndeclared(dialect, key);

    private Account CreateUndeclared(string dialect, string key)
    {
        var account = _undeclared.GetOrAdd((dialect, key), k => new Account(
            k.Dialect,
            k.Key,
            new OwnerId(Interlocked.Increment(ref _nextOwner)),
            AccountSettings.Default,
            declared: false));
        if (_undeclared.Count > maxIdleTenants)
        {
            EvictIdle(keep: account);
        }

        return account;
    }

    /// <summary>
    /// Forgets the oldest zero-config tenants that own nothing, down to nine tenths of the cap, so
    /// the scan runs once per tenth of the cap rather than on every new tenant.
    /// </summary>
    private void EvictIdle(Account keep)
    {
        lock (_evictGate)
        {
            var excess = _undeclared.Count - (maxIdleTenants - (maxIdleTenants / 10));
            if (excess <= 0 || ownsNothing is null)
            {
                return;
            }

            foreach (var (key, account) in _undeclared.OrderBy(p => p.Value.Owner.Value).ToList())
            {
                if (excess <= 0)
                {
                    break;
                }

                if (account != keep && ownsNothing(account) && _undeclared.TryRemove(new KeyValuePair<(string, string), Account>(key, account)))
                {
                    excess--;
                    Evicted++;
                }
            }
        }
    }

    /// <summary>How many idle zero-config tenants were forgotten because of the cap since the start.</summary>
    public long Evicted { get; private set; }

    /// <summary>
    /// Deletes a tenant. A zero-config tenant is forgotten (its key gets a fresh tenant on its next
    /// request); a declared account starts afresh from its declaration on its next use.
    /// </summary>
    /// <returns>The tenant that was removed, or null when there is none by that id.</returns>
    public Account? Remove(string dialect, string id) =>
        _accounts.TryRemove((dialect, id), out var declared) ? declared
        : _undeclared.TryRemove((dialect, id), out var undeclared) ? undeclared
        : null;

    /// <summary>
    /// The tenant an id names, for set-ups that address tenants by id (the control plane, provider
    /// states): the declared namespace when the id is declared, already resolved there, or belongs to
    /// a declared key's tenant (<c>tenant</c> or <c>tenant/…</c>); otherwise the zero-config tenant of that key.
    /// </summary>
    public Account Resolve(string dialect, string id) =>
        IsDeclaredId(dialect, id) ? ResolveDeclared(dialect, id) : ResolveUndeclared(dialect, id);

    private bool IsDeclaredId(string dialect, string id) =>
        _accounts.ContainsKey((dialect, id)) || _declared.ContainsKey((dialect, id)) || HasKeys(dialect, id);

    /// <summary>Whether a declared key acts for this tenant (<c>tenant</c>, or <c>tenant/…</c> as DialStack's accounts).</summary>
    private bool HasKeys(string dialect, string id) =>
        _keys.Any(k => k.Key.Dialect == dialect
            && (id == k.Value.TenantId || id.StartsWith(k.Value.TenantId + "/", StringComparison.Ordinal)));

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

    /// <summary>A tenant by id: the declared one when there is one, else the zero-config tenant of that key.</summary>
    public Account? Find(string dialect, string id) => _accounts.GetValueOrDefault((dialect, id)) ?? _undeclared.GetValueOrDefault((dialect, id));

    public Account? FindByOwner(OwnerId owner) =>
        _accounts.Values.FirstOrDefault(a => a.Owner == owner) ?? _undeclared.Values.FirstOrDefault(a => a.Owner == owner);

    /// <summary>Every tenant, declared and zero-config (<see cref="Account.Declared"/> tells them apart), oldest first.</summary>
    public IReadOnlyList<Account> All => [.. _accounts.Values.Concat(_undeclared.Values).OrderBy(a => a.Owner.Value)];

    /// <summary>Forgets tenants created on first use; declared tenants start afresh.</summary>
    public void Reset()
    {
        _accounts.Clear();
        _undeclared.Clear();
        foreach (var ((dialect, id), settings) in _declared)
        {
            Declare(dialect, id, settings);
        }
    }
}
