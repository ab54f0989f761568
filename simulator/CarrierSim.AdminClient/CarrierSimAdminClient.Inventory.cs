using System.Globalization;

namespace CarrierSim.AdminClient;

public sealed partial class CarrierSimAdminClient
{
    /// <summary>Reads the inventory's counters (<c>GET /__admin/inventory/stats</c>).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The counters.</returns>
    public Task<InventoryStats> GetInventoryStatsAsync(CancellationToken cancellationToken = default) =>
        GetAsync<InventoryStats>("__admin/inventory/stats", cancellationToken);

    /// <summary>Searches available numbers across all dialects (<c>GET /__admin/inventory/search</c>).</summary>
    /// <param name="query">The criteria.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The first matching available numbers.</returns>
    /// <exception cref="CarrierSimAdminException">400 when a criterion is malformed; the message says which.</exception>
    public Task<IReadOnlyList<InventoryNumber>> SearchInventoryAsync(InventoryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var path = "__admin/inventory/search" + Query(
            ("country", query.Country),
            ("type", query.Type),
            ("areaCode", query.AreaCode),
            ("npaNxx", query.NpaNxx),
            ("npaNxxX", query.NpaNxxX),
            ("zip", query.Zip),
            ("rateCenter", query.RateCenter),
            ("lata", query.Lata),
            ("state", query.State),
            ("city", query.City),
            ("startsWith", query.StartsWith),
            ("contains", query.Contains),
            ("endsWith", query.EndsWith),
            ("quantity", query.Quantity?.ToString(CultureInfo.InvariantCulture)));
        return GetAsync<IReadOnlyList<InventoryNumber>>(path, cancellationToken);
    }

    /// <summary>Reads one number, its state and owner (<c>GET /__admin/inventory/numbers/{number}</c>).</summary>
    /// <param name="phoneNumber">The number in E.164, e.g. <c>+19194601234</c>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The number's details.</returns>
    /// <exception cref="CarrierSimAdminException">400 when the number is malformed; 404 when it is not in the catalog.</exception>
    public Task<NumberDetails> GetNumberAsync(string phoneNumber, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(phoneNumber);
        return GetAsync<NumberDetails>("__admin/inventory/numbers/" + Segment(phoneNumber), cancellationToken);
    }

    /// <summary>Forces a number into a state (<c>PUT /__admin/inventory/numbers/{number}</c>), e.g. to make it taken before an order.</summary>
    /// <param name="phoneNumber">The number in E.164.</param>
    /// <param name="state">The state to force.</param>
    /// <param name="dialect">With <see cref="ForcedNumberState.Owned"/>: the owning tenant's dialect.</param>
    /// <param name="account">With <see cref="ForcedNumberState.Owned"/>: the owning tenant's id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The number in its new state.</returns>
    /// <exception cref="ArgumentException"><see cref="ForcedNumberState.Owned"/> without a dialect and an account.</exception>
    /// <exception cref="CarrierSimAdminException">400 when the number is malformed; 404 when it is not in the catalog.</exception>
    public Task<InventoryNumber> ForceNumberStateAsync(string phoneNumber, ForcedNumberState state, string? dialect = null, string? account = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(phoneNumber);
        if (state == ForcedNumberState.Owned && (string.IsNullOrWhiteSpace(dialect) || string.IsNullOrWhiteSpace(account)))
        {
            throw new ArgumentException("Forcing a number to Owned needs the owning tenant: pass its dialect and account id.", nameof(state));
        }

        var wire = state switch
        {
            ForcedNumberState.Available => "available",
            ForcedNumberState.Taken => "taken",
            ForcedNumberState.Owned => "owned",
            _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Choose Available, Taken or Owned."),
        };
        var body = new { state = wire, dialect, account };
        return SendAsync<InventoryNumber>(HttpMethod.Put, "__admin/inventory/numbers/" + Segment(phoneNumber), Json(body), cancellationToken);
    }
}
