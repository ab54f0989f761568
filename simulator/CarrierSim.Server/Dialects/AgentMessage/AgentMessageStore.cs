using System.Collections.Concurrent;
using CarrierSim.Core;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;

namespace CarrierSim.Server.Dialects.AgentMessage;

/// <summary>
/// An organization's PhoneNumber: the number and its routing. <c>inbound_url</c>/<c>status_url</c> are
/// kept for the callback simulation (ARCHITECTURE §5). Mutable fields change under the record's lock.
/// </summary>
internal sealed class AgentMessageNumber
{
    public required Guid Id { get; init; }

    public required PhoneNumber Number { get; init; }

    public required OwnerId Owner { get; init; }

    public required NumberType Type { get; init; }

    public string? InboundUrl { get; set; }

    public string? StatusUrl { get; set; }

    public string? Label { get; set; }

    public string? CampaignId { get; set; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// The organizations' numbers. A released number's record is gone (getPhoneNumber answers 404 "after
/// release", vendor-apis.md §2.1), so every record here is a number its owner holds.
/// </summary>
internal sealed class AgentMessageStore
{
    private readonly ConcurrentDictionary<Guid, AgentMessageNumber> _byId = new();
    private readonly ConcurrentDictionary<ulong, AgentMessageNumber> _byNumber = new();

    public AgentMessageStore(Simulation simulation)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        simulation.ResetRequested += () =>
        {
            _byId.Clear();
            _byNumber.Clear();
        };
    }

    public void Add(AgentMessageNumber record)
    {
        _byId[record.Id] = record;
        _byNumber[record.Number.Digits] = record;
    }

    public AgentMessageNumber? Find(OwnerId owner, Guid id) =>
        _byId.TryGetValue(id, out var record) && record.Owner == owner ? record : null;

    /// <summary>The owner's numbers, newest first (listPhoneNumbers' order).</summary>
    public IReadOnlyList<AgentMessageNumber> List(OwnerId owner) =>
        [.. _byId.Values.Where(r => r.Owner == owner).OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id.ToString(), StringComparer.Ordinal)];

    /// <summary>Takes the record out; false when another request released it first.</summary>
    public bool TryRemove(AgentMessageNumber record)
    {
        if (!_byId.TryRemove(new KeyValuePair<Guid, AgentMessageNumber>(record.Id, record)))
        {
            return false;
        }

        _byNumber.TryRemove(new KeyValuePair<ulong, AgentMessageNumber>(record.Number.Digits, record));
        return true;
    }

    /// <summary>
    /// The record of a number, whichever organization holds it: how the callback simulation finds a
    /// number's <c>inbound_url</c> and <c>status_url</c>.
    /// </summary>
    public AgentMessageNumber? FindByNumber(PhoneNumber number) => _byNumber.GetValueOrDefault(number.Digits);
}
