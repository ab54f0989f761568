using CarrierSim.Server.Http;

namespace CarrierSim.Server.Hosting;

/// <summary>
/// Writes one log line per dialect request (category <see cref="Category"/>, level Information), fed by the
/// request journal rather than by middleware: the journal already measured the request. When the category is
/// off at start, it does not subscribe, so the request path does no work for it at all.
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
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Off (the default outside `serve`), the journal has no observer at all: nothing per request.
        // Log levels are read once, at start (the simulator does not reload its configuration).
        if (_logger.IsEnabled(LogLevel.Information))
        {
            _subscription = journal.Subscribe(Write);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _subscription = null;
    }

    private void Write(JournalEntry entry)
    {
        if (!_logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

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
