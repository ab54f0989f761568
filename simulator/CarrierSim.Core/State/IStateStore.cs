using CarrierSim.Core.Inventory;

namespace CarrierSim.Core.State;

/// <summary>One number's stored entry: what the inventory overlay keeps for a number whose state differs from the base.</summary>
public readonly record struct NumberEntry(ulong Digits, NumberState State, int Owner, long UntilTicks);

/// <summary>
/// The shared store could not write numbers now without waiting for another process's unfinished
/// change to them: the caller lets go of what it holds and tries again shortly.
/// </summary>
public sealed class StoreBusyException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A change to one number that applies only while its stored entry is still <see cref="Expected"/> (null: no entry yet).</summary>
public readonly record struct NumberWrite(NumberEntry? Expected, NumberEntry Next)
{
    public ulong Digits => Next.Digits;
}

/// <summary>
/// Where the simulation's changing state lives. The in-memory store (<see cref="InMemoryStateStore"/>)
/// is the default: the simulation's own objects are the state and nothing is written anywhere. A
/// shared store (PostgreSQL) is the authority that several processes agree through: numbers change
/// only by compare-and-set in it, tenants get the same owner id in every process, ids never collide.
/// </summary>
/// <remarks>
/// The rest of the state (orders, accounts, dialect records, chaos rules, the clock) is exported and
/// imported through <see cref="StateComponents"/> by whatever runs a shared store's units of work.
/// </remarks>
public interface IStateStore
{
    /// <summary>Whether other processes share this state; false for the in-memory store.</summary>
    bool IsShared { get; }

    /// <summary>Idempotency keys shared with the other processes; null when each process keeps its own (in memory).</summary>
    IIdempotencyKeys? Keys { get; }

    /// <summary>
    /// Writes number changes as one step: every write applies only if its number's stored entry is
    /// still the one expected. Returns false and writes nothing when any is not, with
    /// <paramref name="stored"/> holding what the store has for every number written (null: no entry).
    /// </summary>
    bool TryWriteNumbers(IReadOnlyList<NumberWrite> writes, out IReadOnlyList<KeyValuePair<ulong, NumberEntry?>> stored);

    /// <summary>What the store has for these numbers now (null: no entry), so a change starts from it rather than from a stale copy.</summary>
    IReadOnlyList<KeyValuePair<ulong, NumberEntry?>> ReadNumbers(IReadOnlyCollection<ulong> digits);

    /// <summary>The owner id of a tenant: the same in every process over this store, new for a tenant never seen.</summary>
    int OwnerOf(string dialect, string id, bool declared);

    /// <summary>The first of <paramref name="size"/> consecutive values of a counter no other process will use.</summary>
    long Reserve(string counter, int size);

    /// <summary>The tenant is deleted: a shared store forgets it and everything saved of it (its numbers are released through the inventory).</summary>
    void Forget(OwnerId owner);

    /// <summary>The simulation is reset: a shared store forgets every tenant, number and counter.</summary>
    void Reset();

    /// <summary>
    /// Starts a unit of work over one tenant's state (<paramref name="tenant"/>) or over the whole
    /// state (null): with a shared store, the state is brought up to date first, saved when the
    /// scope commits, and no other process changes it meanwhile. Null when there is nothing to do
    /// (the in-memory store).
    /// </summary>
    ValueTask<IStateScope?> BeginAsync(OwnerId? tenant, CancellationToken cancellationToken);
}

/// <summary>A unit of work over shared state: what it changed is saved by <see cref="CommitAsync"/>, and forgotten when disposed without it.</summary>
public interface IStateScope : IAsyncDisposable
{
    ValueTask CommitAsync(CancellationToken cancellationToken);
}

/// <summary>The default store: the simulation's objects are the state; nothing is shared or written.</summary>
public sealed class InMemoryStateStore : IStateStore
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _counters = new(StringComparer.Ordinal);
    private int _nextOwner;

    public bool IsShared => false;

    public IIdempotencyKeys? Keys => null;

    public bool TryWriteNumbers(IReadOnlyList<NumberWrite> writes, out IReadOnlyList<KeyValuePair<ulong, NumberEntry?>> stored)
    {
        stored = [];
        return true;
    }

    public IReadOnlyList<KeyValuePair<ulong, NumberEntry?>> ReadNumbers(IReadOnlyCollection<ulong> digits) => [];

    public int OwnerOf(string dialect, string id, bool declared) => Interlocked.Increment(ref _nextOwner);

    public long Reserve(string counter, int size) =>
        _counters.AddOrUpdate(counter, size, (_, last) => last + size) - size + 1;

    public void Forget(OwnerId owner)
    {
    }

    public void Reset()
    {
    }

    public ValueTask<IStateScope?> BeginAsync(OwnerId? tenant, CancellationToken cancellationToken) => ValueTask.FromResult<IStateScope?>(null);
}
