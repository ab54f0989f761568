using CarrierSim.Core;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Core.Orders;
using CarrierSim.Core.State;

namespace CarrierSim.Server.Dialects.Telnyx;

/// <summary>What a Telnyx order hands the order book for its records (<see cref="OrderRequest.Details"/>).</summary>
internal sealed record NumberOrderDetails(string? CustomerReference, string? ConnectionId, string? MessagingProfileId, string? BillingGroupId, IReadOnlyDictionary<PhoneNumber, string?> Bundles);

/// <summary>A Telnyx number order: a UUID over an order of the order book, which holds its state.</summary>
internal sealed class NumberOrder
{
    public required string Id { get; init; }

    public required Order Order { get; init; }

    public required OwnerId Owner { get; init; }

    public required NumberOrderDetails Details { get; init; }

    /// <summary>The <c>number_order_phone_number</c> id of each requested number, in request order.</summary>
    public required IReadOnlyList<(string Id, PhoneNumber Number)> Numbers { get; init; }
}

/// <summary>An account's phone number (<c>PhoneNumberDetailed</c>).</summary>
internal sealed class TelnyxPhoneNumber
{
    public required string Id { get; init; }

    public required PhoneNumber Number { get; init; }

    public required OwnerId Owner { get; init; }

    public required string OrderId { get; init; }

    public required NumberType Type { get; init; }

