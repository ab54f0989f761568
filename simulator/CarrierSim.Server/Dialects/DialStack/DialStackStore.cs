using System.Text.Json;
using CarrierSim.Core;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Core.Orders;

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
/// </summary>
internal sealed class DialStackStore : IOrderProjection
{
    private readonly Simulation _simulation;
    private readonly OwnedRecords<string, Did> _dids = new(d => d.Id, d => d.Owner, StringComparer.Ordinal);

    public DialStackStore(Simulation simulation)
    {
        _simulation = simulation;
        simulation.ResetRequested += _dids.Clear;
    }

    public void Forget(OwnerId owner) => _dids.Forget(owner);

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

    /// <summary>The owner's rows, newest first, after settling any due orders.</summary>
    public IReadOnlyList<Did> List(OwnerId owner)
    {
        _simulation.Orders.SettleDue(owner);
        return [.. _dids.Of(owner).OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id, StringComparer.Ordinal)];
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
