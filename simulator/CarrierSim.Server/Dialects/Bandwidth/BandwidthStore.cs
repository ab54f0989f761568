using System.Collections.Concurrent;
using CarrierSim.Core;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Core.Orders;
using CarrierSim.Core.State;

namespace CarrierSim.Server.Dialects.Bandwidth;

/// <summary>Bandwidth's record of a new-number order or a disconnect order: what was asked, keyed by Bandwidth's order id.</summary>
internal sealed class BandwidthOrderRecord
{
    /// <summary>Bandwidth's order id (a UUID).</summary>
    public required string Id { get; init; }

    /// <summary>The order book's id of the same order; set when the order book places it.</summary>
    public string CoreId { get; set; } = "";

    public required OwnerId Owner { get; init; }

    public required string AccountId { get; init; }

    public required string User { get; init; }

    public bool Disconnect { get; init; }

    /// <summary>The request as Bandwidth echoes it (<c>&lt;Order&gt;</c>), with its id and creation date.</summary>
    public BandwidthOrder? Order { get; init; }

    /// <summary>The disconnect request as Bandwidth echoes it (<c>&lt;orderRequest&gt;</c>).</summary>
    public DisconnectTelephoneNumberOrder? DisconnectOrder { get; init; }

    /// <summary>How many numbers the order asked for (a search-and-order's Quantity, or the TNs listed).</summary>
    public int Quantity { get; init; }

    /// <summary>A search-and-order: a shortfall is reported as 5017/5018 rather than per number.</summary>
    public bool SearchAndOrder { get; init; }

    /// <summary>Numbers refused when the order was received (e.g. reserved by another account), with their errors.</summary>
    public IReadOnlyList<BandwidthError> Refused { get; init; } = [];

    /// <summary>The reservations the order used; they end when it completes.</summary>
    public IReadOnlyList<string> ReservationIds { get; init; } = [];
}

/// <summary>A number reserved for an account (<c>POST /tnreservation</c>) until it expires on the simulator clock.</summary>
internal sealed record Reservation(string Id, OwnerId Owner, string AccountId, PhoneNumber Number, DateTimeOffset ExpiresAt);

/// <summary>A number in service on an account, since its order completed.</summary>
internal sealed record InServiceNumber(PhoneNumber Number, string OrderId, DateTimeOffset Since);

/// <summary>
/// Bandwidth's own records, a projection of the order book: order records appear with their
/// order and in-service numbers change when orders settle (both under the order's lock).
/// Reservations are kept here too, while the inventory holds their numbers (<see cref="NumberInventory.Hold"/>):
/// the hold keeps a reserved number from everyone else, atomically even when several processes
/// share one state, and ends on the simulator clock with the reservation. Each account's records
/// are also tenant state (<see cref="ITenantState"/>) for a shared store.
/// </summary>
internal sealed class BandwidthStore : IOrderProjection, ITenantState
{
    /// <summary>Reservations last four hours (numbers.yml: "Reserves a telephone number for a default time of 4 hours").</summary>
    public static readonly TimeSpan ReservationLifetime = TimeSpan.FromHours(4);

    private readonly Simulation _simulation;
    private readonly OwnedRecords<string, BandwidthOrderRecord> _orders = new(o => o.Id, o => o.Owner, StringComparer.Ordinal);
    private readonly ConcurrentDictionary<OwnerId, ConcurrentDictionary<PhoneNumber, InServiceNumber>> _inService = new();
    private readonly OwnedRecords<string, Reservation> _reservations = new(r => r.Id, r => r.Owner, StringComparer.OrdinalIgnoreCase);

    // Every reservation this process knows by number, across accounts: built from the reservations
    // made here and those of the tenants imported here. With a shared store it may lack another
    // process's reservations or keep one ended elsewhere; the inventory's hold is the authority then.
    private readonly ConcurrentDictionary<PhoneNumber, Reservation> _reservedNumbers = new();
    private readonly Lock _reserving = new();

    public BandwidthStore(Simulation simulation)
    {
        _simulation = simulation;
        simulation.ResetRequested += () =>
        {
            _orders.Clear();
            _inService.Clear();
            _reservations.Clear();
            _reservedNumbers.Clear();
        };
    }

