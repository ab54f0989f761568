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

/// <summary>
/// The request journal: a bounded ring buffer, newest last. Adding takes no lock and copies
/// nothing: an entry goes to the slot of its id (ids are handed out in order), so the hot path
/// costs one interlocked increment and one compare-and-swap; readers (the admin API) pay for the ordering.
/// </summary>
internal sealed class RequestJournal
{
    private readonly JournalEntry?[] _slots;
    private long _next;

    /// <param name="capacity">The most entries kept; 0 (or less) keeps none.</param>
    public RequestJournal(int capacity)
    {
        Capacity = capacity;
        _slots = new JournalEntry?[Math.Max(capacity, 0)];
    }

    public int Capacity { get; }

    // Subscribing is rare (a dashboard, a follower): copy-on-write under a lock, read without one.
    private readonly Lock _gate = new();
    private Action<JournalEntry>[] _observers = [];

    public long NextId() => Interlocked.Increment(ref _next);

    public void Add(JournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Keep(entry);
        foreach (var observer in Volatile.Read(ref _observers))
        {
            observer(entry);
        }
    }

    private void Keep(JournalEntry entry)
    {
        if (_slots.Length == 0)
        {
            return;
        }

        ref var slot = ref _slots[(int)((ulong)entry.Id % (ulong)_slots.Length)];
        var current = Volatile.Read(ref slot);

        // A newer entry already in the slot (its request finished first) stays: this one is older than every entry kept.
        while (current is null || current.Id < entry.Id)
        {
            var seen = Interlocked.CompareExchange(ref slot, entry, current);
            if (ReferenceEquals(seen, current))
            {
                return;
            }

            current = seen;
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
        var last = Volatile.Read(ref _next);
        var entries = new List<JournalEntry>(_slots.Length);
        for (var id = Math.Max(1, last - _slots.Length + 1); id <= last && _slots.Length > 0; id++)
        {
            // Skips ids whose request is still being recorded, and slots a newer entry has taken.
            if (Volatile.Read(ref _slots[(int)((ulong)id % (ulong)_slots.Length)]) is { } entry && entry.Id == id)
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    public void Clear()
    {
        for (var i = 0; i < _slots.Length; i++)
        {
            Volatile.Write(ref _slots[i], null);
        }
    }
}
