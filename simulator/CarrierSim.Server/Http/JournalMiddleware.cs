using System.Diagnostics;
using CarrierSim.Core;
using CarrierSim.Core.Chaos;

namespace CarrierSim.Server.Http;

/// <summary>One request as the journal keeps it.</summary>
internal sealed record JournalEntry(
    long Id,
    DateTimeOffset At,
    string Dialect,
    string Operation,
    string Method,
    string Path,
    string Query,
    int Status,
    double DurationMs,
    string? Account,
    IReadOnlyList<string> Injections);

/// <summary>The request journal: a bounded ring buffer, newest last.</summary>
internal sealed class RequestJournal(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Queue<JournalEntry> _entries = new();
    private long _next;

    public int Capacity { get; } = capacity;

    private Action<JournalEntry>[] _observers = [];

    public long NextId() => Interlocked.Increment(ref _next);

    public void Add(JournalEntry entry)
    {
        lock (_gate)
        {
            _entries.Enqueue(entry);
            while (_entries.Count > Capacity)
            {
                _entries.Dequeue();
            }
        }

        foreach (var observer in Volatile.Read(ref _observers))
        {
            observer(entry);
        }
    }

    /// <summary>
    /// Calls <paramref name="observer"/> with every entry added from now on, on the request's thread, until the
    /// returned handle is disposed. Observers must be quick and must not throw (hand the entry to a channel).
    /// </summary>
    public IDisposable Subscribe(Action<JournalEntry> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        lock (_gate)
        {
            _observers = [.. _observers, observer];
        }

        return new Subscription(this, observer);
    }

    private void Unsubscribe(Action<JournalEntry> observer)
    {
        lock (_gate)
        {
            _observers = [.. _observers.Where(o => o != observer)];
        }
    }

    private sealed class Subscription(RequestJournal journal, Action<JournalEntry> observer) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                journal.Unsubscribe(observer);
            }
        }
    }

    public IReadOnlyList<JournalEntry> Snapshot()
    {
        lock (_gate)
        {
            return [.. _entries];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }
}

/// <summary>Records every request to a dialect in the journal, with the chaos injected into it.</summary>
internal sealed class JournalMiddleware(RequestDelegate next, RequestJournal journal, IEnumerable<IDialect> dialects, Simulation simulation)
{
    public const string InjectionsItem = "carriersim.injections";

    private readonly string[] _dialects = [.. dialects.Select(d => d.Name)];

    public async Task InvokeAsync(HttpContext context)
    {
        var dialect = Array.Find(_dialects, d => context.Request.Path.StartsWithSegments("/" + d));
        if (dialect is null)
        {
            await next(context);
            return;
        }

        var at = simulation.Clock.GetUtcNow();
        var watch = Stopwatch.StartNew();
        try
        {
            await next(context);
        }
        finally
        {
            var injections = context.Items.TryGetValue(InjectionsItem, out var list) && list is IReadOnlyList<Injection> made
                ? made.Select(i => $"{i.Rule}:{System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(i.Kind.ToString())}").ToList()
                : [];
            journal.Add(new JournalEntry(
                journal.NextId(),
                at,
                dialect,
                context.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? dialect + ".unknown",
                context.Request.Method,
                context.Request.Path.Value ?? "",
                context.Request.QueryString.Value ?? "",
                // A reset or a hang sends nothing: the client got no status, and the journal says so.
                context.Items.ContainsKey(DialectPipeline.NoResponseItem) || (context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted) ? 0 : context.Response.StatusCode,
                watch.Elapsed.TotalMilliseconds,
                context.Features.Get<DialectCaller>()?.Account.Id,
                injections));
        }
    }
}
