using CarrierSim.Core;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Core.Orders;
using CarrierSim.Core.State;

namespace CarrierSim.Server.Dialects.DialNexa;

/// <summary>A workspace's record of a purchased number. Its id is the id of the purchase order behind it.</summary>
internal sealed class OrganizationPhoneNumber
{
    public required string Id { get; init; }

    public required PhoneNumber Number { get; init; }

    public required OwnerId Owner { get; init; }

    public required string Country { get; init; }

    public required NumberType Type { get; init; }

    public required string Provider { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public string Status { get; set; } = "pending";

    public string? Label { get; set; }

    public string? AgentId { get; set; }

    public string? Nickname { get; set; }
}

/// <summary>What a DialNexa purchase hands the order book for its record (<see cref="OrderRequest.Details"/>).</summary>
internal sealed record PurchaseDetails(string Country, NumberType Type, string Provider);

/// <summary>
/// Workspace phone numbers, a projection of the order book. A record exists from the purchase on
/// as <c>pending</c> (created when the order is placed); when its order completes it turns
/// <c>active</c>, and when the order fails the record is dropped, because the vendor's status has
/// no failed value (seed 003: <c>pending | active</c>). A release is a disconnect order: when it
/// settles the record is dropped and the number goes back to the pool. The order book calls both
/// steps under the order's lock, so a record can never miss its order's settlement. The records
/// are each workspace's state for a shared store (<see cref="ITenantState"/>).
/// </summary>
internal sealed class DialNexaStore : IOrderProjection, ITenantState
{
    private readonly Simulation _simulation;
    private readonly OwnedRecords<string, OrganizationPhoneNumber> _numbers = new(n => n.Id, n => n.Owner, StringComparer.Ordinal);

    public DialNexaStore(Simulation simulation)
    {
        _simulation = simulation;
        simulation.ResetRequested += _numbers.Clear;
    }

    public string Name => DialNexaDialect.Id;

    public void Forget(OwnerId owner) => _numbers.Forget(owner);

    /// <summary>The workspace's records, every field, in id order; null when it has none.</summary>
    public byte[]? Export(OwnerId owner)
    {
        var records = _numbers.Of(owner);
        return records.Count == 0 ? null : StateJson.Serialize(records.Select(NumberDocument.Of).OrderBy(d => d.Id, StringComparer.Ordinal).ToList());
    }

    /// <summary>Replaces the workspace's records with the stored ones (none for an empty state).</summary>
    public void Import(OwnerId owner, ReadOnlySpan<byte> state)
    {
        var documents = state.IsEmpty ? [] : StateJson.Deserialize<List<NumberDocument>>(state);
        _numbers.Forget(owner);
        foreach (var document in documents)
        {
            _numbers.Set(document.ToRecord(owner));
        }
    }

    public void Placed(Order order, object? details)
    {
        if (order.Type != OrderType.Purchase || order.Held.Count == 0)
        {
            return;
        }

        var number = order.Held[0];
        var described = details as PurchaseDetails ?? Describe(number);
        _numbers.Set(new OrganizationPhoneNumber
        {
            Id = order.Id,
            Number = number,
            Owner = order.Owner,
            Country = described.Country.ToUpperInvariant(),
            Type = described.Type,
            Provider = described.Provider,
            CreatedAt = order.CreatedAt,
        });
    }

    public void Settled(Order order)
    {
        if (order.Type == OrderType.Disconnect)
        {
            foreach (var number in _numbers.Of(order.Owner).Where(n => order.Completed.Contains(n.Number)))
            {
                _numbers.TryRemove(number);
            }

            return;
        }

        if (_numbers.Find(order.Owner, order.Id) is not { } record)
        {
            return;
        }

        if (order.Completed.Contains(record.Number))
        {
            lock (record)
            {
                record.Status = "active";
            }
        }
        else
        {
            _numbers.TryRemove(record);
        }
    }

    /// <summary>The workspace's numbers, newest first, after settling any due orders.</summary>
    public IReadOnlyList<OrganizationPhoneNumber> List(OwnerId owner)
    {
        _simulation.Orders.SettleDue(owner);
        return [.. _numbers.Of(owner).OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id, StringComparer.Ordinal)];
    }

    public OrganizationPhoneNumber? Find(OwnerId owner, string id)
    {
        if (_numbers.Find(owner, id) is null)
        {
            return null;
        }

        // Settles this number's order if it is due; a failed order removes the record.
        _simulation.Orders.Find(owner, id);
        return _numbers.Find(owner, id);
    }

    /// <summary>The record as it is now, without settling anything (the purchase answer when its order already failed).</summary>
    public OrganizationPhoneNumber? Peek(string id) => _numbers.Get(id);

    private PurchaseDetails Describe(PhoneNumber number)
    {
        var details = _simulation.Inventory.Describe(number);
        return new PurchaseDetails(details?.Country ?? "US", details?.Type ?? NumberType.Local, "plivo");
    }
}

/// <summary>A record as a shared store keeps it; its owner is the workspace it is stored under.</summary>
internal sealed record NumberDocument(
    string Id, PhoneNumber Number, string Country, NumberType Type, string Provider, DateTimeOffset CreatedAt,
    string Status, string? Label, string? AgentId, string? Nickname)
{
    public static NumberDocument Of(OrganizationPhoneNumber record)
    {
        lock (record)
        {
            return new(record.Id, record.Number, record.Country, record.Type, record.Provider, record.CreatedAt, record.Status, record.Label, record.AgentId, record.Nickname);
        }
    }

    public OrganizationPhoneNumber ToRecord(OwnerId owner) => new()
    {
        Id = Id,
        Number = Number,
        Owner = owner,
        Country = Country,
        Type = Type,
        Provider = Provider,
        CreatedAt = CreatedAt,
        Status = Status,
        Label = Label,
        AgentId = AgentId,
        Nickname = Nickname,
    };
}
