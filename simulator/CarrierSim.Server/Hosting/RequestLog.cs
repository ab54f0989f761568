using CarrierSim.Server.Http;

namespace CarrierSim.Server.Hosting;

/// <summary>
/// Writes one log line per dialect request (category <see cref="Category"/>, level Information), fed by the
/// request journal rather than by middleware: the journal already measured the request. When the category is
/// off at start, it does not subscribe, so the request path does no work for it at all. When on, the request's
/// thread only hands the entry to a bounded queue; formatting and writing happen on one background loop (under
/// load the console logger's formatting cost 40–90 µs of CPU per request on the request path). Past 10,000
/// waiting lines the oldest are dropped rather than slowing requests.
/// </summary>
/// <remarks>
/// The host's default minimum level is Warning, so the log is off unless something enables the category
/// (<c>carrier-sim serve</c> does, unless <c>--quiet</c>; elsewhere <c>Logging__LogLevel__CarrierSim.Requests=Information</c>).
/// </remarks>
internal sealed partial class RequestLog(RequestJournal journal, ILoggerFactory loggers) : IHostedService, IDisposable
{
    /// <summary>The logger category of the request log.</summary>
    public const string Category = "CarrierSim.Requests";

    private readonly ILogger _logger = loggers.CreateLogger(Category);
    private readonly System.Threading.Channels.Channel<JournalEntry> _queue = System.Threading.Channels.Channel.CreateBounded<JournalEntry>(
        new System.Threading.Channels.BoundedChannelOptions(10_000) { FullMode = System.Threading.Channels.BoundedChannelFullMode.DropOldest, SingleReader = true });

    private IDisposable? _subscription;
    private Task _writer = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Off (the default outside `serve`), the journal has no observer at all: nothing per request.
        // Log levels are read once, at start (the simulator does not reload its configuration).
        if (_logger.IsEnabled(LogLevel.Information))
        {
            _writer = Task.Run(WriteAllAsync, CancellationToken.None);
            _subscription = journal.Subscribe(entry => _queue.Writer.TryWrite(entry));
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
        _queue.Writer.TryComplete();
    }

    private async Task WriteAllAsync()
    {
        await foreach (var entry in _queue.Reader.ReadAllAsync())
        {
            Write(entry);
        }
    }

    private void Write(JournalEntry entry)
    {
        var time = entry.At.UtcDateTime.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);
        var chaos = entry.Injections.Count == 0 ? "-" : string.Join(',', entry.Injections);
        var duration = Math.Round(entry.DurationMs, 1);

        // Status 0: the connection was dropped (chaos "drop"/"hang") before an answer.
        Request(_logger, time, entry.Dialect, entry.Operation, entry.Method, entry.Path, entry.Status, duration, chaos, entry.Account ?? "-");
    }

    [LoggerMessage(EventId = 1, EventName = "Request", Level = LogLevel.Information,
        Message = "{Time} {Dialect} {Operation} {Method} {Path} {Status} {DurationMs}ms chaos={Chaos} account={Account}")]
    private static partial void Request(ILogger logger, string time, string dialect, string operation, string method, string path, int status, double durationMs, string chaos, string account);
}