    public string Name => BandwidthDialect.Id;

    /// <summary>The tenant is deleted: its orders, in-service numbers and reservations go, and the numbers it reserved are free again.</summary>
    public void Forget(OwnerId owner)
    {
        _orders.Forget(owner);
        _inService.TryRemove(owner, out _);
        lock (_reserving)
        {
            foreach (var reservation in _reservations.Forget(owner))
            {
                _reservedNumbers.TryRemove(new KeyValuePair<PhoneNumber, Reservation>(reservation.Number, reservation));
                _simulation.Inventory.ReleaseHold(reservation.Number, owner);
            }
        }
    }

    public void Placed(Order order, object? details)
    {
        var record = details as BandwidthOrderRecord ?? new BandwidthOrderRecord
        {
            // Restored orders (provider states) keep the id they were given.
            Id = order.Id,
            Owner = order.Owner,
            AccountId = "",
            User = "",
            Disconnect = order.Type == OrderType.Disconnect,
            Quantity = order.Requested.Count,
            Order = new BandwidthOrder
            {
                Id = order.Id,
                OrderCreateDate = BandwidthXml.Time(order.CreatedAt),
                ExistingTelephoneNumberOrderType = new ExistingTelephoneNumberOrderType { TelephoneNumberList = [.. order.Requested.Select(BandwidthNumbers.Tn)] },
            },
        };
        record.CoreId = order.Id;
        _orders.Set(record);

        // An order that holds nothing (it fails when due) gave its reserved numbers back at placement.
        HoldAgain(order, record, order.Held);
    }

    public void Settled(Order order)
    {
        var numbers = _inService.GetOrAdd(order.Owner, static _ => new ConcurrentDictionary<PhoneNumber, InServiceNumber>());
        var record = _orders.Of(order.Owner).FirstOrDefault(r => r.CoreId == order.Id);
        if (order.Type == OrderType.Disconnect)
        {
            foreach (var number in order.Completed)
            {
                numbers.TryRemove(number, out _);
            }

            return;
        }

        foreach (var number in order.Completed)
        {
            numbers[number] = new InServiceNumber(number, record?.Id ?? order.Id, order.UpdatedAt);
        }

        // A reservation ends when its number is ordered.
        foreach (var id in record?.ReservationIds ?? [])
        {
            if (_reservations.Find(order.Owner, id) is { } used && order.Completed.Contains(used.Number))
            {
                Unreserve(used);
            }
        }

        if (record is not null)
        {
            HoldAgain(order, record, order.Completed);
        }
    }

    /// <summary>
    /// The reservations an order used outlive it unless their number was ordered: the inventory
    /// took the number off hold for the order and gave it back free, so it is held again until the
    /// reservation ends.
    /// </summary>
    private void HoldAgain(Order order, BandwidthOrderRecord record, IReadOnlyList<PhoneNumber> kept)
    {
        if (record.ReservationIds.Count == 0)
        {
            return;
        }

        var now = _simulation.Clock.GetUtcNow();
        lock (_reserving)
        {
            foreach (var id in record.ReservationIds)
            {
                if (_reservations.Find(order.Owner, id) is { } reservation && reservation.ExpiresAt > now && !kept.Contains(reservation.Number))
                {
                    _simulation.Inventory.Hold([reservation.Number], reservation.Owner, reservation.ExpiresAt, AcquireMode.All);
                }
            }
        }
    }

    public BandwidthOrderRecord? Find(OwnerId owner, string id, bool disconnect) =>
        _orders.Find(owner, id) is { } record && record.Disconnect == disconnect ? record : null;

    /// <summary>The owner's orders of one kind, newest first.</summary>
    public IReadOnlyList<BandwidthOrderRecord> List(OwnerId owner, bool disconnect) =>
        [.. _orders.Of(owner).Where(o => o.Disconnect == disconnect).OrderByDescending(o => o.Order?.OrderCreateDate ?? o.DisconnectOrder?.OrderCreateDate, StringComparer.Ordinal).ThenBy(o => o.Id, StringComparer.Ordinal)];

