using CarrierSim.Server.Hosting;
using CarrierSim.Server.Http;
using Microsoft.Extensions.Logging;

namespace CarrierSim.Server.Tests.Hosting;

/// <summary>The request log's queue: every line in order, and past its capacity the oldest dropped and counted in one line.</summary>
public sealed class RequestLogBatchTests
{
    [Fact]
    public async Task StopAsync_MoreWaitingThanCapacity_WritesTheNewestInOrderAfterOneDroppedLine()
    {
        var journal = new RequestJournal(0);
        var lines = new CapturingProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(lines).SetMinimumLevel(LogLevel.Information));
        using var log = new RequestLog(journal, factory) { BatchWindow = TimeSpan.FromMinutes(10) };
        await log.StartAsync(TestContext.Current.CancellationToken);

        // The window keeps the writer asleep until StopAsync, so all of these wait in the queue together.
        var total = RequestLog.Capacity + 5;
        for (var id = 1; id <= total; id++)
        {
            journal.Add(Entry(id));
        }

        await log.StopAsync(TestContext.Current.CancellationToken);

        Assert.StartsWith("5 request lines dropped: more than 10000 were waiting", lines.Messages[0], StringComparison.Ordinal);
        var paths = lines.Messages.Skip(1).Select(m => m.Split(' ')[4]).ToList();
        Assert.Equal(Enumerable.Range(6, RequestLog.Capacity).Select(id => $"/dialstack/v1/numbers/{id}"), paths);
    }

    [Fact]
    public async Task Entry_OneRequest_IsWrittenWithinTheWindowAsOneLine()
    {
        var journal = new RequestJournal(0);
        var lines = new CapturingProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(lines).SetMinimumLevel(LogLevel.Information));
        using var log = new RequestLog(journal, factory);
        await log.StartAsync(TestContext.Current.CancellationToken);

        journal.Add(Entry(1));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (lines.Messages.Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        Assert.Equal("12:00:00.000 dialstack dialstack.getNumber GET /dialstack/v1/numbers/1 200 1.5ms chaos=- account=acct_x", Assert.Single(lines.Messages));
        await log.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task TextSink_ABatch_IsOneWriteOfTheLinesTheLoggerWouldWrite()
    {
        // The same entries through the logger (one message each) and through a text sink (one write per batch).
        JournalEntry[] entries =
        [
            Entry(1),
            Entry(2) with { Status = 0, DurationMs = 1234.56, Account = null, Injections = ["slow:latency", "cut:fault"] },
            Entry(3) with { DurationMs = 0.04, Query = "?a=1" },
        ];
        var logged = await WriteAsync(entries, sink: null);
        var sink = new CapturingText();
        var written = await WriteAsync(entries, sink);

        Assert.Empty(written);
        var batch = Assert.Single(sink.Writes);
        Assert.Equal(string.Concat(logged.Select(l => l + "\n")), batch);
    }

    [Fact]
    public async Task TextSink_MoreWaitingThanCapacity_StartsWithTheDroppedLineTheLoggerWouldWrite()
    {
        var entries = Enumerable.Range(1, RequestLog.Capacity + 3).Select(id => Entry(id)).ToArray();
        var logged = await WriteAsync(entries, sink: null);
        var sink = new CapturingText();
        await WriteAsync(entries, sink);

        var batch = Assert.Single(sink.Writes);
        Assert.StartsWith("3 request lines dropped", logged[0], StringComparison.Ordinal);
        Assert.Equal(string.Concat(logged.Select(l => l + "\n")), batch);
    }

    private static async Task<List<string>> WriteAsync(JournalEntry[] entries, CapturingText? sink)
    {
        var journal = new RequestJournal(0);
        var lines = new CapturingProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(lines).SetMinimumLevel(LogLevel.Information));
        using var log = new RequestLog(journal, factory, sink) { BatchWindow = TimeSpan.FromMinutes(10) };
        await log.StartAsync(TestContext.Current.CancellationToken);
        foreach (var entry in entries)
        {
            journal.Add(entry);
        }

        await log.StopAsync(TestContext.Current.CancellationToken);
        return lines.Messages;
    }

    private sealed class CapturingText : IRequestLogText
    {
        public List<string> Writes { get; } = [];

        public void Write(string lines) => Writes.Add(lines);
    }

    private static JournalEntry Entry(long id) => new(
        id, new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero), "dialstack", "dialstack.getNumber", "GET",
        $"/dialstack/v1/numbers/{id}", "", 200, 1.49, "acct_x", []);

    private sealed class CapturingProvider : ILoggerProvider, ILogger
    {
        private readonly List<string> _messages = [];

        public List<string> Messages
        {
            get
            {
                lock (_messages)
                {
                    return [.. _messages];
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_messages)
            {
                _messages.Add(formatter(state, exception));
            }
        }

        public void Dispose()
        {
        }
    }
}
