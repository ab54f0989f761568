using System.Collections.Concurrent;
using System.Security.Cryptography;
using CarrierSim.Core.Time;
using CarrierSim.Server.Dialects;

namespace CarrierSim.Server.Http;

/// <summary>
/// Idempotency keys, for dialects that declare their header (<see cref="IDialect.IdempotencyHeader"/>):
/// a change (POST, PUT, PATCH, DELETE) repeated with the same key, the same credentials and the same
/// method, path and body gets the first answer again (status, headers, body) for 24 hours of
/// simulator time; the same key with a different request gets the vendor's 409. An answer lost to
/// chaos after the change was committed (<c>lostResponse</c>) is stored as the carrier produced it,
/// so a careful client's retry learns what happened. 5xx and 429 answers are not stored: the retry
/// runs again (a rate-limited request was turned away before anything ran, and keys keep only the
/// results of requests that ran, as with Stripe-style keys; a replayed 429 would refuse the retry forever).
/// </summary>
internal sealed class IdempotencyMiddleware
{
    /// <summary>How long a key is remembered, on the simulator clock.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>The most keys kept; the oldest are forgotten first beyond it.</summary>
    public const int Capacity = 100_000;

    /// <summary>Set by the chaos pipeline: the answer the handler produced before chaos lost it.</summary>
    public const string CommittedAnswerItem = "CarrierSim.CommittedAnswer";

    private static readonly string[] ReplayedHeaders = ["Content-Type", "Location", "X-Request-Id"];

    private readonly RequestDelegate _next;
    private readonly SimulatorClock _clock;
    private readonly IDialect[] _dialects;
    private readonly Dictionary<string, string[]> _credentialHeaders;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly CarrierSim.Core.State.IIdempotencyKeys? _shared;