    /// <summary>The owner's in-service numbers in number order, after settling due orders.</summary>
    public IReadOnlyList<InServiceNumber> InService(OwnerId owner)
    {
        _simulation.Orders.SettleDue(owner);
        return _inService.TryGetValue(owner, out var numbers) ? [.. numbers.Values.OrderBy(n => n.Number)] : [];
    }

    /// <summary>Puts a number in service with no order (provider states and fixtures).</summary>
    public void AddInService(OwnerId owner, PhoneNumber number) =>
        _inService.GetOrAdd(owner, static _ => new ConcurrentDictionary<PhoneNumber, InServiceNumber>())[number] = new InServiceNumber(number, "", _simulation.Clock.GetUtcNow());

    /// <summary>Whether the number is one the owner can order now: available, or held for the owner (its own reservation).</summary>
    public bool OnOfferTo(PhoneNumber number, OwnerId owner)
    {
        var status = _simulation.Inventory.GetStatus(number);
        return status.State == NumberState.Available || (status.State == NumberState.Held && status.Owner == owner);
    }

    /// <summary>The live reservation of a number, if any (an expired one is gone).</summary>
    public Reservation? ReservationOf(PhoneNumber number)
    {
        var shared = _simulation.Store.IsShared;
        if (_reservedNumbers.TryGetValue(number, out var reservation))
        {
            if (reservation.ExpiresAt <= _simulation.Clock.GetUtcNow())
            {
                Unreserve(reservation);
            }
            else if (!shared || HeldOrOwnedBy(number, reservation.Owner))
            {
                return reservation;
            }
        }

        // With a shared store, another process's reservation shows only as the inventory's hold:
        // its account and expiry are known here, its id is not.
        return shared && _simulation.Inventory.GetStatus(number) is { State: NumberState.Held, Owner: { } holder, Until: { } until }
            ? new Reservation("", holder, "", number, until)
            : null;
    }

    /// <summary>Whether the inventory still has the number held for the owner, or owned by the owner (ordered with or without its reservation).</summary>
    private bool HeldOrOwnedBy(PhoneNumber number, OwnerId owner) =>
        _simulation.Inventory.GetStatus(number) is { State: NumberState.Held or NumberState.Owned } status && status.Owner == owner;

    /// <summary>Whether a number is reserved by someone other than this owner (the owner's own reservations do not hide numbers from it).</summary>
    public bool ReservedAgainst(PhoneNumber number, OwnerId owner) => ReservationOf(number) is { } r && r.Owner != owner;

    /// <summary>Reserves an available number for four hours (the inventory holds it); null when it is owned, taken or reserved already.</summary>
    public Reservation? Reserve(OwnerId owner, string accountId, PhoneNumber number)
    {
        lock (_reserving)
        {
            if (ReservationOf(number) is not null || _simulation.Inventory.GetStatus(number).State != NumberState.Available)
            {
                return null;
            }

            // The hold is the atomic step: another process may have taken the number since it was looked at.
            var expires = _simulation.Clock.GetUtcNow() + ReservationLifetime;
            if (_simulation.Inventory.Hold([number], owner, expires, AcquireMode.All).Acquired.Count == 0)
            {
                return null;
            }

            var reservation = new Reservation(_simulation.Ids.NextGuid("bandwidth-reservation").ToString(), owner, accountId, number, expires);
            _reservations.Set(reservation);
            _reservedNumbers[number] = reservation;
            return reservation;
        }
    }

    /// <summary>The owner's live reservation by id; null when unknown, another account's, or expired.</summary>
    public Reservation? FindReservation(OwnerId owner, string id) =>
        _reservations.Find(owner, id) is { } reservation && ReservationOf(reservation.Number) == reservation ? reservation : null;

    /// <summary>Ends a reservation: the record goes and, unless the number was ordered meanwhile, the inventory's hold ends.</summary>
    public void Unreserve(Reservation reservation)
    {
        lock (_reserving)
        {
            _reservations.TryRemove(reservation);
            _reservedNumbers.TryRemove(new KeyValuePair<PhoneNumber, Reservation>(reservation.Number, reservation));
            _simulation.Inventory.ReleaseHold(reservation.Number, reservation.Owner);
        }
    }

