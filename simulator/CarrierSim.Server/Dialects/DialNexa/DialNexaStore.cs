using System.Collections.Concurrent;
using CarrierSim.Core;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Core.Orders;

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

/// <summary>
/// Workspace phone numbers. A record exists from the purchase on as <c>pending</c>; when its order
/// completes it turns <c>active</c>, and when the order fails the record is dropped, because the
/// vendor's status has no failed value (seed 003: <c>pending | active</c>).
/// </summary>
internal sealed class DialNexaStore
{
    private readonly Simulation _simulation;
    private readonly ConcurrentDictionary<string, OrganizationPhoneNumber> _numbers = new(StringComparer.Ordinal);

    public DialNexaStore(Simulation simulation)
    {
        _simulation = simulation;
        simulation.Orders.Settled += OnSettled;
        simulation.ResetRequested += _numbers.Clear;
    }

    public void Add(OrganizationPhoneNumber number) => _numbers[number.Id] = number;

    /// <summary>The workspace's numbers, newest first, after settling any due orders.</summary>
    public IReadOnlyList<OrganizationPhoneNumber> List(OwnerId owner)
    {
        _simulation.Orders.SettleDue();
        return [.. _numbers.Values.Where(n => n.Owner == owner).OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id, StringComparer.Ordinal)];
    }

    public OrganizationPhoneNumber? Find(OwnerId owner, string id)
    {
        if (!_numbers.TryGetValue(id, out var number) || number.Owner != owner)
        {
            return null;
        }

        // Settles this number's order if it is due; a failed order removes the record.
        _simulation.Orders.Find(owner, id);
        return _numbers.TryGetValue(id, out number) ? number : null;
    }

    /// <summary>Forgets the record and gives the number back to the pool (quarantined, as any customer release).</summary>
    public bool Release(OrganizationPhoneNumber number)
    {
        if (!_numbers.TryRemove(new KeyValuePair<string, OrganizationPhoneNumber>(number.Id, number)))
        {
            return false;
        }

        _simulation.Inventory.Release(number.Number, number.Owner, quarantine: true);
        return true;
    }

    private void OnSettled(Order order)
    {
        if (order.Origin != DialNexaDialect.Id || order.Type != OrderType.Purchase || !_numbers.TryGetValue(order.Id, out var number))
        {
            return;
        }

        if (order.Completed.Contains(number.Number))
        {
            lock (number)
            {
                number.Status = "active";
            }
        }
        else
        {
            _numbers.TryRemove(new KeyValuePair<string, OrganizationPhoneNumber>(order.Id, number));
        }
    }
}