    public required string Country { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>purchase-pending, active, purchase-failed or deleted.</summary>
    public string Status { get; set; } = "purchase-pending";

    public List<string> Tags { get; set; } = [];

    public string? ExternalPin { get; set; }

    public string? CustomerReference { get; set; }

    public string? ConnectionId { get; set; }

    public string? MessagingProfileId { get; set; }

    public string? BillingGroupId { get; set; }

    public string? AddressId { get; set; }

    public bool HdVoiceEnabled { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A reservation: numbers held for the account until <see cref="ReservedNumber.ExpiresAt"/> (the inventory's hold).</summary>
internal sealed class NumberReservation
{
    public required string Id { get; init; }

    public required OwnerId Owner { get; init; }

    public string? CustomerReference { get; init; }

    public required IReadOnlyList<ReservedNumber> Numbers { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>success when every number is held, failure otherwise (inferred).</summary>
    public string Status => Numbers.All(n => n.Status == "success") ? "success" : "failure";
}

internal sealed class ReservedNumber
{
    public required string Id { get; init; }

    public required PhoneNumber Number { get; init; }

    public required string Status { get; init; }

    public string? Error { get; init; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// Telnyx's records, a projection of the order book: a number order (with UUIDs for the order and each
/// of its numbers) and a <c>purchase-pending</c> phone number per held number appear when the order is
/// placed; when it settles each number turns <c>active</c> or <c>purchase-failed</c>, and a release
/// (a disconnect order) marks it <c>deleted</c>. Reservations are kept here too; the numbers they hold
/// are held by the inventory, which ends the hold on the simulator clock. Each account's records are
/// also tenant state (<see cref="ITenantState"/>) for a shared store.
/// </summary>
internal sealed class TelnyxStore : IOrderProjection, ITenantState
{
    private readonly Simulation _simulation;
    private readonly OwnedRecords<string, NumberOrder> _orders = new(o => o.Id, o => o.Owner, StringComparer.Ordinal);
    private readonly OwnedRecords<string, TelnyxPhoneNumber> _numbers = new(n => n.Id, n => n.Owner, StringComparer.Ordinal);
    private readonly OwnedRecords<string, NumberReservation> _reservations = new(r => r.Id, r => r.Owner, StringComparer.Ordinal);

    public TelnyxStore(Simulation simulation)
    {
        _simulation = simulation;
        simulation.ResetRequested += () =>
        {
            _orders.Clear();
            _numbers.Clear();
            _reservations.Clear();
        };
    }

    /// <summary>The tenant is deleted: its records go, and the numbers its reservations hold are free again.</summary>
    public void Forget(OwnerId owner)
    {
        _orders.Forget(owner);
        _numbers.Forget(owner);
        foreach (var reservation in _reservations.Forget(owner))
        {
            foreach (var reserved in reservation.Numbers)
            {
                _simulation.Inventory.ReleaseHold(reserved.Number, owner);
            }
        }
    }

    public void Placed(Order order, object? details)
    {
        if (order.Type != OrderType.Purchase)
        {
            return;
        }

        var described = details as NumberOrderDetails ?? new NumberOrderDetails(null, null, null, null, new Dictionary<PhoneNumber, string?>());
        _orders.Set(new NumberOrder
        {
            Id = Uuid("telnyx.number_order"),
            Order = order,
            Owner = order.Owner,
            Details = described,
            Numbers = [.. order.Requested.Select(n => (Uuid("telnyx.number_order_phone_number"), n))],
        });
        foreach (var number in order.Held)
        {
            var facts = _simulation.Inventory.Describe(number);
            _numbers.Set(new TelnyxPhoneNumber
            {
                Id = NumericId(),
                Number = number,
                Owner = order.Owner,
                OrderId = order.Id,
                Type = facts?.Type ?? NumberType.Local,
                Country = facts?.Country ?? "US",
                CreatedAt = order.CreatedAt,
                UpdatedAt = order.CreatedAt,
                CustomerReference = described.CustomerReference,
                ConnectionId = described.ConnectionId,
                MessagingProfileId = described.MessagingProfileId,
                BillingGroupId = described.BillingGroupId,
            });
        }
    }

    public void Settled(Order order)
    {
        var now = order.UpdatedAt;
        foreach (var number in _numbers.Of(order.Owner))
        {
            lock (number)
            {
                if (order.Type == OrderType.Purchase && number.OrderId == order.Id)
                {
                    number.Status = order.Completed.Contains(number.Number) ? "active" : "purchase-failed";
                    number.UpdatedAt = now;
                }
                else if (order.Type == OrderType.Disconnect && order.Completed.Contains(number.Number) && number.Status == "active")
                {
                    number.Status = "deleted";
                    number.UpdatedAt = now;
                }
            }
        }
    }

    /// <summary>The owner's number orders, newest first, each settled if due.</summary>
    public IReadOnlyList<NumberOrder> Orders(OwnerId owner)
    {
        _simulation.Orders.SettleDue(owner);
        return [.. _orders.Of(owner).ToList().Select(Current).OrderByDescending(o => o.Order.CreatedAt).ThenByDescending(o => o.Id, StringComparer.Ordinal)];
    }

    public NumberOrder? FindOrder(OwnerId owner, string id) =>
        _orders.Find(owner, id) is { } found ? Current(found) : null;

    /// <summary>The record of the order book's order <paramref name="orderId"/> (the answer to a placement).</summary>
    public NumberOrder? OrderOf(OwnerId owner, string orderId) =>
        _orders.Of(owner).FirstOrDefault(o => o.Order.Id == orderId) is { } found ? Current(found) : null;

    /// <summary>
    /// The record over the order book's current order of its id, settled if due: a shared store may
    /// have replaced the tenant's orders since the record was made (the order book's import builds new
    /// orders), and the record must show the one the order book has.
    /// </summary>
    private NumberOrder Current(NumberOrder record)
    {
        if (_simulation.Orders.Find(record.Owner, record.Order.Id) is not { } order || ReferenceEquals(order, record.Order))
        {
            return record;
        }

        var current = new NumberOrder { Id = record.Id, Order = order, Owner = record.Owner, Details = record.Details, Numbers = record.Numbers };
        _orders.Set(current);
        return current;
    }

    /// <summary>The owner's phone numbers, newest first, after settling any due orders.</summary>
    public IReadOnlyList<TelnyxPhoneNumber> Numbers(OwnerId owner)
    {
        _simulation.Orders.SettleDue(owner);
        return [.. _numbers.Of(owner).OrderByDescending(n => n.CreatedAt).ThenBy(n => n.Number)];
    }

    public TelnyxPhoneNumber? FindNumber(OwnerId owner, string id)
    {
        _simulation.Orders.SettleDue(owner);
        return _numbers.Find(owner, id);
    }

    /// <summary>Adds an active number with a given id (provider states and fixtures).</summary>
    public TelnyxPhoneNumber AddActive(OwnerId owner, string id, PhoneNumber number)
    {
        var now = _simulation.Clock.GetUtcNow();
        var facts = _simulation.Inventory.Describe(number);
        var record = new TelnyxPhoneNumber
        {
            Id = id,
            Number = number,
            Owner = owner,
            OrderId = "",
            Type = facts?.Type ?? NumberType.Local,
            Country = facts?.Country ?? "US",
            CreatedAt = now,
            UpdatedAt = now,
            Status = "active",
        };
        _numbers.Set(record);
        return record;
    }

    /// <summary>Gives the number order of <paramref name="order"/> a chosen UUID (provider states and fixtures).</summary>
    public void Rename(Order order, string id)
    {
        if (_orders.Of(order.Owner).FirstOrDefault(r => ReferenceEquals(r.Order, order)) is not { } record)
        {
            return;
        }

        // A state set up again replaces the records of the earlier set-up.
        foreach (var stale in _orders.Of(order.Owner).Where(r => r.Order.Id == order.Id || r.Id == id).ToList())
        {
            _orders.TryRemove(stale);
        }

        _orders.Set(new NumberOrder { Id = id, Order = record.Order, Owner = record.Owner, Details = record.Details, Numbers = record.Numbers });
    }

    public void AddReservation(NumberReservation reservation) => _reservations.Set(reservation);

    public IReadOnlyList<NumberReservation> Reservations(OwnerId owner) =>
        [.. _reservations.Of(owner).OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id, StringComparer.Ordinal)];

    public NumberReservation? FindReservation(OwnerId owner, string id) => _reservations.Find(owner, id);

    public string Name => TelnyxDialect.Id;

    /// <summary>
    /// The owner's number orders, phone numbers and reservations, each list by id; numbers and
    /// reservations are read under their locks, as updates and extensions write them.
    /// </summary>
    public byte[]? Export(OwnerId owner)
    {
        var orders = _orders.Of(owner).ToList();
        var numbers = _numbers.Of(owner).ToList();
        var reservations = _reservations.Of(owner).ToList();
        if (orders.Count == 0 && numbers.Count == 0 && reservations.Count == 0)
        {
            return null;
        }

        var document = new TelnyxDocument(
            [.. orders.Select(TelnyxDocument.OrderDocument.Of).OrderBy(o => o.Id, StringComparer.Ordinal)],
            [.. numbers.Select(TelnyxDocument.PhoneNumberDocument.Of).OrderBy(n => n.Id, StringComparer.Ordinal)],
            [.. reservations.Select(TelnyxDocument.ReservationDocument.Of).OrderBy(r => r.Id, StringComparer.Ordinal)]);
        return StateJson.Serialize(document);
    }

    /// <summary>
    /// Replaces the owner's records. Import the order book's component first: a number order is a
    /// view of the order book's order of its id, looked up here (and settled if due, as any read
    /// would); one whose order the order book does not have is dropped. The inventory's holds are
    /// shared on their own, so nothing is held or released here.
    /// </summary>
    public void Import(OwnerId owner, ReadOnlySpan<byte> state)
    {
        var document = state.IsEmpty ? new TelnyxDocument([], [], []) : StateJson.Deserialize<TelnyxDocument>(state);
        _orders.Forget(owner);
        _numbers.Forget(owner);
        _reservations.Forget(owner);
        foreach (var number in document.Numbers)
        {
            _numbers.Set(number.ToRecord(owner));
        }

        foreach (var reservation in document.Reservations)
        {
            _reservations.Set(reservation.ToRecord(owner));
        }

        foreach (var order in document.Orders)
        {
            if (_simulation.Orders.Find(owner, order.OrderId) is { } found)
            {
                _orders.Set(order.ToRecord(owner, found));
            }
        }
    }

    public string Uuid(string purpose) => _simulation.Ids.NextGuid(purpose).ToString();

    /// <summary>Telnyx's phone number ids are 19-digit integers written as strings, e.g. "1293384261075731499".</summary>
    public string NumericId()
    {
        var bytes = _simulation.Ids.NextGuid("telnyx.phone_number").ToByteArray();
        var value = BitConverter.ToUInt64(bytes, 0) % 8_000_000_000_000_000_000UL;
        return (1_000_000_000_000_000_000UL + value).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>An account's Telnyx records as a shared store keeps them (the owner is the tenant's, given on import).</summary>
internal sealed record TelnyxDocument(List<TelnyxDocument.OrderDocument> Orders, List<TelnyxDocument.PhoneNumberDocument> Numbers, List<TelnyxDocument.ReservationDocument> Reservations)
{
    /// <summary>A number order: its UUIDs and details; its state is the order book's order <see cref="OrderId"/>.</summary>
    internal sealed record OrderDocument(
        string Id, string OrderId, string? CustomerReference, string? ConnectionId, string? MessagingProfileId, string? BillingGroupId,
        List<BundleDocument> Bundles, List<OrderNumberDocument> Numbers)
    {
        public static OrderDocument Of(NumberOrder record) => new(
            record.Id, record.Order.Id, record.Details.CustomerReference, record.Details.ConnectionId, record.Details.MessagingProfileId, record.Details.BillingGroupId,
            [.. record.Details.Bundles.Select(b => new BundleDocument(b.Key, b.Value))],
            [.. record.Numbers.Select(n => new OrderNumberDocument(n.Id, n.Number))]);

        public NumberOrder ToRecord(OwnerId owner, Order order) => new()
        {
            Id = Id,
            Order = order,
            Owner = owner,
            Details = new NumberOrderDetails(CustomerReference, ConnectionId, MessagingProfileId, BillingGroupId, Bundles.ToDictionary(b => b.Number, b => b.BundleId)),
            Numbers = [.. Numbers.Select(n => (n.Id, n.Number))],
        };
    }

    /// <summary>A number's bundle in an order (a list: the numbers are E.164 values, not property names).</summary>
    internal sealed record BundleDocument(PhoneNumber Number, string? BundleId);

    internal sealed record OrderNumberDocument(string Id, PhoneNumber Number);

    internal sealed record PhoneNumberDocument(
        string Id, PhoneNumber Number, string OrderId, NumberType Type, string Country, DateTimeOffset CreatedAt, string Status, List<string> Tags,
        string? ExternalPin, string? CustomerReference, string? ConnectionId, string? MessagingProfileId, string? BillingGroupId, string? AddressId,
        bool HdVoiceEnabled, DateTimeOffset UpdatedAt)
    {
        public static PhoneNumberDocument Of(TelnyxPhoneNumber n)
        {
            lock (n)
            {
                return new(n.Id, n.Number, n.OrderId, n.Type, n.Country, n.CreatedAt, n.Status, [.. n.Tags], n.ExternalPin, n.CustomerReference, n.ConnectionId,
                    n.MessagingProfileId, n.BillingGroupId, n.AddressId, n.HdVoiceEnabled, n.UpdatedAt);
            }
        }

        public TelnyxPhoneNumber ToRecord(OwnerId owner) => new()
        {
            Id = Id,
            Number = Number,
            Owner = owner,
            OrderId = OrderId,
            Type = Type,
            Country = Country,
            CreatedAt = CreatedAt,
            Status = Status,
            Tags = [.. Tags],
            ExternalPin = ExternalPin,
            CustomerReference = CustomerReference,
            ConnectionId = ConnectionId,
            MessagingProfileId = MessagingProfileId,
            BillingGroupId = BillingGroupId,
            AddressId = AddressId,
            HdVoiceEnabled = HdVoiceEnabled,
            UpdatedAt = UpdatedAt,
        };
    }

    internal sealed record ReservationDocument(string Id, string? CustomerReference, List<ReservedNumberDocument> Numbers, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
    {
        public static ReservationDocument Of(NumberReservation r)
        {
            lock (r)
            {
                return new(r.Id, r.CustomerReference, [.. r.Numbers.Select(n => new ReservedNumberDocument(n.Id, n.Number, n.Status, n.Error, n.ExpiresAt, n.CreatedAt, n.UpdatedAt))], r.CreatedAt, r.UpdatedAt);
            }
        }

        public NumberReservation ToRecord(OwnerId owner) => new()
        {
            Id = Id,
            Owner = owner,
            CustomerReference = CustomerReference,
            Numbers = [.. Numbers.Select(n => new ReservedNumber { Id = n.Id, Number = n.Number, Status = n.Status, Error = n.Error, ExpiresAt = n.ExpiresAt, CreatedAt = n.CreatedAt, UpdatedAt = n.UpdatedAt })],
            CreatedAt = CreatedAt,
            UpdatedAt = UpdatedAt,
        };
    }

    internal sealed record ReservedNumberDocument(string Id, PhoneNumber Number, string Status, string? Error, DateTimeOffset? ExpiresAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
}
