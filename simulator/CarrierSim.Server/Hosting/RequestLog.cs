using System.Collections.Concurrent;
using System.Globalization;
using CarrierSim.Server.Http;

namespace CarrierSim.Server.Hosting;

/// <summary>
/// Writes one log line per dialect request (category <see cref="Category"/>, level Information), fed by the
/// request journal rather than by middleware: the journal already measured the request. When the category is
/// off at start, it does not subscribe, so the request path does no work for it at all. When on, the request's
/// thread only appends the entry to a queue (no lock, no allocation beyond the queue's segment, and no wake-up
/// unless the writer is idle); one background loop wakes at most once per <see cref="BatchWindow"/> and writes
/// everything waiting. Under load that turns a thread wake-up per request into one per batch (a wake-up per
/// request cost 20–40 µs of CPU on the one core of a pinned server). Past <see cref="Capacity"/> waiting lines the
/// oldest are dropped rather than slowing requests, and the next batch says how many in one line.
/// </summary>
/// <remarks>
/// The host's default minimum level is Warning, so the log is off unless something enables the category
/// (<c>carrier-sim serve</c> does, unless <c>--quiet</c>; elsewhere <c>Logging__LogLevel__CarrierSim.Requests=Information</c>).
/// </remarks>
internal sealed partial class RequestLog(RequestJournal journal, ILoggerFactory loggers, IRequestLogText? text = null) : IHostedService, IDisposable
{
    /// <summary>The logger category of the request log.</summary>
    public const string Category = "CarrierSim.Requests";

    /// <summary>The most lines waiting to be written; past it the oldest are dropped (and counted).</summary>
    internal const int Capacity = 10_000;

    /// <summary>How long the writer lets a batch gather after the first entry of it: the most a line waits (tests lengthen it).</summary>
    internal TimeSpan BatchWindow { get; init; } = TimeSpan.FromMilliseconds(20);

    private readonly ILogger _logger = loggers.CreateLogger(Category);
    private readonly ConcurrentQueue<JournalEntry> _waiting = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _stop = new();

    private int _count;
    private int _awake;
    private long _dropped;
    private IDisposable? _subscription;
    private Task _writer = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Off (the default outside `serve`), the journal has no observer at all: nothing per request.
        // Log levels are read once, at start (the simulator does not reload its configuration).
        if (_logger.IsEnabled(LogLevel.Information))
        {
            _writer = Task.Run(WriteAllAsync, CancellationToken.None);
            _subscription = journal.Subscribe(Enqueue);
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();

        // The lines of requests already answered still print (bounded by the host's shutdown timeout).
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _subscription = null;
        if (!_stop.IsCancellationRequested)
        {
            _stop.Cancel();
        }
    }

    /// <summary>On the request's thread: queue the entry, and wake the writer only if it sleeps.</summary>
    private void Enqueue(JournalEntry entry)
    {
        _waiting.Enqueue(entry);
        if (Interlocked.Increment(ref _count) > Capacity && _waiting.TryDequeue(out _))
        {
            Interlocked.Decrement(ref _count);
            Interlocked.Increment(ref _dropped);
        }

        if (Volatile.Read(ref _awake) == 0 && Interlocked.Exchange(ref _awake, 1) == 0)
        {
            _wake.Release();
        }
    }

    private async Task WriteAllAsync()
    {
        var stopping = false;
        while (!stopping)
        {
            try
            {
                await _wake.WaitAsync(_stop.Token).ConfigureAwait(false);

                // Let the batch gather: under load the writer then wakes once per window, not once per request.
                await Task.Delay(BatchWindow, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                stopping = true;
            }

            // Entries queued after this point wake the writer again; those queued before it are written below.
            Volatile.Write(ref _awake, 0);
            WriteWaiting();
        }
    }

    private void WriteWaiting()
    {
        if (text is not null)
        {
            WriteWaitingAsText(text);
            return;
        }

        if (Interlocked.Exchange(ref _dropped, 0) is > 0 and var dropped)
        {
            Dropped(_logger, dropped, Capacity);
        }

        while (_waiting.TryDequeue(out var entry))
        {
            Interlocked.Decrement(ref _count);
            var (time, chaos, duration) = Fields(entry);

            // Status 0: the connection was dropped (chaos "drop"/"hang") before an answer.
            Request(_logger, time, entry.Dialect, entry.Operation, entry.Method, entry.Path, entry.Status, duration, chaos, entry.Account ?? "-");
        }
    }

    /// <summary>The whole batch as lines of text, handed over in one write (one system call rather than one per request).</summary>
    private void WriteWaitingAsText(IRequestLogText sink)
    {
        var lines = new System.Text.StringBuilder();
        if (Interlocked.Exchange(ref _dropped, 0) is > 0 and var dropped)
        {
            lines.Append(CultureInfo.InvariantCulture, $"{dropped} request lines dropped: more than {Capacity} were waiting to be written (GET /__admin/journal keeps the latest requests; serve --quiet turns this log off)").Append('\n');
        }

        while (_waiting.TryDequeue(out var entry))
        {
            Interlocked.Decrement(ref _count);
            lines.Append(Line(entry)).Append('\n');
        }

        if (lines.Length > 0)
        {
            sink.Write(lines.ToString());
        }
    }

    /// <summary>A request's line, as the log's message template writes it.</summary>
    internal static string Line(JournalEntry entry)
    {
        var (time, chaos, duration) = Fields(entry);
        return string.Create(CultureInfo.InvariantCulture, $"{time} {entry.Dialect} {entry.Operation} {entry.Method} {entry.Path} {entry.Status} {duration}ms chaos={chaos} account={entry.Account ?? "-"}");
    }

    private static (string Time, string Chaos, double DurationMs) Fields(JournalEntry entry) => (
        entry.At.UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture),
        entry.Injections.Count == 0 ? "-" : string.Join(',', entry.Injections),
        Math.Round(entry.DurationMs, 1));

    [LoggerMessage(EventId = 1, EventName = "Request", Level = LogLevel.Information,
        Message = "{Time} {Dialect} {Operation} {Method} {Path} {Status} {DurationMs}ms chaos={Chaos} account={Account}")]
    private static partial void Request(ILogger logger, string time, string dialect, string operation, string method, string path, int status, double durationMs, string chaos, string account);

    [LoggerMessage(EventId = 2, EventName = "RequestsDropped", Level = LogLevel.Information,
        Message = "{Dropped} request lines dropped: more than {Capacity} were waiting to be written (GET /__admin/journal keeps the latest requests; serve --quiet turns this log off)")]
    private static partial void Dropped(ILogger logger, long dropped, int capacity);
}

/// <summary>
/// Where the request log's lines go as plain text, a batch at a time (<c>carrier-sim serve</c>'s text format writes
/// them to standard output). Without one, the log goes through <see cref="ILogger"/>, a line per entry.
/// </summary>
internal interface IRequestLogText
{
    /// <summary>Writes lines, each ending in a line feed; called from one thread at a time.</summary>
    void Write(string lines);
}
