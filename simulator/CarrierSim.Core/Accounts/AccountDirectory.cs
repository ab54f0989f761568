using System.Collections.Concurrent;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.State;

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
public sealed class AccountDirectory(int maxIdleTenants = AccountDirectory.DefaultMaxIdleTenants, Func<Account, bool>? ownsNothing = null, IStateStore? store = null)
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
    private readonly ConcurrentDictionary<OwnerId, Account> _byOwner = new();
    private readonly Lock _evictGate = new();
    private readonly IStateStore? _store = store is { IsShared: true } ? store : null;
    private int _nextOwner;

    /// <summary>A new tenant's owner id; with a shared store, the id every process gives that tenant.</summary>
    private OwnerId NewOwner(string dialect, string id, bool declared) =>
        new(_store?.OwnerOf(dialect, id, declared) ?? Interlocked.Increment(ref _nextOwner));

    private Account Indexed(Account account)
    {
        _byOwner[account.Owner] = account;
        return account;
    }

    /// <summary>
    /// A tenant of the declared namespace: a declared account, or a tenant reached through a declared
    /// key (e.g. DialStack's <c>tenant/acct_…</c>), created with its declared or default settings on first use.
    /// </summary>
    public Account ResolveDeclared(string dialect, string id) =>
        _accounts.TryGetValue((dialect, id), out var known) ? known : Indexed(_accounts.GetOrAdd((dialect, id), key => new Account(
            key.Dialect,
            key.Id,
            NewOwner(key.Dialect, key.Id, declared: true),
            _declared.GetValueOrDefault(key, AccountSettings.Default))));

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
        var account = Indexed(_undeclared.GetOrAdd((dialect, key), k => new Account(
            k.Dialect,
            k.Key,
            NewOwner(k.Dialect, k.Key, declared: false),
            AccountSettings.Default,
            declared: false)));
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
                    _byOwner.TryRemove(new KeyValuePair<OwnerId, Account>(account.Owner, account));
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
    public Account? Remove(string dialect, string id)
    {
        var removed = _accounts.TryRemove((dialect, id), out var declared) ? declared
            : _undeclared.TryRemove((dialect, id), out var undeclared) ? undeclared
            : null;
        if (removed is not null)
        {
            _byOwner.TryRemove(new KeyValuePair<OwnerId, Account>(removed.Owner, removed));
        }

        return removed;
    }

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
        var account = Indexed(new Account(dialect, id, NewOwner(dialect, id, declared: true), settings));
        if (_accounts.TryGetValue((dialect, id), out var replaced) && replaced.Owner != account.Owner)
        {
            _byOwner.TryRemove(new KeyValuePair<OwnerId, Account>(replaced.Owner, replaced));
        }

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

    public Account? FindByOwner(OwnerId owner) => _byOwner.GetValueOrDefault(owner);

    /// <summary>
    /// Takes a tenant another process created over a shared store into this directory (with its
    /// owner id and current settings), unless it is known already; returns this directory's account.
    /// </summary>
    public Account Adopt(string dialect, string id, OwnerId owner, bool declared)
    {
        var accounts = declared ? _accounts : _undeclared;
        return Indexed(accounts.GetOrAdd((dialect, id), key => new Account(
            dialect, id, owner, declared ? _declared.GetValueOrDefault(key, AccountSettings.Default) : AccountSettings.Default, declared)));
    }

    /// <summary>Forgets every tenant and declaration in this process only (a shared store's state was reset or replaced elsewhere).</summary>
    public void ForgetLocal()
    {
        _accounts.Clear();
        _undeclared.Clear();
        _byOwner.Clear();
    }

    /// <summary>Each tenant's credit, for a shared store.</summary>
    public ITenantState CreditState => new Credits(this);

    /// <summary>The declared accounts and keys, for a shared store.</summary>
    public ISharedState DeclarationState => new Declarations(this);

    private sealed class Credits(AccountDirectory directory) : ITenantState
    {
        public string Name => "credit";

        public byte[]? Export(OwnerId owner) =>
            directory.FindByOwner(owner) is { } account ? StateJson.Serialize(account.Credit) : null;

        public void Import(OwnerId owner, ReadOnlySpan<byte> state)
        {
            if (!state.IsEmpty && directory.FindByOwner(owner) is { } account)
            {
                account.SetCredit(StateJson.Deserialize<decimal>(state));
            }
        }
    }

    private sealed record DeclaredAccount(string Dialect, string Id, AccountSettings Settings);

    private sealed record DeclaredKey(string Dialect, ApiKey Key);

    private sealed record DeclarationsDocument(List<DeclaredAccount> Accounts, List<DeclaredKey> Keys);

    private sealed class Declarations(AccountDirectory directory) : ISharedState
    {
        public string Name => "declarations";

        public byte[] Export() => StateJson.Serialize(new DeclarationsDocument(
            [.. directory._declared.Select(p => new DeclaredAccount(p.Key.Dialect, p.Key.Id, p.Value))],
            [.. directory._keys.Select(p => new DeclaredKey(p.Key.Dialect, p.Value))]));

        public void Import(ReadOnlySpan<byte> state)
        {
            var document = StateJson.Deserialize<DeclarationsDocument>(state);
            var declared = document.Accounts.ToDictionary(a => (a.Dialect, a.Id), a => a.Settings);
            foreach (var key in directory._declared.Keys.Where(k => !declared.ContainsKey(k)).ToList())
            {
                directory._declared.TryRemove(key, out _);
            }

            foreach (var ((dialect, id), settings) in declared)
            {
                directory._declared[(dialect, id)] = settings;
                if (directory._accounts.TryGetValue((dialect, id), out var account)
                    && !StateJson.Serialize(account.Settings).AsSpan().SequenceEqual(StateJson.Serialize(settings)))
                {
                    // New settings for the same tenant: same owner, credit carried over.
                    var replacement = new Account(dialect, id, account.Owner, settings);
                    replacement.SetCredit(account.Credit);
                    directory._accounts[(dialect, id)] = directory.Indexed(replacement);
                }
            }

            directory._keys.Clear();
            foreach (var key in document.Keys)
            {
                directory._keys[(key.Dialect, key.Key.Key)] = key.Key;
            }
        }
    }

    /// <summary>Every tenant, declared and zero-config (<see cref="Account.Declared"/> tells them apart), oldest first.</summary>
    public IReadOnlyList<Account> All => [.. _accounts.Values.Concat(_undeclared.Values).OrderBy(a => a.Owner.Value)];

    /// <summary>Forgets tenants created on first use; declared tenants start afresh.</summary>
    public void Reset()
    {
        _accounts.Clear();
        _undeclared.Clear();
        _byOwner.Clear();
        foreach (var ((dialect, id), settings) in _declared)
        {
            Declare(dialect, id, settings);
        }
    }
}
