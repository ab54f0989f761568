using System.Collections.Concurrent;
using CarrierSim.Core.Chaos;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Core.Randomness;
using CarrierSim.Core.State;

namespace CarrierSim.Core.Orders;

/// <summary>Why an order could not be placed at all.</summary>
public enum PlaceFailure
{
    /// <summary>Placed: see <see cref="PlaceResult.Order"/>.</summary>
    None,

    /// <summary>All or nothing, and some numbers could not be had: see <see cref="PlaceResult.Rejected"/>.</summary>
    Unavailable,

    /// <summary>The payer's credit does not cover the numbers.</summary>
    InsufficientCredit,
}

/// <summary>The outcome of placing an order.</summary>
/// <param name="Order">The order, or null when nothing could be placed.</param>
/// <param name="Rejected">Numbers that could not be had at placement.</param>
/// <param name="Failure">Why nothing was placed; <see cref="PlaceFailure.None"/> when <paramref name="Order"/> is set.</param>
/// <param name="Cost">What the order costs the payer (charged when placed, refunded for numbers that fail).</param>
public sealed record PlaceResult(Order? Order, IReadOnlyList<Rejection> Rejected, PlaceFailure Failure = PlaceFailure.None, decimal Cost = 0m);

/// <summary>
/// A dialect's own records of orders and numbers (DIDs, virtual numbers…), kept in step with the
/// order book: both calls happen under the order's lock, in the same step as the order changes,
/// so no reader can see an order whose records are missing or stale.
/// </summary>
public interface IOrderProjection
{
    /// <summary>The order was placed; <paramref name="details"/> is what the dialect passed in <see cref="OrderRequest.Details"/>.</summary>
    void Placed(Order order, object? details);

    /// <summary>The order reached a terminal state.</summary>
    void Settled(Order order);

    /// <summary>The owner's tenant is deleted: drop every record of that owner.</summary>
    void Forget(OwnerId owner);
}

/// <summary>One purchase or release, as every dialect places it.</summary>
public sealed record OrderRequest
{
    public required OwnerId Owner { get; init; }

    /// <summary>The dialect placing the order; its projection is kept in step, and other dialects do not see the order.</summary>
    public required string Origin { get; init; }

    /// <summary>The prefix of the order id, e.g. <c>ord_</c>.</summary>
    public required string IdPrefix { get; init; }

    public required IReadOnlyList<PhoneNumber> Numbers { get; init; }

    public OrderType Type { get; init; } = OrderType.Purchase;

    /// <summary>Accept a partial fill; otherwise all or nothing.</summary>
    public bool PartialAllowed { get; init; }

    /// <summary>
    /// Settles in the same step as placement, for vendors whose purchases and releases are
    /// synchronous; otherwise the order stays pending until its due time.
    /// </summary>
    public bool Immediate { get; init; }

    /// <summary>The chaos decided for the request: fulfilment failures, partial fills, stuck orders.</summary>
    public ChaosDecision Chaos { get; init; } = ChaosDecision.None;

    /// <summary>The account charged <see cref="PricePerNumber"/> per number at placement; null for free orders.</summary>
    public Accounts.Account? Payer { get; init; }

    public decimal PricePerNumber { get; init; }

    /// <summary>Released numbers stay out of search for the quarantine period (true) or go straight back.</summary>
    public bool Quarantine { get; init; } = true;

    /// <summary>Whatever the origin's projection needs to build its records (labels, routing…).</summary>
    public object? Details { get; init; }

    /// <summary>
    /// Accepts an all-or-nothing purchase even when its numbers cannot all be had (or
    /// <see cref="Shortfall"/> is not zero): it is placed holding nothing and settles
    /// <see cref="OrderStatus.Failed"/> when due, as vendors that report unavailable numbers
    /// asynchronously do. False: such a purchase is refused at placement.
    /// </summary>
    public bool FailWhenDue { get; init; }

    /// <summary>
    /// How many numbers a quantity order asked for beyond those its search found: they count as
    /// failed when the order settles (partial when partial is allowed and some numbers were had).
    /// </summary>
    public int Shortfall { get; init; }
}

