using System.Net;
using System.Net.Sockets;

namespace CarrierSim.Contracts;

/// <summary>
/// The Pact engine sends state-change requests without any header of ours (custom headers go to the
/// provider only), so a state-change endpoint that needs credentials (the simulator's admin API off
/// loopback) cannot be called directly. This relay listens on 127.0.0.1, adds the headers and forwards.
/// </summary>
internal sealed class StateChangeRelay : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly HttpClient _client;
    private readonly Uri _target;
    private readonly IReadOnlyDictionary<string, string> _headers;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Func<Task<HttpListenerContext>> _accept;
    private readonly Task _loop;

    /// <summary>Starts relaying from <paramref name="listener"/> (started, at <paramref name="address"/>) to <paramref name="target"/>.</summary>
    /// <param name="listener">The listener, already started.</param>
    /// <param name="address">The listener's prefix, given to the engine.</param>
    /// <param name="target">The real state-change URL.</param>
    /// <param name="headers">Added to each relayed request.</param>
    /// <param name="timeout">For each relayed request.</param>
    /// <param name="accept">Waits for the next request; the listener's own by default, replaceable by tests.</param>
    internal StateChangeRelay(HttpListener listener, Uri address, Uri target, IReadOnlyDictionary<string, string> headers, TimeSpan timeout, Func<Task<HttpListenerContext>>? accept = null)
    {
        _listener = listener;
        Address = address;
        _target = target;
        _headers = headers;
        _client = new HttpClient { Timeout = timeout };
        _accept = accept ?? listener.GetContextAsync;
        _loop = Task.Run(AcceptAsync);
    }

    /// <summary>The URL to give the engine instead of the real state-change URL.</summary>
    public Uri Address { get; }

    public static StateChangeRelay Start(Uri target, IReadOnlyDictionary<string, string> headers, TimeSpan timeout)
    {
        for (var attempt = 0; ; attempt++)
        {
            var address = new Uri($"http://127.0.0.1:{FreePort()}/state-change/");
            var listener = new HttpListener();
            listener.Prefixes.Add(address.AbsoluteUri);
            try
            {
                listener.Start();
                return new StateChangeRelay(listener, address, target, headers, timeout);
            }
            catch (HttpListenerException) when (attempt < 3)
            {
                // The probed port was taken in the meantime: try another.
                listener.Close();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Close();
        await _loop.ConfigureAwait(false);
        _client.Dispose();
        _stopping.Dispose();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                // The stop token too, not only the listener: the managed HttpListener checks that it is open
                // before it queues a wait, outside the lock that Close() takes to fail the queued waits, so a
                // wait begun while the listener closes is never completed, and DisposeAsync would wait forever.
                context = await _accept().WaitAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (_stopping.IsCancellationRequested && ex is OperationCanceledException or ObjectDisposedException or HttpListenerException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => RelayAsync(context));
        }
    }

    private async Task RelayAsync(HttpListenerContext context)
    {
        try
        {
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body, _stopping.Token).ConfigureAwait(false);
            var target = new UriBuilder(_target) { Query = context.Request.Url?.Query.TrimStart('?') is { Length: > 0 } q ? q : _target.Query.TrimStart('?') }.Uri;
            using var request = new HttpRequestMessage(new HttpMethod(context.Request.HttpMethod), target);
            if (body.Length > 0)
            {
                request.Content = new ByteArrayContent(body.ToArray());
                if (context.Request.ContentType is { } contentType)
                {
                    request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
                }
            }

            foreach (var (name, value) in _headers)
            {
                request.Headers.Remove(name);
                request.Headers.TryAddWithoutValidation(name, value);
            }

            using var response = await _client.SendAsync(request, _stopping.Token).ConfigureAwait(false);
            var content = await response.Content.ReadAsByteArrayAsync(_stopping.Token).ConfigureAwait(false);
            context.Response.StatusCode = (int)response.StatusCode;
            if (response.Content.Headers.ContentType is { } responseType)
            {
                context.Response.ContentType = responseType.ToString();
            }

            await context.Response.OutputStream.WriteAsync(content, _stopping.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            // A 4xx, not a 5xx: the engine retries 5xx state-change answers for about two minutes.
            context.Response.StatusCode = (int)HttpStatusCode.BadRequest;
            var message = System.Text.Encoding.UTF8.GetBytes($"The state-change relay could not reach {_target}: {ex.Message}");
            await context.Response.OutputStream.WriteAsync(message).ConfigureAwait(false);
        }
        finally
        {
            // Also aborts the exchange if writing the answer failed.
            context.Response.Close();
        }
    }
}
