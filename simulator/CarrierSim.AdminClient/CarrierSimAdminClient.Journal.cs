using System.Globalization;

namespace CarrierSim.AdminClient;

public sealed partial class CarrierSimAdminClient
{
    /// <summary>Reads the request journal (<c>GET /__admin/journal</c>), newest last.</summary>
    /// <param name="dialect">Only requests to this dialect.</param>
    /// <param name="operation">Only requests to this operation, e.g. <c>dialstack.createOrder</c>.</param>
    /// <param name="status">Only requests answered with this status.</param>
    /// <param name="limit">At most this many of the newest (1–10000; the server's default is 100).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The journal's capacity and the matching entries.</returns>
    public Task<JournalPage> GetJournalAsync(string? dialect = null, string? operation = null, int? status = null, int? limit = null, CancellationToken cancellationToken = default) =>
        GetAsync<JournalPage>(
            "__admin/journal" + Query(
                ("dialect", dialect),
                ("operation", operation),
                ("status", status?.ToString(CultureInfo.InvariantCulture)),
                ("limit", limit?.ToString(CultureInfo.InvariantCulture))),
            cancellationToken);

    /// <summary>Empties the request journal (<c>DELETE /__admin/journal</c>).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the journal is empty.</returns>
    public Task ClearJournalAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, "__admin/journal", null, cancellationToken);
}