/// <summary>
/// The one order path: every purchase and release of every dialect is an order here. Places
/// orders against the inventory, charges and refunds credit, keeps each dialect's projection
/// in step, and moves orders along on the simulator clock. Every read settles due orders
/// first, so nobody sees a pending order after its due time.
/// </summary>
public sealed class OrderBook(NumberInventory inventory, TimeProvider time, OrderOptions options, IdGenerator ids)
{
    private readonly ConcurrentDictionary<string, Order> _orders = new(StringComparer.Ordinal);

    // Each owner's orders by id, so an owner's reads cost what the owner has, whatever other
    // tenants hold. Kept in step with _orders: written in the same step, under the order's lock.
    private readonly ConcurrentDictionary<OwnerId, ConcurrentDictionary<string, Order>> _byOwner = new();
    private readonly ConcurrentDictionary<string, IOrderProjection> _projections = new(StringComparer.Ordinal);

    /// <summary>Raised once when an order reaches a terminal state, after its projection is updated.</summary>
    public event Action<Order>? Settled;

    /// <summary>Keeps <paramref name="projection"/> in step with every order placed by <paramref name="origin"/>.</summary>
    public void Project(string origin, IOrderProjection projection)
    {
        _projections[origin] = projection;
        Projected?.Invoke(projection);
    }

    /// <summary>Raised when a projection is added (the simulation registers projections that are also state components).</summary>
    internal event Action<IOrderProjection>? Projected;

    /// <summary>
    /// Places an order. A purchase holds its numbers from now on (all or nothing unless partial
    /// is allowed) and charges the payer; a release takes the numbers the owner holds. The order
    /// and its projection appear together; an immediate order settles in the same step.
    /// </summary>
    public PlaceResult Place(OrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Type == OrderType.Disconnect ? PlaceRelease(request) : PlacePurchase(request);
    }

    /// <summary>Places an asynchronous purchase (DialStack style).</summary>
    public PlaceResult PlacePurchase(OwnerId owner, string origin, string idPrefix, IReadOnlyList<PhoneNumber> numbers, bool partialAllowed, ChaosDecision? chaos = null) =>
        Place(new OrderRequest { Owner = owner, Origin = origin, IdPrefix = idPrefix, Numbers = numbers, PartialAllowed = partialAllowed, Chaos = chaos ?? ChaosDecision.None });

    /// <summary>Places an asynchronous disconnect: the numbers the owner holds are released when it settles.</summary>
    public Order PlaceDisconnect(OwnerId owner, string origin, string idPrefix, IReadOnlyList<PhoneNumber> numbers) =>
        Place(new OrderRequest { Owner = owner, Origin = origin, IdPrefix = idPrefix, Numbers = numbers, Type = OrderType.Disconnect, PartialAllowed = true }).Order!;

