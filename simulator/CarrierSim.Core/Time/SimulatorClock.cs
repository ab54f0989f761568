namespace CarrierSim.Core.Time;

/// <summary>
/// The simulator's clock: real time (or any inner <see cref="TimeProvider"/>) shifted by an
/// offset that the control plane can advance, and optionally frozen. Orders and quarantines
/// progress on it.
/// </summary>
public sealed class SimulatorClock(TimeProvider inner) : TimeProvider
{
    private readonly Lock _gate = new();
    private TimeSpan _offset;
    private DateTimeOffset? _frozenAt;

    public bool IsFrozen
    {
        get
        {
            lock (_gate)
            {
                return _frozenAt is not null;
            }
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _frozenAt ?? inner.GetUtcNow() + _offset;
        }
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
            var now = _frozenAt ?? inner.GetUtcNow() + _offset;
            if (Latest - now < by)
            {
                throw new ArgumentOutOfRangeException(nameof(by), by, $"advancing by {by} would take the clock past {Latest:yyyy-MM-dd}; reset the simulator first.");
            }

            if (_frozenAt is { } frozen)
            {
                _frozenAt = frozen + by;
            }
            else
            {
                _offset += by;
            }

            return now + by;
        }
    }

    public DateTimeOffset Freeze()
    {
        lock (_gate)
        {
            _frozenAt ??= inner.GetUtcNow() + _offset;
            return _frozenAt.Value;
        }
    }

    /// <summary>Lets time run again from where it was frozen.</summary>
    public DateTimeOffset Unfreeze()
    {
        lock (_gate)
        {
            if (_frozenAt is { } frozen)
            {
                _offset = frozen - inner.GetUtcNow();
                _frozenAt = null;
            }

            return inner.GetUtcNow() + _offset;
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _offset = TimeSpan.Zero;
            _frozenAt = null;
        }
    }
}
