namespace CarrierSim.AdminClient;

public sealed partial class CarrierSimAdminClient
{
    /// <summary>Lists orders of every dialect and tenant (<c>GET /__admin/orders</c>).</summary>
    /// <param name="dialect">Only orders placed through this dialect.</param>
    /// <param name="status">Only orders in this status.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The orders, oldest first.</returns>
    public Task<IReadOnlyList<SimulatorOrder>> ListOrdersAsync(string? dialect = null, OrderStatus? status = null, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<SimulatorOrder>>("__admin/orders" + Query(("dialect", dialect), ("status", status is { } s ? StatusName(s) : null)), cancellationToken);

    /// <summary>Reads one order (<c>GET /__admin/orders/{id}</c>).</summary>
    /// <param name="id">The order id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The order.</returns>
    /// <exception cref="CarrierSimAdminException">404 when there is no such order.</exception>
    public Task<SimulatorOrder> GetOrderAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return GetAsync<SimulatorOrder>("__admin/orders/" + Segment(id), cancellationToken);
    }

    /// <summary>
    /// Forces a pending order to a terminal status now (<c>POST /__admin/orders/{id}/transition</c>),
    /// through the same transition table the clock uses.
    /// </summary>
    /// <param name="id">The order id.</param>
    /// <param name="to"><see cref="OrderStatus.Complete"/>, <see cref="OrderStatus.Partial"/> or <see cref="OrderStatus.Failed"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The order after the transition.</returns>
    /// <exception cref="CarrierSimAdminException">404 when there is no such order; 409 when the transition is illegal (e.g. the order is already terminal).</exception>
    public Task<SimulatorOrder> TransitionOrderAsync(string id, OrderStatus to, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return SendAsync<SimulatorOrder>(HttpMethod.Post, "__admin/orders/" + Segment(id) + "/transition", Json(new { status = StatusName(to) }), cancellationToken);
    }

    private static string StatusName(OrderStatus status) => status switch
    {
        OrderStatus.Pending => "pending",
        OrderStatus.Complete => "complete",
        OrderStatus.Partial => "partial",
        OrderStatus.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