    private PlaceResult PlacePurchase(OrderRequest request)
    {
        var numbers = request.Numbers;
        var cost = request.Payer is null ? 0m : request.PricePerNumber * numbers.Count;
        if (request.Payer is { } payer && payer.Credit < cost)
        {
            return new PlaceResult(null, [], PlaceFailure.InsufficientCredit, cost);
        }

        var result = inventory.Acquire(numbers, request.Owner, request.PartialAllowed ? AcquireMode.Available : AcquireMode.All);
        if (!request.PartialAllowed && (!result.IsComplete || request.Shortfall > 0))
        {
            if (!request.FailWhenDue)
            {
                foreach (var number in result.Acquired)
                {
                    inventory.Release(number, request.Owner, quarantine: false);
                }

                return new PlaceResult(null, result.Rejected, PlaceFailure.Unavailable, cost);
            }

            // Accepted now, failed when due: the order holds nothing, so nobody is kept from these numbers meanwhile.
            foreach (var number in result.Acquired)
            {
                inventory.Release(number, request.Owner, quarantine: false);
            }

            result = new AcquireResult([], result.Rejected);
        }

        var charged = request.Payer is null ? 0m : request.PricePerNumber * result.Acquired.Count;
        if (request.Payer is { } charge && !charge.TryCharge(charged))
        {
            // Another order spent the credit in between: undo the hold, as if it never happened.
            foreach (var number in result.Acquired)
            {
                inventory.Release(number, request.Owner, quarantine: false);
            }

            return new PlaceResult(null, [], PlaceFailure.InsufficientCredit, cost);
        }

        var now = time.GetUtcNow();
        var plan = FulfilmentPlan.From(request.Chaos, numbers, now, allowStuck: !request.Immediate);
        var order = new Order(ids.Next(request.IdPrefix), request.Owner, request.Origin, OrderType.Purchase, numbers, request.PartialAllowed, result.Acquired,
            [.. result.Rejected.Select(r => r.Number)], now, request.Immediate ? now : now + options.PendingFor, plan)
        {
            Payer = request.Payer,
            PricePerNumber = request.Payer is null ? 0m : request.PricePerNumber,
            Quarantine = request.Quarantine,
            Shortfall = Math.Max(0, request.Shortfall),
        };
        Publish(order, request);
        return new PlaceResult(order, result.Rejected, PlaceFailure.None, charged);
    }

    private PlaceResult PlaceRelease(OrderRequest request)
    {
        var now = time.GetUtcNow();
        var owned = request.Numbers.Where(n => inventory.GetStatus(n) == NumberStatus.OwnedBy(request.Owner)).ToList();
        var order = new Order(ids.Next(request.IdPrefix), request.Owner, request.Origin, OrderType.Disconnect, request.Numbers, partialAllowed: true, owned,
            [.. request.Numbers.Except(owned)], now, request.Immediate ? now : now + options.PendingFor, FulfilmentPlan.Normal)
        {
            Quarantine = request.Quarantine,
        };
        Publish(order, request);
        return new PlaceResult(order, []);
    }

    /// <summary>
    /// Builds the projection's records and makes the order visible in one step, under the
    /// order's lock: settlement (which takes the same lock, and can only find the order once it
    /// is visible) always finds the records it updates.
    /// </summary>
    private void Publish(Order order, OrderRequest request)
    {
        lock (order)
        {
            ProjectionOf(order)?.Placed(order, request.Details);
            Index(order);
            if (request.Immediate)
            {
                SettleIfDue(order);
            }
        }
    }

    private IOrderProjection? ProjectionOf(Order order) => _projections.GetValueOrDefault(order.Origin);

    /// <summary>Makes the order visible by id and in its owner's index; an order it replaces (same id, restored) leaves its owner's index.</summary>
    private void Index(Order order)
    {
        _byOwner.GetOrAdd(order.Owner, static _ => new ConcurrentDictionary<string, Order>(StringComparer.Ordinal))[order.Id] = order;
        _orders.AddOrUpdate(order.Id, order, (_, replaced) =>
        {
            if (replaced.Owner != order.Owner && _byOwner.TryGetValue(replaced.Owner, out var theirs))
            {
                theirs.TryRemove(new KeyValuePair<string, Order>(replaced.Id, replaced));
            }

            return order;
        });
    }

    private ICollection<Order> OrdersOf(OwnerId owner) =>
        _byOwner.TryGetValue(owner, out var orders) ? orders.Values : [];

    /// <summary>An order of this owner, settled if due; null for unknown ids and other owners' orders.</summary>
    public Order? Find(OwnerId owner, string id)
    {
        if (!_byOwner.TryGetValue(owner, out var orders) || !orders.TryGetValue(id, out var order))
        {
            return null;
        }

        SettleIfDue(order);
        return order;
    }

    /// <summary>Any order by id (control plane), settled if due.</summary>
    public Order? Find(string id)
    {
        if (_orders.TryGetValue(id, out var order))
        {
            SettleIfDue(order);
        }

        return order;
    }

