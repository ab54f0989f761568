using System.Collections.Concurrent;
using CarrierSim.Core.Chaos;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Core.Randomness;

namespace CarrierSim.Core.Orders;

/// <summary>The outcome of placing an order.</summary>
/// <param name="Order">The order, or null when nothing could be placed (all or nothing failed).</param>
/// <param name="Rejected">Numbers that could not be had at placement.</param>
public sealed record PlaceResult(Order? Order, IReadOnlyList<Rejection> Rejected);

/// <summary>
/// Places number orders against the inventory and moves them along on the simulator clock.
/// Every read settles due orders first, so nobody sees a pending order after its due time.
/// </summary>
public sealed class OrderBook(NumberInventory inventory, TimeProvider time, OrderOptions options, IdGenerator ids)
{
    private readonly ConcurrentDictionary<string, Order> _orders = new(StringComparer.Ordinal);

    /// <summary>Raised once when an order reaches a terminal state.</summary>
    public event Action<Order>? Settled;

    /// <summary>
    /// Places a purchase: all or nothing unless <paramref name="partialAllowed"/>. The numbers
    /// are held from now on; the order settles when the clock reaches its due time.
    /// </summary>
    public PlaceResult PlacePurchase(OwnerId owner, string origin, string idPrefix, IReadOnlyList<PhoneNumber> numbers, bool partialAllowed, FulfilmentPlan? plan = null)
    {
        plan ??= PlanFromChaos(numbers);
        var result = inventory.Acquire(numbers, owner, partialAllowed ? AcquireMode.Available : AcquireMode.All);
        if (!partialAllowed && !result.IsComplete)
        {
            return new PlaceResult(null, result.Rejected);
        }

        var now = time.GetUtcNow();
        var order = new Order(ids.Next(idPrefix), owner, origin, OrderType.Purchase, numbers, partialAllowed, result.Acquired,
            [.. result.Rejected.Select(r => r.Number)], now, now + options.PendingFor, plan ?? FulfilmentPlan.Normal);
        _orders[order.Id] = order;
        return new PlaceResult(order, result.Rejected);
    }

    /// <summary>Places a disconnect: the numbers the owner holds are released when it settles.</summary>
    public Order PlaceDisconnect(OwnerId owner, string origin, string idPrefix, IReadOnlyList<PhoneNumber> numbers)
    {
        var now = time.GetUtcNow();
        var owned = numbers.Where(n => inventory.GetStatus(n) == NumberStatus.OwnedBy(owner)).ToList();
        var order = new Order(ids.Next(idPrefix), owner, origin, OrderType.Disconnect, numbers, partialAllowed: true, owned,
            [.. numbers.Except(owned)], now, now + options.PendingFor, FulfilmentPlan.Normal);
        _orders[order.Id] = order;
        return order;
    }

    /// <summary>An order of this owner, settled if due; null for unknown ids and other owners' orders.</summary>
    public Order? Find(OwnerId owner, string id)
    {
        if (!_orders.TryGetValue(id, out var order) || order.Owner != owner)
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
        var orders = _orders.Values.Where(o => owner is null || o.Owner == owner).ToList();
        orders.ForEach(SettleIfDue);
        return [.. orders.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id, StringComparer.Ordinal)];
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
        _orders[id] = order;
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

    public void Reset() => _orders.Clear();

    /// <summary>The fulfilment plan the current request's chaos asks for (partial fill, failure, stuck).</summary>
    private FulfilmentPlan PlanFromChaos(IReadOnlyList<PhoneNumber> numbers)
    {
        if (ChaosScope.Current is not { } chaos)
        {
            return FulfilmentPlan.Normal;
        }

        var failing = new List<PhoneNumber>();
        if (chaos.FulfilmentFailure is not null)
        {
            failing.AddRange(numbers);
        }
        else if (chaos.FillRatio is { } ratio)
        {
            failing.AddRange(numbers.Skip((int)Math.Floor(ratio * numbers.Count)));
        }

        failing.AddRange(numbers.Where(n => chaos.FailNumbers.Contains(n.ToString())));
        return new FulfilmentPlan
        {
            FailAtFulfilment = [.. failing.Distinct()],
            FailureMessage = chaos.FulfilmentFailure,
            StuckForever = chaos.StuckFor == TimeSpan.MaxValue,
            PendingUntil = chaos.StuckFor is { } stuck && stuck != TimeSpan.MaxValue ? time.GetUtcNow() + stuck : null,
        };
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
            var status = failed.Count == 0 ? OrderStatus.Complete
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
                inventory.Release(number, order.Owner);
            }
        }
        else
        {
            // Held numbers that did not make it go straight back: the carrier never assigned them.
            foreach (var number in order.Held.Except(completed))
            {
                inventory.Release(number, order.Owner, quarantine: false);
            }
        }

        order.Settle(status, completed, failed, error, time.GetUtcNow());
        Settled?.Invoke(order);
    }
}
