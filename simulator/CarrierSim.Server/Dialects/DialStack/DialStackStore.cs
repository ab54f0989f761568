using System.Text.Json;
using CarrierSim.Core;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Core.Orders;
using CarrierSim.Core.State;

namespace CarrierSim.Server.Dialects.DialStack;

/// <summary>A DialStack DID row: the account's record of a number.</summary>
internal sealed class Did
{
    public required string Id { get; init; }

    public required PhoneNumber Number { get; init; }

    public required OwnerId Owner { get; init; }

    public required string OrderId { get; init; }

    public string Status { get; set; } = "inactive";

    public bool OutboundEnabled { get; set; } = true;

    public bool FaxEnabled { get; set; }

    public JsonElement? Config { get; set; }

    public string? CallerIdName { get; set; }

    public string? CallerIdPrefix { get; set; }

    public string? CallerIdVisibility { get; set; }

    public string? DirectoryListingName { get; set; }

    public string? DirectoryListingType { get; set; }

    public string? DirectoryListingLocation { get; set; }

    public DateTimeOffset? DisconnectedAt { get; set; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Where inbound calls go: a TypeID such as <c>rg_…</c>, or null (ring every user on the account).</summary>
    public string? RoutingTarget { get; set; }
}

/// <summary>
/// DID rows per tenant, a projection of the order book: rows exist as soon as an order is placed
/// (inactive), become active when it completes and released when it fails or a disconnect
/// settles (vendor-apis.md §1.1). The order book calls both steps under the order's lock.
/// A row of a pending order stays <c>inactive</c>, never <c>pending</c>: DialStack's browser SDK
/// (phone-numbers.ts) recognises the pre-created row of an in-flight order by exactly that status.
/// The rows are each tenant's state for a shared store (<see cref="ITenantState"/>); nothing else is kept.
/// </summary>
internal sealed class DialStackStore : IOrderProjection, ITenantState
{
    private readonly Simulation _simulation;
    private readonly OwnedRecords<string, Did> _dids = new(d => d.Id, d => d.Owner, StringComparer.Ordinal);

    public DialStackStore(Simulation simulation)
    {
        _simulation = simulation;
        simulation.ResetRequested += _dids.Clear;
    }

    public string Name => DialStackDialect.Id;

    public void Forget(OwnerId owner) => _dids.Forget(owner);

    /// <summary>The owner's rows, every field, in id order; null when the owner has none.</summary>
    public byte[]? Export(OwnerId owner)
    {
        var rows = _dids.Of(owner);
        return rows.Count == 0 ? null : StateJson.Serialize(rows.Select(DidDocument.Of).OrderBy(d => d.Id, StringComparer.Ordinal).ToList());
    }

    /// <summary>Replaces the owner's rows with the stored ones (none for an empty state).</summary>
    public void Import(OwnerId owner, ReadOnlySpan<byte> state)
    {
        var documents = state.IsEmpty ? [] : StateJson.Deserialize<List<DidDocument>>(state);
        _dids.Forget(owner);
        foreach (var document in documents)
        {
            _dids.Set(document.ToDid(owner));
        }
    }

    public void Placed(Order order, object? details)
    {
        if (order.Type != OrderType.Purchase)
        {
            return;
        }

        foreach (var number in order.Held)
        {
            var did = new Did
            {
                Id = _simulation.Ids.Next("did_", 26),
                Number = number,
                Owner = order.Owner,
                OrderId = order.Id,
                CreatedAt = order.CreatedAt,
                UpdatedAt = order.CreatedAt,
            };
            _dids.Set(did);
        }
    }

    /// <summary>Adds an active row with a given id (provider states and fixtures); replaces a row of that id.</summary>
    public void AddActive(OwnerId owner, string id, PhoneNumber number)
    {
        var now = _simulation.Clock.GetUtcNow();
        _dids.Set(new Did { Id = id, Number = number, Owner = owner, OrderId = "", CreatedAt = now, UpdatedAt = now, Status = "active" });
    }

    /// <summary>Newest first; rows of one order (same time) by id, descending. Both never change once a row exists.</summary>
    private static readonly IComparer<Did> NewestFirst = Comparer<Did>.Create((a, b) =>
    {
        var byTime = b.CreatedAt.CompareTo(a.CreatedAt);
        return byTime != 0 ? byTime : string.CompareOrdinal(b.Id, a.Id);
    });

    /// <summary>The owner's rows, newest first, after settling any due orders. The list is shared: do not change it.</summary>
    public IReadOnlyList<Did> List(OwnerId owner)
    {
        _simulation.Orders.SettleDue(owner);
        return _dids.Sorted(owner, NewestFirst);
    }

    public Did? Find(OwnerId owner, string id)
    {
        _simulation.Orders.SettleDue(owner);
        return _dids.Find(owner, id);
    }

    /// <summary>The live (not released) row of a number on this account.</summary>
    public Did? FindLive(OwnerId owner, PhoneNumber number) =>
        List(owner).FirstOrDefault(d => d.Number == number && d.Status != "released");

    public void Settled(Order order)
    {
        var now = order.UpdatedAt;
        foreach (var did in _dids.Of(order.Owner))
        {
            lock (did)
            {
                if (order.Type == OrderType.Purchase && did.OrderId == order.Id)
                {
                    did.Status = order.Completed.Contains(did.Number) ? "active" : "released";
                    did.DisconnectedAt = did.Status == "released" ? now : null;
                    did.UpdatedAt = now;
                }
                else if (order.Type == OrderType.Disconnect && order.Completed.Contains(did.Number) && did.Status != "released")
                {
                    did.Status = "released";
                    did.DisconnectedAt = now;
                    did.UpdatedAt = now;
                }
            }
        }
    }
}

/// <summary>A DID row as a shared store keeps it; its owner is the tenant it is stored under.</summary>
internal sealed record DidDocument(
    string Id, PhoneNumber Number, string OrderId, string Status, bool OutboundEnabled, bool FaxEnabled, JsonElement? Config,
    string? CallerIdName, string? CallerIdPrefix, string? CallerIdVisibility, string? DirectoryListingName, string? DirectoryListingType,
    string? DirectoryListingLocation, DateTimeOffset? DisconnectedAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string? RoutingTarget)
{
    public static DidDocument Of(Did did)
    {
        lock (did)
        {
            return new(
                did.Id, did.Number, did.OrderId, did.Status, did.OutboundEnabled, did.FaxEnabled, did.Config,
                did.CallerIdName, did.CallerIdPrefix, did.CallerIdVisibility, did.DirectoryListingName, did.DirectoryListingType,
                did.DirectoryListingLocation, did.DisconnectedAt, did.CreatedAt, did.UpdatedAt, did.RoutingTarget);
        }
    }

    public Did ToDid(OwnerId owner) => new()
    {
        Id = Id,
        Number = Number,
        Owner = owner,
        OrderId = OrderId,
        Status = Status,
        OutboundEnabled = OutboundEnabled,
        FaxEnabled = FaxEnabled,
        Config = Config,
        CallerIdName = CallerIdName,
        CallerIdPrefix = CallerIdPrefix,
        CallerIdVisibility = CallerIdVisibility,
        DirectoryListingName = DirectoryListingName,
        DirectoryListingType = DirectoryListingType,
        DirectoryListingLocation = DirectoryListingLocation,
        DisconnectedAt = DisconnectedAt,
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
        RoutingTarget = RoutingTarget,
    };
}
