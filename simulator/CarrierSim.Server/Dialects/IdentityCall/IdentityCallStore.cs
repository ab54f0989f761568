using CarrierSim.Core;
using CarrierSim.Core.Chaos;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Core.Orders;
using CarrierSim.Core.State;
using CarrierSim.Server.Http;

namespace CarrierSim.Server.Dialects.IdentityCall;

/// <summary>An account's virtual number: what IdentityCall keeps about a number it bought.</summary>
/// <param name="Project">The project of the key that bought it; null when bought with an account-wide key.</param>
internal sealed record VirtualNumber(
    long Id,
    PhoneNumber Number,
    OwnerId Owner,
    string? Project,
    string Name,
    string CountryCode,
    NumberType Type,
    DateTimeOffset CreatedAt)
{
    public bool Active { get; init; } = true;

    // The purchase page says recording is on by default.
    public bool Recording { get; init; } = true;

    // Inferred: the first of the documented strategies (priority | round_robin | simultaneous).
    public string RoutingStrategy { get; init; } = "priority";

    public bool AiReceptionistEnabled { get; init; }

    public bool IsVisibleTo(DialectCaller caller) =>
        Owner == caller.Account.Owner && (caller.Project is null || string.Equals(Project, caller.Project, StringComparison.Ordinal));
}

/// <summary>What a purchase hands the order book for its record (<see cref="OrderRequest.Details"/>).</summary>
internal sealed record PurchaseDetails(string? Project, string Name, string CountryCode, NumberType Type);

/// <summary>
/// The virtual numbers of every IdentityCall account, a projection of the order book: a
/// purchase is an immediate order, and its record is created when the order settles complete. Ids are integers from one sequence
/// shared by all accounts, as a Rails table's primary key is. A record shows only while the
/// shared inventory still has the number owned by its account, and numbers the inventory gives
/// an account by other means (the control plane) are adopted as account-wide numbers, so this
/// store never disagrees with the inventory. Each account's latest records are its state for a
/// shared store (<see cref="ITenantState"/>), and the id sequence then comes from the store.
/// </summary>
internal sealed class IdentityCallStore : IOrderProjection, ITenantState
{
    private readonly Simulation _simulation;
    private readonly Lock _gate = new();
    private readonly Dictionary<long, VirtualNumber> _numbers = [];
    // Each account's latest record of each number, so an account's reads touch only its own records.
    private readonly Dictionary<OwnerId, Dictionary<PhoneNumber, VirtualNumber>> _byOwner = [];

    // A purchase's details and record between its placement and its answer, all within one request
    // (IdentityCall's purchases are immediate orders) in one process: never shared, so they stay in memory.
    private readonly Dictionary<string, PurchaseDetails> _placed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, VirtualNumber> _settled = new(StringComparer.Ordinal);

    // The last id of the in-memory sequence; with a shared store ids come from its counter instead.
    private long _lastId;

    public IdentityCallStore(Simulation simulation)
    {
        _simulation = simulation;
        simulation.ResetRequested += Clear;
    }

    /// <summary>
    /// Places the purchase as an immediate order (fulfilment failures, partial fills and magic
    /// numbers apply) under the gate, so that a concurrent list never adopts the number being
    /// bought as account-wide. The gate is re-entered by <see cref="Placed"/> and <see cref="Settled"/>.
    /// </summary>
    /// <returns>The record when the order completed, and the order book's answer.</returns>
    public (VirtualNumber? Record, PlaceResult Placed) Purchase(DialectCaller caller, PhoneNumber number, PurchaseDetails details, ChaosDecision chaos)
    {
        // In memory the gate is held across the order as well. With a shared store the tenant's
        // requests are already one at a time (its unit of work), and the order's numbers may wait
        // for another replica's transaction, which may need this gate to save its records: holding
        // it there would let the two wait for each other.
        if (_simulation.Store.IsShared)
        {
            return PurchaseUngated(caller, number, details, chaos);
        }

        lock (_gate)
        {
            return PurchaseUngated(caller, number, details, chaos);
        }
    }

    private (VirtualNumber? Record, PlaceResult Placed) PurchaseUngated(DialectCaller caller, PhoneNumber number, PurchaseDetails details, ChaosDecision chaos)
    {
        var placed = _simulation.Orders.Place(new OrderRequest
        {
            Owner = caller.Account.Owner,
            Origin = IdentityCallDialect.Id,
            IdPrefix = "vnp_",
            Numbers = [number],
            Immediate = true,
            Chaos = chaos,
            Details = details,
        });
        lock (_gate)
        {
            VirtualNumber? record = null;
            if (placed.Order is { } order)
            {
                _placed.Remove(order.Id);
                _settled.Remove(order.Id, out record);
            }

            return (record, placed);
        }
    }

    public string Name => IdentityCallDialect.Id;

    /// <summary>
    /// The account's records, every field, in id order; null when it has none. Only each number's
    /// latest record: an older one is never shown again (<see cref="IsCurrent"/>).
    /// </summary>
    public byte[]? Export(OwnerId owner)
    {
        lock (_gate)
        {
            return _byOwner.TryGetValue(owner, out var mine) && mine.Count > 0
                ? StateJson.Serialize(mine.Values.OrderBy(r => r.Id).Select(VirtualNumberDocument.Of).ToList())
                : null;
        }
    }