    public IdempotencyMiddleware(RequestDelegate next, IEnumerable<IDialect> dialects, CarrierSim.Core.Simulation simulation)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        _next = next;
        _clock = simulation.Clock;
        _shared = simulation.Store.Keys;
        _dialects = [.. dialects.Where(d => d.IdempotencyHeader is not null)];
        _credentialHeaders = _dialects.ToDictionary(d => d.Name, d => DialectRegistry.Find(d.Name)?.Credentials(null, null).Keys.ToArray() ?? []);
        simulation.ResetRequested += _entries.Clear;
    }

    public Task InvokeAsync(HttpContext context)
    {
        // The dialect the gate in front of routing found (DialectGateMiddleware), when it takes keys.
        var dialect = _dialects.Length == 0 || HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            ? null
            : DialectGateMiddleware.DialectOf(context) is { IdempotencyHeader: not null } found ? found : null;
        var key = dialect is null ? "" : context.Request.Headers[dialect.IdempotencyHeader!].ToString();

        // Most requests carry no key: they pass straight through, without a state machine of this method's own.
        return dialect is null || key.Length == 0 ? _next(context) : InvokeWithKeyAsync(context, dialect, key);
    }

    private async Task InvokeWithKeyAsync(HttpContext context, IDialect dialect, string key)
    {

        if (key.Length > 255)
        {
            await dialect.Error(context, StatusCodes.Status400BadRequest, $"{dialect.IdempotencyHeader} is {key.Length} characters long; use at most 255 (a UUID is usual).").ExecuteAsync(context);
            return;
        }

        context.Request.EnableBuffering();
        string fingerprint;
        try
        {
            fingerprint = await FingerprintAsync(context);
        }
        catch (BadHttpRequestException)
        {
            // A broken or stalled body: the request cannot be repeated exactly, so it is not remembered;
            // the body reader answers it in the vendor's envelope.
            await _next(context);
            return;
        }

        var scope = Scope(context, dialect, key);
        if (_shared is not null)
        {
            await InvokeSharedAsync(context, dialect, key, scope, fingerprint, _shared);
            return;
        }

        Entry entry;
        while (true)
        {
            var now = _clock.GetUtcNow();
            var fresh = new Entry(fingerprint, now + Lifetime);
            entry = _entries.AddOrUpdate(scope, fresh, (_, old) => old.Expires <= now ? fresh : old);
            if (ReferenceEquals(entry, fresh))
            {
                Trim(now);
                break;
            }

            // Another request with this key came first: replay its answer, or, when it kept none (a 5xx, a 429,
            // no response), go round again and run this one as if it were the first.
            if (await ReplayAsync(context, dialect, key, entry, fingerprint))
            {
                return;
            }
        }

        var original = context.Response.Body;
        using var copy = new MemoryStream();
        context.Response.Body = new TeeStream(original, copy);
        try
        {
            await _next(context);
        }
        catch
        {
            _entries.TryRemove(new KeyValuePair<string, Entry>(scope, entry));
            entry.Abandon();
            throw;
        }
        finally
        {
            context.Response.Body = original;
        }

        if (await KeptAsync(context, copy) is { } kept)
        {
            entry.Complete(kept);
        }
        else
        {
            _entries.TryRemove(new KeyValuePair<string, Entry>(scope, entry));
            entry.Abandon();
        }
    }

    /// <summary>The answer a key keeps: what the carrier produced, even when chaos lost it on the way; null when nothing is kept.</summary>
    private static async Task<Answer?> KeptAsync(HttpContext context, MemoryStream copy)
    {
        if (context.Items.TryGetValue(CommittedAnswerItem, out var committed) && committed is IResult answer)
        {
            return await CaptureAsync(context, answer);
        }

        // A fault that answered nothing (a reset, a hang) ran nothing: there is nothing to remember. The
        // pipeline's flag tells it, as RequestAborted cannot: Kestrel cancels it only after Abort returns.
        return !context.Items.ContainsKey(DialectPipeline.NoResponseItem)
            && context.Response.StatusCode is < 500 and not StatusCodes.Status429TooManyRequests
            && !context.RequestAborted.IsCancellationRequested
            ? new Answer(context.Response.StatusCode, Headers(context.Response.Headers), copy.ToArray())
            : null;
    }

    /// <summary>
    /// The same rules with the keys in a shared store, so a retry that reaches another replica gets the
    /// first answer: the first request claims the key in the store; another with the same key waits for
    /// its answer (polling, at most 30 s), gets the vendor's 409 for a different request, or runs when
    /// the first kept nothing. A claim whose replica died lapses after a minute.
    /// </summary>
    private async Task InvokeSharedAsync(HttpContext context, IDialect dialect, string key, string scope, string fingerprint, CarrierSim.Core.State.IIdempotencyKeys keys)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var now = _clock.GetUtcNow();
            var claim = await keys.ClaimAsync(scope, fingerprint, now, now + Lifetime, context.RequestAborted);
            if (claim is null)
            {
                continue;
            }

            if (claim.Claimed)
            {
                break;
            }

            if (claim.Fingerprint != fingerprint)
            {
                await dialect.Error(context, StatusCodes.Status409Conflict, DifferentRequest(dialect, key)).ExecuteAsync(context);
                return;
            }

            if (claim.Answer is { } stored)
            {
                await WriteAsync(context, System.Text.Json.JsonSerializer.Deserialize<StoredAnswer>(stored)!.ToAnswer());
                return;
            }

            if (waited.Elapsed > TimeSpan.FromSeconds(30))
            {
                await dialect.Error(context, StatusCodes.Status409Conflict, StillRunning(dialect, key)).ExecuteAsync(context);
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), context.RequestAborted);
        }

        var original = context.Response.Body;
        using var copy = new MemoryStream();
        context.Response.Body = new TeeStream(original, copy);
        try
        {
            await _next(context);
        }
        catch
        {
            await keys.AbandonAsync(scope, CancellationToken.None);
            throw;
        }
        finally
        {
            context.Response.Body = original;
        }

        if (await KeptAsync(context, copy) is { } kept)
        {
            await keys.CompleteAsync(scope, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(StoredAnswer.Of(kept)), CancellationToken.None);
        }
        else
        {
            await keys.AbandonAsync(scope, CancellationToken.None);
        }
    }

    private static string DifferentRequest(IDialect dialect, string key) =>
        $"{dialect.IdempotencyHeader} '{key}' was already used for a different request (method, path or body); send a new key for a new request, or repeat the first request exactly.";

    private static string StillRunning(IDialect dialect, string key) =>
        $"A request with {dialect.IdempotencyHeader} '{key}' is still being processed; retry in a moment.";

    private static async Task WriteAsync(HttpContext context, Answer answer)
    {
        context.Response.StatusCode = answer.Status;
        foreach (var (name, value) in answer.Headers)
        {
            context.Response.Headers[name] = value;
        }

        context.Response.Headers["Idempotent-Replayed"] = "true";
        await context.Response.Body.WriteAsync(answer.Body, context.RequestAborted);
    }

    /// <summary>An answer as a shared store keeps it.</summary>
    private sealed record StoredAnswer(int Status, string[][] Headers, byte[] Body)
    {
        public static StoredAnswer Of(Answer answer) => new(answer.Status, [.. answer.Headers.Select(h => new[] { h.Name, h.Value })], answer.Body);

        public Answer ToAnswer() => new(Status, [.. Headers.Select(h => (h[0], h[1]))], Body);
    }

    /// <summary>Answers with the first request's answer, or a 409; false when that request kept no answer and this one should run.</summary>
    private static async Task<bool> ReplayAsync(HttpContext context, IDialect dialect, string key, Entry entry, string fingerprint)
    {
        if (entry.Fingerprint != fingerprint)
        {
            await dialect.Error(context, StatusCodes.Status409Conflict, DifferentRequest(dialect, key)).ExecuteAsync(context);
            return true;
        }

        Answer? answer;
        try
        {
            answer = await entry.Answer.WaitAsync(TimeSpan.FromSeconds(30), context.RequestAborted).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The first request is still running (e.g. held by a latency rule): the vendor's conflict, retryable.
            await dialect.Error(context, StatusCodes.Status409Conflict, StillRunning(dialect, key)).ExecuteAsync(context);
            return true;
        }

        if (answer is null)
        {
            return false;
        }

        await WriteAsync(context, answer);
        return true;
    }

    /// <summary>Runs the answer chaos discarded against a scratch response, to keep what the carrier would have sent.</summary>
    private static async Task<Answer> CaptureAsync(HttpContext context, IResult answer)
    {
        var scratch = new DefaultHttpContext { RequestServices = context.RequestServices };
        using var body = new MemoryStream();
        scratch.Response.Body = body;
        foreach (var name in ReplayedHeaders.Where(n => context.Response.Headers.ContainsKey(n)))
        {
            scratch.Response.Headers[name] = context.Response.Headers[name];
        }

        await answer.ExecuteAsync(scratch);
        return new Answer(scratch.Response.StatusCode, Headers(scratch.Response.Headers), body.ToArray());
    }

    private static List<(string, string)> Headers(IHeaderDictionary headers) =>
        [.. ReplayedHeaders.Where(headers.ContainsKey).Select(name => (name, headers[name].ToString()))];

    private static async Task<string> FingerprintAsync(HttpContext context)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}\n"));
        var buffer = new byte[8192];
        int read;
        var total = 0;
        while (total <= RequestReader.MaxBodyBytes && (read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            total += read;
        }

        context.Request.Body.Position = 0;
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    /// <summary>Keys belong to the credentials that sent them: the dialect's credential headers, as sent.</summary>
    private string Scope(HttpContext context, IDialect dialect, string key)
    {
        var names = _credentialHeaders[dialect.Name];
        var credentials = string.Join('\n', names.Select(n => context.Request.Headers[n].ToString()));
        return $"{dialect.Name}\n{Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(credentials)))}\n{key}";
    }

    private void Trim(DateTimeOffset now)
    {
        if (_entries.Count <= Capacity)
        {
            return;
        }

        foreach (var (scope, entry) in _entries.Where(p => p.Value.Expires <= now).ToList())
        {
            _entries.TryRemove(new KeyValuePair<string, Entry>(scope, entry));
        }

        foreach (var (scope, entry) in _entries.OrderBy(p => p.Value.Expires).Take(_entries.Count - Capacity).ToList())
        {
            _entries.TryRemove(new KeyValuePair<string, Entry>(scope, entry));
        }
    }

    private sealed record Answer(int Status, List<(string Name, string Value)> Headers, byte[] Body);

    private sealed class Entry(string fingerprint, DateTimeOffset expires)
    {
        private readonly TaskCompletionSource<Answer?> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Fingerprint { get; } = fingerprint;

        public DateTimeOffset Expires { get; } = expires;

        public Task<Answer?> Answer => _answer.Task;

        public void Complete(Answer answer) => _answer.TrySetResult(answer);

        public void Abandon() => _answer.TrySetResult(null);
    }

    /// <summary>Writes to the client and keeps a copy.</summary>
    private sealed class TeeStream(Stream inner, MemoryStream copy) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            copy.Write(buffer, offset, count);
            inner.Write(buffer, offset, count);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            copy.Write(buffer.Span);
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
