using System.Globalization;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;

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

    /// <summary>
    /// Follows the request journal live (<c>GET /__admin/journal/stream</c>, server-sent events): first the kept
    /// entries after <paramref name="since"/> when it is given, then each new request as it is journaled, until
    /// <paramref name="cancellationToken"/> is cancelled or the simulator stops.
    /// </summary>
    /// <remarks>
    /// The stream stays open for as long as it is read: give this client an <see cref="HttpClient"/> whose
    /// <see cref="HttpClient.Timeout"/> does not cut it (<see cref="Timeout.InfiniteTimeSpan"/>), and stop by
    /// cancelling the token or leaving the <c>await foreach</c>.
    /// </remarks>
    /// <param name="dialect">Only requests to this dialect.</param>
    /// <param name="since">Also the kept entries whose <see cref="JournalEntry.Id"/> is greater than this; null for new requests only.</param>
    /// <param name="cancellationToken">Ends the stream.</param>
    /// <returns>The entries, oldest first.</returns>
    /// <exception cref="CarrierSimAdminException">The server refused the stream (a bad <paramref name="since"/>, a wrong admin token…).</exception>
    public async IAsyncEnumerable<JournalEntry> FollowJournalAsync(string? dialect = null, long? since = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var path = "__admin/journal/stream" + Query(("dialect", dialect), ("since", since?.ToString(CultureInfo.InvariantCulture)));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_root, path));
        request.Headers.Authorization = _authorization;
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new CarrierSimAdminException(response.StatusCode, ErrorOf(body), "GET", "/" + path, body);
        }

        using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var item in SseParser.Create(stream).EnumerateAsync(cancellationToken).ConfigureAwait(false))
        {
            // Comments (keep-alives) never reach here; other event types are for future use.
            if (item.EventType != "request")
            {
                continue;
            }

            JournalEntry? entry;
            try
            {
                entry = JsonSerializer.Deserialize<JournalEntry>(item.Data, JsonOptions);
            }
            catch (JsonException e)
            {
                throw new CarrierSimAdminException($"CarrierSim admin API: GET /{path} sent an event that is not a JournalEntry: {e.Message}", e);
            }

            if (entry is not null)
            {
                yield return entry;
            }
        }
    }
}
