using System.Text.Json.Nodes;

namespace CarrierSim.AdminClient;

public sealed partial class CarrierSimAdminClient
{
    /// <summary>
    /// Simulates an inbound message to an owned AgentMessage number: the simulator POSTs it to the
    /// number's <c>inbound_url</c> (<c>POST /__admin/callbacks/inbound</c>).
    /// </summary>
    /// <param name="message">The number and message.</param>
    /// <param name="wait">Whether to answer after every attempt (true) or at once (false).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The delivery, with its attempts when <paramref name="wait"/> is true.</returns>
    /// <exception cref="CarrierSimAdminException">400 when the message is invalid; 404 when the number is not an owned AgentMessage number or has no <c>inbound_url</c>.</exception>
    public Task<CallbackDelivery> SimulateInboundMessageAsync(CallbackMessage message, bool wait = true, CancellationToken cancellationToken = default) =>
        SimulateAsync("inbound", message, wait, cancellationToken);

    /// <summary>
    /// Simulates a delivery status for an owned AgentMessage number: the simulator POSTs it to the
    /// number's <c>status_url</c> (<c>POST /__admin/callbacks/status</c>).
    /// </summary>
    /// <param name="message">The number and <see cref="CallbackMessage.Status"/>.</param>
    /// <param name="wait">Whether to answer after every attempt (true) or at once (false).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The delivery, with its attempts when <paramref name="wait"/> is true.</returns>
    /// <exception cref="CarrierSimAdminException">400 when the status is unknown; 404 when the number is not an owned AgentMessage number or has no <c>status_url</c>.</exception>
    public Task<CallbackDelivery> SimulateMessageStatusAsync(CallbackMessage message, bool wait = true, CancellationToken cancellationToken = default) =>
        SimulateAsync("status", message, wait, cancellationToken);

    /// <summary>Lists recorded callback deliveries, oldest first (<c>GET /__admin/callbacks/deliveries</c>).</summary>
    /// <param name="number">Only deliveries for this E.164 number.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The deliveries.</returns>
    public Task<IReadOnlyList<CallbackDelivery>> ListCallbackDeliveriesAsync(string? number = null, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<CallbackDelivery>>("__admin/callbacks/deliveries" + Query(("number", number)), cancellationToken);

    /// <summary>Forgets every recorded callback delivery (<c>DELETE /__admin/callbacks/deliveries</c>).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the record is empty.</returns>
    public Task ClearCallbackDeliveriesAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, "__admin/callbacks/deliveries", null, cancellationToken);

    /// <summary>
    /// Sets up a Pact provider state (<c>POST /__admin/provider-states</c>), as a Pact verifier
    /// does before an interaction.
    /// </summary>
    /// <param name="state">The state's name, as the pact file writes it.</param>
    /// <param name="parameters">The state's parameters, if any.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the state is set up.</returns>
    /// <exception cref="CarrierSimAdminException">400 when the state is unknown (the message lists the known ones) or cannot be set up.</exception>
    public Task SetUpProviderStateAsync(string state, JsonObject? parameters = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        return SendAsync(HttpMethod.Post, "__admin/provider-states", Json(new { action = "setup", state, @params = parameters ?? [] }), cancellationToken);
    }

    /// <summary>Tears down a Pact provider state (<c>POST /__admin/provider-states</c> with <c>action: teardown</c>); a no-op today.</summary>
    /// <param name="state">The state's name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the server has answered.</returns>
    public Task TearDownProviderStateAsync(string state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        return SendAsync(HttpMethod.Post, "__admin/provider-states", Json(new { action = "teardown", state }), cancellationToken);
    }

    private Task<CallbackDelivery> SimulateAsync(string kind, CallbackMessage message, bool wait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return SendAsync<CallbackDelivery>(HttpMethod.Post, $"__admin/callbacks/{kind}" + Query(("wait", wait ? "true" : "false")), Json(message), cancellationToken);
    }
}
