using System.Collections.Concurrent;
using CarrierSim.Core;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Core.Orders;
using CarrierSim.Core.State;

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
/// What an assign (orderPhoneNumbers) hands the order book for the projection: the routing of the
/// numbers to create, and, once the order settles, the records it created (none when it failed).
/// </summary>
internal sealed class AssignDetails(string? inboundUrl, string? statusUrl, string? label, string? campaignId)
{
    public string? InboundUrl { get; } = inboundUrl;

    public string? StatusUrl { get; } = statusUrl;

    public string? Label { get; } = label;

    public string? CampaignId { get; } = campaignId;

    /// <summary>The records the settled order created, in the order's number order; set by the projection.</summary>
    public IReadOnlyList<AgentMessageNumber> Records { get; internal set; } = [];
}

/// <summary>What a release (DELETE /v1/phone-numbers/{id}) hands the order book: the record it removes.</summary>
internal sealed class ReleaseDetails(AgentMessageNumber record)
{
    public AgentMessageNumber Record { get; } = record;

    /// <summary>Whether the settled release removed the record; false when another request released it first.</summary>
    public bool Removed { get; internal set; }
}

/// <summary>
/// The organizations' numbers: a projection of AgentMessage's orders. A released number's record is gone
/// (getPhoneNumber answers 404 "after release", vendor-apis.md §2.1), so every record here is a number its
/// owner holds. Records appear when an assign settles complete and go when a release settles, in the same
/// step as the order (under its lock), so they are never stale and a failed assign leaves none.
/// The records are each organization's state for a shared store (<see cref="ITenantState"/>).
/// </summary>
internal sealed class AgentMessageStore : IOrderProjection, ITenantState
{
    private readonly Simulation _simulation;
    private readonly OwnedRecords<Guid, AgentMessageNumber> _byId = new(r => r.Id, r => r.Owner);

    // Across organizations: rebuilt from the records, so with a shared store it knows the organizations this process has loaded.
    private readonly ConcurrentDictionary<ulong, AgentMessageNumber> _byNumber = new();

    // An order's details between its placement and its settlement, which for AgentMessage's synchronous
    // orders happen in one request in one process: never shared, so it stays in memory.
    private readonly ConcurrentDictionary<string, object?> _placed = new(StringComparer.Ordinal);

    public AgentMessageStore(Simulation simulation)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        _simulation = simulation;
        simulation.ResetRequested += () =>
        {
            _byId.Clear();
            _byNumber.Clear();
            _placed.Clear();
        };
    }

    public string Name => AgentMessageDialect.Id;

    public void Forget(OwnerId owner)
    {
        foreach (var record in _byId.Forget(owner))
        {
            _byNumber.TryRemove(new KeyValuePair<ulong, AgentMessageNumber>(record.Number.Digits, record));
        }
    }

    /// <summary>The organization's records, every field, in id order; null when it has none.</summary>
    public byte[]? Export(OwnerId owner)
    {
        var records = _byId.Of(owner);
        return records.Count == 0 ? null : StateJson.Serialize(records.Select(NumberDocument.Of).OrderBy(d => d.Id).ToList());
    }

    /// <summary>Replaces the organization's records with the stored ones (none for an empty state), by id and by number.</summary>
    public void Import(OwnerId owner, ReadOnlySpan<byte> state)
    {
        var documents = state.IsEmpty ? [] : StateJson.Deserialize<List<NumberDocument>>(state);
        Forget(owner);
        foreach (var document in documents)
        {
            Add(document.ToRecord(owner));
        }
    }

    /// <summary>Nothing is visible yet: the details wait for the order to settle (in the same step for AgentMessage's synchronous orders).</summary>
    public void Placed(Order order, object? details)
    {
        ArgumentNullException.ThrowIfNull(order);
        _placed[order.Id] = details;
    }

    public void Settled(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        _placed.TryRemove(order.Id, out var details);
        if (order.Type == OrderType.Disconnect)
        {
            if (details is ReleaseDetails release && order.Completed.Contains(release.Record.Number))
            {
                release.Removed = TryRemove(release.Record);
            }
            else if (details is null)
            {
                // A release placed by someone else (control plane): forget the owner's records of the numbers given back.
                foreach (var number in order.Completed)
                {
                    if (_byNumber.TryGetValue(number.Digits, out var record) && record.Owner == order.Owner)
                    {
                        TryRemove(record);
                    }
                }
            }

            return;
        }

        // Only numbers the carrier assigned get a record; a failed assign leaves none.
        var assign = details as AssignDetails;
        var now = order.UpdatedAt;
        var completed = order.Completed.ToHashSet();
        var records = order.Requested.Where(completed.Contains).Select(number => new AgentMessageNumber
        {
            Id = _simulation.Ids.NextGuid("agentmessage.number"),
            Number = number,
            Owner = order.Owner,
            Type = _simulation.Inventory.Describe(number)?.Type ?? (number.IsTollFree ? NumberType.TollFree : NumberType.Local),
            InboundUrl = assign?.InboundUrl,
            StatusUrl = assign?.StatusUrl,
            Label = assign?.Label,
            CampaignId = assign?.CampaignId,
            CreatedAt = now,
            UpdatedAt = now,
        }).ToList();
        records.ForEach(Add);
        if (assign is not null)
        {
            assign.Records = records;
        }
    }

    public void Add(AgentMessageNumber record)
    {
        _byId.Set(record);
        _byNumber[record.Number.Digits] = record;
    }

    public AgentMessageNumber? Find(OwnerId owner, Guid id) =>
        _byId.Find(owner, id);

    /// <summary>The owner's numbers, newest first (listPhoneNumbers' order).</summary>
    public IReadOnlyList<AgentMessageNumber> List(OwnerId owner) =>
        [.. _byId.Of(owner).OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id.ToString(), StringComparer.Ordinal)];

    /// <summary>Takes the record out; false when another request released it first.</summary>
    public bool TryRemove(AgentMessageNumber record)
    {
        if (!_byId.TryRemove(record))
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

/// <summary>A record as a shared store keeps it; its owner is the organization it is stored under.</summary>
internal sealed record NumberDocument(
    Guid Id, PhoneNumber Number, NumberType Type, string? InboundUrl, string? StatusUrl, string? Label, string? CampaignId,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static NumberDocument Of(AgentMessageNumber record)
    {
        lock (record)
        {
            return new(record.Id, record.Number, record.Type, record.InboundUrl, record.StatusUrl, record.Label, record.CampaignId, record.CreatedAt, record.UpdatedAt);
        }
    }

    public AgentMessageNumber ToRecord(OwnerId owner) => new()
    {
        Id = Id,
        Number = Number,
        Owner = owner,
        Type = Type,
        InboundUrl = InboundUrl,
        StatusUrl = StatusUrl,
        Label = Label,
        CampaignId = CampaignId,
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
    };
}
