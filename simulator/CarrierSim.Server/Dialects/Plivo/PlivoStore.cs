using CarrierSim.Core;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Core.Orders;
using CarrierSim.Core.State;
using CarrierSim.Server.Dialects.Shared;

namespace CarrierSim.Server.Dialects.Plivo;

/// <summary>What a Plivo purchase hands the order book for its record (<see cref="OrderRequest.Details"/>).</summary>
internal sealed record BuyDetails(PlivoNumber Description, string? AppId, string? CnamLookup);

/// <summary>A number rented by an account (Plivo's Number resource).</summary>
internal sealed class RentedNumber
{
    public required PhoneNumber Number { get; init; }

    public required OwnerId Owner { get; init; }

    public required PlivoNumber Description { get; init; }

    public required DateTimeOffset AddedOn { get; init; }

    public string? Alias { get; set; }

    public string? AppId { get; set; }

    public string? SubAccount { get; set; }

    public string CnamLookup { get; set; } = "disabled";

    public string? Cnam { get; set; }

    public string? ComplianceApplicationId { get; set; }

    /// <summary>False until the purchase settles (in the same step: Plivo's purchases are synchronous).</summary>
    public bool Active { get; set; }
}

/// <summary>
/// Rented numbers per account, a projection of the order book: a purchase creates the record and
/// its settlement (at once) keeps it or drops it; a release (a disconnect order) drops it. Each
/// account's numbers are also tenant state (<see cref="ITenantState"/>) for a shared store.
/// </summary>
internal sealed class PlivoStore : IOrderProjection, ITenantState
{
    private readonly Simulation _simulation;
    private readonly OwnedRecords<(OwnerId, PhoneNumber), RentedNumber> _numbers = new(n => (n.Owner, n.Number), n => n.Owner);

    public PlivoStore(Simulation simulation)
    {
        _simulation = simulation;
        simulation.ResetRequested += _numbers.Clear;
    }

    public void Forget(OwnerId owner) => _numbers.Forget(owner);

    public string Name => PlivoDialect.Id;

    /// <summary>The owner's rented numbers (settled or not), by number; each read under its lock, as updates write it.</summary>
    public byte[]? Export(OwnerId owner)
    {
        var records = _numbers.Of(owner).ToList();
        if (records.Count == 0)
        {
            return null;
        }

        var documents = new List<RentedNumberDocument>(records.Count);
        foreach (var record in records)
        {
            lock (record)
            {
                documents.Add(new RentedNumberDocument(
                    record.Number, record.Description, record.AddedOn, record.Alias, record.AppId, record.SubAccount, record.CnamLookup, record.Cnam, record.ComplianceApplicationId, record.Active));
            }
        }

        return StateJson.Serialize(documents.OrderBy(d => d.Number).ToList());
    }

    public void Import(OwnerId owner, ReadOnlySpan<byte> state)
    {
        var documents = state.IsEmpty ? [] : StateJson.Deserialize<List<RentedNumberDocument>>(state);
        _numbers.Forget(owner);
        foreach (var document in documents)
        {
            _numbers.Set(new RentedNumber
            {
                Number = document.Number,
                Owner = owner,
                Description = document.Description,
                AddedOn = document.AddedOn,
                Alias = document.Alias,
                AppId = document.AppId,
                SubAccount = document.SubAccount,
                CnamLookup = document.CnamLookup,
                Cnam = document.Cnam,
                ComplianceApplicationId = document.ComplianceApplicationId,
                Active = document.Active,
            });
        }
    }

    /// <summary>A rented number as a shared store keeps it (the owner is the tenant's, given on import).</summary>
    private sealed record RentedNumberDocument(
        PhoneNumber Number, PlivoNumber Description, DateTimeOffset AddedOn, string? Alias, string? AppId, string? SubAccount, string CnamLookup, string? Cnam,
        string? ComplianceApplicationId, bool Active);

    public void Placed(Order order, object? details)
    {
        if (order.Type != OrderType.Purchase)
        {
            return;
        }

        foreach (var number in order.Held)
        {
            var buy = details as BuyDetails;
            _numbers.Set(new RentedNumber
            {
                Number = number,
                Owner = order.Owner,
                Description = buy?.Description ?? Describe(number),
                AddedOn = order.CreatedAt,
                AppId = buy?.AppId,
                CnamLookup = buy?.CnamLookup ?? "disabled",
            });
        }
    }

    public void Settled(Order order)
    {
        foreach (var number in order.Type == OrderType.Purchase ? order.Held : order.Completed)
        {
            if (_numbers.Find(order.Owner, (order.Owner, number)) is not { } record)
            {
                continue;
            }

            if (order.Type == OrderType.Purchase && order.Completed.Contains(number))
            {
                lock (record)
                {
                    record.Active = true;
                }
            }
            else
            {
                _numbers.TryRemove(record);
            }
        }
    }

    /// <summary>The account's active numbers, newest first.</summary>
    public IReadOnlyList<RentedNumber> List(OwnerId owner)
    {
        _simulation.Orders.SettleDue(owner);
        return [.. _numbers.Of(owner).Where(n => n.Active).OrderByDescending(n => n.AddedOn).ThenBy(n => n.Number)];
    }

    public RentedNumber? Find(OwnerId owner, PhoneNumber number)
    {
        _simulation.Orders.SettleDue(owner);
        return _numbers.Find(owner, (owner, number)) is { Active: true } found ? found : null;
    }

    /// <summary>Adds an active number (provider states and fixtures).</summary>
    public void AddActive(OwnerId owner, PhoneNumber number, string? alias)
    {
        _numbers.Set(new RentedNumber
        {
            Number = number,
            Owner = owner,
            Description = Describe(number),
            AddedOn = _simulation.Clock.GetUtcNow(),
            Alias = alias,
            Active = true,
        });
    }

    public PlivoNumber Describe(PhoneNumber number) =>
        PlivoNumbers.Describe(_simulation.Inventory.Describe(number) ?? new NumberDetails(number, "US", NumberType.Local, "", "", null), null);
}