    /// <summary>Replaces the account's records with the stored ones (none for an empty state).</summary>
    public void Import(OwnerId owner, ReadOnlySpan<byte> state)
    {
        var documents = state.IsEmpty ? [] : StateJson.Deserialize<List<VirtualNumberDocument>>(state);
        lock (_gate)
        {
            // Only the latest records: an older one left by a purchase here is never shown, and
            // skipping the scan for them (Forget's) keeps an import's cost to what the account has.
            if (_byOwner.Remove(owner, out var old))
            {
                foreach (var record in old.Values)
                {
                    _numbers.Remove(record.Id);
                }
            }

            var mine = RecordsOf(owner);
            foreach (var record in documents.Select(d => d.ToRecord(owner)))
            {
                _numbers[record.Id] = record;
                mine[record.Number] = record;

                // Keeps the in-memory sequence past every id it now holds.
                _lastId = Math.Max(_lastId, record.Id);
            }
        }
    }

    public void Placed(Order order, object? details)
    {
        if (order.Type == OrderType.Purchase && details is PurchaseDetails purchase)
        {
            lock (_gate)
            {
                _placed[order.Id] = purchase;
            }
        }
    }

    public void Settled(Order order)
    {
        if (order.Type != OrderType.Purchase)
        {
            return;
        }

        lock (_gate)
        {
            if (!_placed.Remove(order.Id, out var details) || order.Status != OrderStatus.Complete)
            {
                return;
            }

            foreach (var number in order.Completed)
            {
                _settled[order.Id] = Add(number, order.Owner, details.Project, details.Name, details.CountryCode, details.Type);
            }
        }
    }

    /// <summary>The numbers the caller may see, in id order.</summary>
    public IReadOnlyList<VirtualNumber> List(DialectCaller caller)
    {
        var owner = caller.Account.Owner;
        lock (_gate)
        {
            var mine = RecordsOf(owner);
            return [.. AdoptOwned(owner).Select(n => mine[n]).Where(r => r.IsVisibleTo(caller)).OrderBy(r => r.Id)];
        }
    }

    public VirtualNumber? Find(DialectCaller caller, long id)
    {
        lock (_gate)
        {
            AdoptOwned(caller.Account.Owner);
            return _numbers.TryGetValue(id, out var record) && record.IsVisibleTo(caller) && IsCurrent(record) ? record : null;
        }
    }

    /// <summary>The account's record of a number it owns now, if any.</summary>
    public VirtualNumber? FindOwned(OwnerId owner, PhoneNumber number)
    {
        lock (_gate)
        {
            return RecordsOf(owner).TryGetValue(number, out var record) && IsCurrent(record) ? record : null;
        }
    }

    private VirtualNumber Add(PhoneNumber number, OwnerId owner, string? project, string name, string countryCode, NumberType type)
    {
        var id = _simulation.Store.IsShared ? _simulation.Store.Reserve("identitycall.numbers", 1) : ++_lastId;
        var record = new VirtualNumber(id, number, owner, project, name, countryCode, type, _simulation.Clock.GetUtcNow());
        _numbers[record.Id] = record;
        RecordsOf(owner)[number] = record;
        return record;
    }

    private Dictionary<PhoneNumber, VirtualNumber> RecordsOf(OwnerId owner)
    {
        if (!_byOwner.TryGetValue(owner, out var records))
        {
            _byOwner[owner] = records = [];
        }

        return records;
    }

    /// <summary>Whether the record is its owner's latest for the number and the inventory still has the number owned by them.</summary>
    private bool IsCurrent(VirtualNumber record) =>
        RecordsOf(record.Owner).GetValueOrDefault(record.Number)?.Id == record.Id
        && _simulation.Inventory.GetStatus(record.Number) is { State: NumberState.Owned } status && status.Owner == record.Owner;

    /// <summary>
    /// The numbers the inventory says the owner holds now, each given a record if it has none.
    /// Called under the gate, which purchases also hold while they acquire, so a number being
    /// bought is never adopted as account-wide.
    /// </summary>
    private IReadOnlyList<PhoneNumber> AdoptOwned(OwnerId owner)
    {
        var owned = _simulation.Inventory.OwnedBy(owner);
        var mine = RecordsOf(owner);
        foreach (var number in owned)
        {
            if (!mine.ContainsKey(number))
            {
                var details = _simulation.Inventory.Describe(number);
                Add(number, owner, null, number.ToString(), details?.Country ?? "US", details?.Type ?? NumberType.Local);
            }
        }

        return owned;
    }

    public void Forget(OwnerId owner)
    {
        lock (_gate)
        {
            if (_byOwner.Remove(owner, out var mine))
            {
                foreach (var record in mine.Values)
                {
                    _numbers.Remove(record.Id);
                }
            }

            foreach (var stale in _numbers.Where(p => p.Value.Owner == owner).Select(p => p.Key).ToList())
            {
                _numbers.Remove(stale);
            }
        }
    }

    private void Clear()
    {
        lock (_gate)
        {
            _numbers.Clear();
            _byOwner.Clear();
            _placed.Clear();
            _settled.Clear();
            _lastId = 0;
        }
    }
}

/// <summary>A virtual number as a shared store keeps it; its owner is the account it is stored under.</summary>
internal sealed record VirtualNumberDocument(
    long Id, PhoneNumber Number, string? Project, string Name, string CountryCode, NumberType Type, DateTimeOffset CreatedAt,
    bool Active, bool Recording, string RoutingStrategy, bool AiReceptionistEnabled)
{
    public static VirtualNumberDocument Of(VirtualNumber record) => new(
        record.Id, record.Number, record.Project, record.Name, record.CountryCode, record.Type, record.CreatedAt,
        record.Active, record.Recording, record.RoutingStrategy, record.AiReceptionistEnabled);

    public VirtualNumber ToRecord(OwnerId owner) => new(Id, Number, owner, Project, Name, CountryCode, Type, CreatedAt)
    {
        Active = Active,
        Recording = Recording,
        RoutingStrategy = RoutingStrategy,
        AiReceptionistEnabled = AiReceptionistEnabled,
    };
}
