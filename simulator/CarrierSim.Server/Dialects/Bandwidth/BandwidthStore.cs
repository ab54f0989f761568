using System.Collections.Concurrent;
using CarrierSim.Core;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Core.Orders;

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
/// Reservations live here too: the order book has no notion of them, so a reservation keeps a
/// number from other Bandwidth accounts' searches and orders (not from other dialects).
/// </summary>
internal sealed class BandwidthStore : IOrderProjection
{
    /// <summary>Reservations last four hours (numbers.yml: "Reserves a telephone number for a default time of 4 hours").</summary>
    public static readonly TimeSpan ReservationLifetime = TimeSpan.FromHours(4);

    private readonly Simulation _simulation;
    private readonly OwnedRecords<string, BandwidthOrderRecord> _orders = new(o => o.Id, o => o.Owner, StringComparer.Ordinal);
    private readonly ConcurrentDictionary<OwnerId, ConcurrentDictionary<PhoneNumber, InServiceNumber>> _inService = new();
    private readonly OwnedRecords<string, Reservation> _reservations = new(r => r.Id, r => r.Owner, StringComparer.OrdinalIgnoreCase);
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

    /// <summary>The tenant is deleted: its orders, in-service numbers and reservations go.</summary>
    public void Forget(OwnerId owner)
    {
        _orders.Forget(owner);
        _inService.TryRemove(owner, out _);
        foreach (var reservation in _reservations.Forget(owner))
        {
            _reservedNumbers.TryRemove(new KeyValuePair<PhoneNumber, Reservation>(reservation.Number, reservation));
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

    /// <summary>The live reservation of a number, if any (an expired one is gone).</summary>
    public Reservation? ReservationOf(PhoneNumber number)
    {
        if (!_reservedNumbers.TryGetValue(number, out var reservation))
        {
            return null;
        }

        if (reservation.ExpiresAt > _simulation.Clock.GetUtcNow())
        {
            return reservation;
        }

        Unreserve(reservation);
        return null;
    }

    /// <summary>Whether a number is reserved by someone other than this owner (the owner's own reservations do not hide numbers from it).</summary>
    public bool ReservedAgainst(PhoneNumber number, OwnerId owner) => ReservationOf(number) is { } r && r.Owner != owner;

    /// <summary>Reserves an available number for four hours; null when it is owned, taken or reserved already.</summary>
    public Reservation? Reserve(OwnerId owner, string accountId, PhoneNumber number)
    {
        lock (_reserving)
        {
            if (ReservationOf(number) is not null || _simulation.Inventory.GetStatus(number).State != NumberState.Available)
            {
                return null;
            }

            var reservation = new Reservation(_simulation.Ids.NextGuid("bandwidth-reservation").ToString(), owner, accountId, number, _simulation.Clock.GetUtcNow() + ReservationLifetime);
            _reservations.Set(reservation);
            _reservedNumbers[number] = reservation;
            return reservation;
        }
    }

    /// <summary>The owner's live reservation by id; null when unknown, another account's, or expired.</summary>
    public Reservation? FindReservation(OwnerId owner, string id) =>
        _reservations.Find(owner, id) is { } reservation && ReservationOf(reservation.Number) == reservation ? reservation : null;

    public void Unreserve(Reservation reservation)
    {
        lock (_reserving)
        {
            _reservations.TryRemove(reservation);
            _reservedNumbers.TryRemove(new KeyValuePair<PhoneNumber, Reservation>(reservation.Number, reservation));
        }
    }
}