    /// <summary>The owner's orders, newest first, each settled if due.</summary>
    public IReadOnlyList<Order> List(OwnerId? owner = null)
    {
        var orders = owner is { } one ? OrdersOf(one).ToList() : _orders.Values.ToList();
        orders.ForEach(SettleIfDue);
        return [.. orders.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id, StringComparer.Ordinal)];
    }

    /// <summary>Settles the owner's orders whose due time has passed; other owners' orders are not looked at.</summary>
    public void SettleDue(OwnerId owner)
    {
        foreach (var order in OrdersOf(owner))
        {
            SettleIfDue(order);
        }
    }

    /// <summary>Settles every order whose due time has passed.</summary>
    public void SettleDue()
    {
        foreach (var order in _orders.Values)
        {
            SettleIfDue(order);
        }
    }

    /// <summary>
    /// Creates a pending order with a given id, holding its numbers for the owner whatever their
    /// state (provider states and fixtures). It stays pending until forced, so a verifier sees
    /// the state it asked for however long it takes.
    /// </summary>
    public Order Restore(string id, OwnerId owner, string origin, IReadOnlyList<PhoneNumber> numbers)
    {
        foreach (var number in numbers)
        {
            inventory.Force(number, NumberStatus.OwnedBy(owner));
        }

        var now = time.GetUtcNow();
        var order = new Order(id, owner, origin, OrderType.Purchase, numbers, partialAllowed: true, numbers, [], now, now, new FulfilmentPlan { StuckForever = true });
        lock (order)
        {
            ProjectionOf(order)?.Placed(order, null);
            Index(order);
        }

        return order;
    }

    /// <summary>Ends a pending order with exactly these numbers completed and failed (control plane).</summary>
    /// <exception cref="IllegalOrderTransitionException">The order is not pending.</exception>
    public void ForceTransition(Order order, OrderStatus to, IReadOnlyList<PhoneNumber> completed, IReadOnlyList<PhoneNumber> failed, string? error)
    {
        ArgumentNullException.ThrowIfNull(order);
        lock (order)
        {
            OrderTransitions.Ensure(order, to);
            Settle(order, to, completed, failed, error);
        }
    }

    /// <summary>Forces a pending order to a terminal state now (control plane).</summary>
    /// <exception cref="IllegalOrderTransitionException">The order is not pending.</exception>
    public void ForceTransition(Order order, OrderStatus to)
    {
        ArgumentNullException.ThrowIfNull(order);
        lock (order)
        {
            OrderTransitions.Ensure(order, to);
            var held = order.Held;
            switch (to)
            {
                case OrderStatus.Complete:
                    Settle(order, OrderStatus.Complete, held, order.Rejected, null);
                    break;
                case OrderStatus.Failed:
                    Settle(order, OrderStatus.Failed, [], order.Requested, "The order was failed by the simulator's control plane.");
                    break;
                default:
                    var keep = held.Take(Math.Max(1, held.Count / 2)).ToList();
                    Settle(order, OrderStatus.Partial, keep, [.. order.Requested.Except(keep)], null);
                    break;
            }
        }
    }

    public void Reset()
    {
        _orders.Clear();
        _byOwner.Clear();
    }

    /// <summary>Each tenant's orders, for a shared store; <paramref name="payerOf"/> finds an imported order's payer by owner.</summary>
    public ITenantState State(Func<OwnerId, Accounts.Account?> payerOf) => new OrderState(this, payerOf);

    private sealed class OrderState(OrderBook book, Func<OwnerId, Accounts.Account?> payerOf) : ITenantState
    {
        public string Name => "orders";

        public byte[]? Export(OwnerId owner)
        {
            var orders = book.OrdersOf(owner);
            if (orders.Count == 0)
            {
                return null;
            }

            var documents = new List<OrderDocument>(orders.Count);
            foreach (var order in orders)
            {
                lock (order)
                {
                    documents.Add(OrderDocument.Of(order));
                }
            }

            return StateJson.Serialize(documents.OrderBy(d => d.Id, StringComparer.Ordinal).ToList());
        }

        public void Import(OwnerId owner, ReadOnlySpan<byte> state)
        {
            var documents = state.IsEmpty ? [] : StateJson.Deserialize<List<OrderDocument>>(state);
            if (book._byOwner.TryRemove(owner, out var old))
            {
                foreach (var order in old.Values)
                {
                    book._orders.TryRemove(new KeyValuePair<string, Order>(order.Id, order));
                }
            }

            foreach (var document in documents)
            {
                book.Index((document with { Owner = owner }).ToOrder(document.Payer is { } payer ? payerOf(new OwnerId(payer)) : null));
            }
        }
    }
    /// <summary>Whether the owner has any order, settled or not; costs what that owner has.</summary>
    public bool HasOrders(OwnerId owner) => _byOwner.TryGetValue(owner, out var orders) && !orders.IsEmpty;

    /// <summary>
    /// Forgets every order of the owner and every projection's records of that owner (the tenant
    /// is deleted). Each order leaves under its lock, so a concurrent settle either finishes first
    /// or finds nothing to settle.
    /// </summary>
    /// <returns>How many orders were forgotten.</returns>
    public int Forget(OwnerId owner)
    {
        var forgotten = 0;
        if (_byOwner.TryRemove(owner, out var orders))
        {
            foreach (var order in orders.Values)
            {
                lock (order)
                {
                    forgotten += _orders.TryRemove(new KeyValuePair<string, Order>(order.Id, order)) ? 1 : 0;
                }
            }
        }

        foreach (var projection in _projections.Values)
        {
            projection.Forget(owner);
        }

        return forgotten;
    }

    /// <summary>Every order, settled if due (control plane and invariant checks).</summary>
    public IReadOnlyList<Order> All()
    {
        SettleDue();
        return [.. _orders.Values];
    }

    private void SettleIfDue(Order order)
    {
        if (order.Status != OrderStatus.Pending)
        {
            return;
        }

        var now = time.GetUtcNow();
        var plan = order.Plan;
        if (plan.StuckForever || now < (plan.PendingUntil ?? order.DueAt))
        {
            return;
        }

        lock (order)
        {
            if (order.Status != OrderStatus.Pending)
            {
                return;
            }

            if (order.Type == OrderType.Disconnect)
            {
                Settle(order, order.Rejected.Count == 0 ? OrderStatus.Complete : OrderStatus.Partial, order.Held, order.Rejected, null);
                return;
            }

            var completed = order.Held.Except(plan.FailAtFulfilment).ToList();
            var failed = order.Requested.Except(completed).ToList();
            var status = failed.Count == 0 && order.Shortfall == 0 ? OrderStatus.Complete
                : completed.Count == 0 ? OrderStatus.Failed
                : order.PartialAllowed ? OrderStatus.Partial
                : OrderStatus.Failed;
            if (status == OrderStatus.Failed)
            {
                completed = [];
                failed = [.. order.Requested];
            }

            var error = status switch
            {
                OrderStatus.Failed => plan.FailureMessage ?? "No numbers could be acquired.",
                // DialStack's partial orders carry no error: failed_numbers says what did not fill.
                OrderStatus.Partial => plan.FailureMessage,
                _ => null,
            };
            Settle(order, status, completed, failed, error);
        }
    }

    private void Settle(Order order, OrderStatus status, IReadOnlyList<PhoneNumber> completed, IReadOnlyList<PhoneNumber> failed, string? error)
    {
        if (order.Type == OrderType.Disconnect)
        {
            foreach (var number in completed)
            {
                inventory.Release(number, order.Owner, order.Quarantine);
            }
        }
        else
        {
            // Held numbers that did not make it go straight back: the carrier never assigned them,
            // and the payer gets back what they cost.
            var notAssigned = order.Held.Except(completed).ToList();
            foreach (var number in notAssigned)
            {
                inventory.Release(number, order.Owner, quarantine: false);
            }

            if (order.Payer is { } payer && notAssigned.Count > 0)
            {
                payer.Refund(order.PricePerNumber * notAssigned.Count);
            }
        }

        order.Settle(status, completed, failed, error, time.GetUtcNow());
        ProjectionOf(order)?.Settled(order);
        Settled?.Invoke(order);
    }
}
