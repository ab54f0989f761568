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

    /// <summary>Moves the clock forward; a frozen clock stays frozen at the new time.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The duration is negative: the clock never goes back.</exception>
    public DateTimeOffset Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        lock (_gate)
        {
            if (_frozenAt is { } frozen)
            {
                _frozenAt = frozen + by;
            }
            else
            {
                _offset += by;
            }

            return _frozenAt ?? inner.GetUtcNow() + _offset;
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
