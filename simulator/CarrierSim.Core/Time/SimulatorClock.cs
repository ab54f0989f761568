using CarrierSim.Core.State;

namespace CarrierSim.Core.Time;

/// <summary>
/// The simulator's clock: real time (or any inner <see cref="TimeProvider"/>) shifted by an
/// offset that the control plane can advance, and optionally frozen. Orders and quarantines
/// progress on it.
/// </summary>
public sealed class SimulatorClock(TimeProvider inner) : TimeProvider
{
    // Writers (advance, freeze, reset: rare) replace the state under the lock; readers (every request)
    // read it once without one.
    private readonly Lock _gate = new();
    private volatile State _state = new(TimeSpan.Zero, null);

    private sealed record State(TimeSpan Offset, DateTimeOffset? FrozenAt);

    public bool IsFrozen => _state.FrozenAt is not null;

    public override DateTimeOffset GetUtcNow()
    {
        var state = _state;
        return state.FrozenAt ?? inner.GetUtcNow() + state.Offset;
    }

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>The most one advance may move the clock: 100 years.</summary>
    public static readonly TimeSpan MaxAdvance = TimeSpan.FromDays(36_525);

    /// <summary>The clock never reads later than this, so that every date computed from it stays representable.</summary>
    public static readonly DateTimeOffset Latest = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Moves the clock forward; a frozen clock stays frozen at the new time. Atomic: a refused
    /// advance changes nothing.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The duration is negative (the clock never goes back), longer than <see cref="MaxAdvance"/>,
    /// or would take the clock past <see cref="Latest"/>.
    /// </exception>
    public DateTimeOffset Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(by, MaxAdvance);
        lock (_gate)
        {
            var state = _state;
            var now = state.FrozenAt ?? inner.GetUtcNow() + state.Offset;
            if (Latest - now < by)
            {
                throw new ArgumentOutOfRangeException(nameof(by), by, $"advancing by {by} would take the clock past {Latest:yyyy-MM-dd}; reset the simulator first.");
            }

            _state = state.FrozenAt is { } frozen ? state with { FrozenAt = frozen + by } : state with { Offset = state.Offset + by };
            return now + by;
        }
    }

    public DateTimeOffset Freeze()
    {
        lock (_gate)
        {
            var state = _state;
            if (state.FrozenAt is { } frozen)
            {
                return frozen;
            }

            var at = inner.GetUtcNow() + state.Offset;
            _state = state with { FrozenAt = at };
            return at;
        }
    }

    /// <summary>Lets time run again from where it was frozen.</summary>
    public DateTimeOffset Unfreeze()
    {
        lock (_gate)
        {
            var state = _state;
            if (state.FrozenAt is { } frozen)
            {
                state = new State(frozen - inner.GetUtcNow(), null);
                _state = state;
            }

            return inner.GetUtcNow() + state.Offset;
        }
    }

    /// <summary>The offset and freeze, for a shared store: every process over it reads the same simulator time.</summary>
    public ISharedState SharedState => new ClockState(this);

    private sealed record ClockDocument(long OffsetTicks, DateTimeOffset? FrozenAt);

    private sealed class ClockState(SimulatorClock clock) : ISharedState
    {
        public string Name => "clock";

        public byte[] Export()
        {
            var state = clock._state;
            return StateJson.Serialize(new ClockDocument(state.Offset.Ticks, state.FrozenAt));
        }

        public void Import(ReadOnlySpan<byte> state)
        {
            var document = StateJson.Deserialize<ClockDocument>(state);
            lock (clock._gate)
            {
                clock._state = new State(TimeSpan.FromTicks(document.OffsetTicks), document.FrozenAt);
            }
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _state = new State(TimeSpan.Zero, null);
        }
    }
}