    /// <summary>The owner's orders, in-service numbers and reservations (expired ones too, until they are looked at), each list by id.</summary>
    public byte[]? Export(OwnerId owner)
    {
        var orders = _orders.Of(owner).Select(BandwidthDocument.OrderDocument.Of).OrderBy(o => o.Id, StringComparer.Ordinal).ToList();
        List<InServiceNumber> inService = _inService.TryGetValue(owner, out var numbers) ? [.. numbers.Values.OrderBy(n => n.Number)] : [];
        List<BandwidthDocument.ReservationDocument> reservations;
        lock (_reserving)
        {
            reservations = [.. _reservations.Of(owner).Select(r => new BandwidthDocument.ReservationDocument(r.Id, r.AccountId, r.Number, r.ExpiresAt)).OrderBy(r => r.Id, StringComparer.Ordinal)];
        }

        return orders.Count == 0 && inService.Count == 0 && reservations.Count == 0
            ? null
            : StateJson.Serialize(new BandwidthDocument(orders, inService, reservations));
    }

    /// <summary>Replaces the owner's records and their reservations' place in the by-number index; the inventory's holds are shared on their own.</summary>
    public void Import(OwnerId owner, ReadOnlySpan<byte> state)
    {
        var document = state.IsEmpty ? new BandwidthDocument([], [], []) : StateJson.Deserialize<BandwidthDocument>(state);
        lock (_reserving)
        {
            _orders.Forget(owner);
            _inService.TryRemove(owner, out _);
            foreach (var reservation in _reservations.Forget(owner))
            {
                _reservedNumbers.TryRemove(new KeyValuePair<PhoneNumber, Reservation>(reservation.Number, reservation));
            }

            foreach (var order in document.Orders)
            {
                _orders.Set(order.ToRecord(owner));
            }

            if (document.InService.Count > 0)
            {
                _inService[owner] = new ConcurrentDictionary<PhoneNumber, InServiceNumber>(document.InService.Select(n => KeyValuePair.Create(n.Number, n)));
            }

            foreach (var imported in document.Reservations)
            {
                var reservation = new Reservation(imported.Id, owner, imported.AccountId, imported.Number, imported.ExpiresAt);
                _reservations.Set(reservation);
                _reservedNumbers[reservation.Number] = reservation;
            }
        }
    }
}

/// <summary>An account's Bandwidth records as a shared store keeps them (the owner is the tenant's, given on import).</summary>
internal sealed record BandwidthDocument(List<BandwidthDocument.OrderDocument> Orders, List<InServiceNumber> InService, List<BandwidthDocument.ReservationDocument> Reservations)
{
    /// <summary>An order record; the echoed request is kept as its wire object, so the echo is the same wherever it is read.</summary>
    internal sealed record OrderDocument(
        string Id, string CoreId, string AccountId, string User, bool Disconnect, BandwidthOrder? Order, DisconnectTelephoneNumberOrder? DisconnectOrder,
        int Quantity, bool SearchAndOrder, List<BandwidthError> Refused, List<string> ReservationIds)
    {
        public static OrderDocument Of(BandwidthOrderRecord r) =>
            new(r.Id, r.CoreId, r.AccountId, r.User, r.Disconnect, r.Order, r.DisconnectOrder, r.Quantity, r.SearchAndOrder, [.. r.Refused], [.. r.ReservationIds]);

        public BandwidthOrderRecord ToRecord(OwnerId owner) => new()
        {
            Id = Id,
            CoreId = CoreId,
            Owner = owner,
            AccountId = AccountId,
            User = User,
            Disconnect = Disconnect,
            Order = Order,
            DisconnectOrder = DisconnectOrder,
            Quantity = Quantity,
            SearchAndOrder = SearchAndOrder,
            Refused = Refused,
            ReservationIds = ReservationIds,
        };
    }

    internal sealed record ReservationDocument(string Id, string AccountId, PhoneNumber Number, DateTimeOffset ExpiresAt);
}
