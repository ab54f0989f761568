namespace CarrierSim.Core.Orders;

/// <summary>The one table of legal order transitions: pending ends exactly once.</summary>
public static class OrderTransitions
{
    private static readonly Dictionary<OrderStatus, OrderStatus[]> Allowed = new()
    {
        [OrderStatus.Pending] = [OrderStatus.Complete, OrderStatus.Partial, OrderStatus.Failed],
        [OrderStatus.Complete] = [],
        [OrderStatus.Partial] = [],
        [OrderStatus.Failed] = [],
    };

    public static bool IsAllowed(OrderStatus from, OrderStatus to) => Allowed[from].Contains(to);

    public static bool IsTerminal(OrderStatus status) => Allowed[status].Length == 0;

    /// <exception cref="IllegalOrderTransitionException">The transition is not in the table.</exception>
    public static void Ensure(Order order, OrderStatus to)
    {
        if (!IsAllowed(order.Status, to))
        {
            throw new IllegalOrderTransitionException(order.Id, order.Status, to);
        }
    }
}

/// <summary>An order was asked to move to a state the transition table does not allow.</summary>
public sealed class IllegalOrderTransitionException(string orderId, OrderStatus from, OrderStatus to)
    : InvalidOperationException($"Order {orderId} cannot go from {from} to {to}: only pending orders change state, and only to complete, partial or failed.")
{
    public string OrderId { get; } = orderId;

    public OrderStatus From { get; } = from;

    public OrderStatus To { get; } = to;
}
