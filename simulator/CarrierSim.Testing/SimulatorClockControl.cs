using CarrierSim.Core;

namespace CarrierSim.Testing;

/// <summary>
/// Moves the simulator clock of an in-process simulator directly, without an HTTP round trip.
/// Orders progress on this clock: advancing it past an order's due time settles the order.
/// </summary>
public sealed class SimulatorClockControl
{
    private readonly Simulation _simulation;

    internal SimulatorClockControl(Simulation simulation) => _simulation = simulation;

    /// <summary>The simulator clock's current time.</summary>
    public DateTimeOffset UtcNow => _simulation.Clock.GetUtcNow();

    /// <summary>Whether the clock is frozen.</summary>
    public bool IsFrozen => _simulation.Clock.IsFrozen;

    /// <summary>The simulator clock as a <see cref="System.TimeProvider"/>, for code that should agree with it.</summary>
    public TimeProvider TimeProvider => _simulation.Clock;

    /// <summary>Moves the clock forward and settles every order whose due time has passed.</summary>
    /// <param name="by">How far; never negative.</param>
    /// <returns>The clock's time after the move.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="by"/> is negative: the clock never goes back.</exception>
    public DateTimeOffset Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        var now = _simulation.Clock.Advance(by);
        _simulation.Orders.SettleDue();
        return now;
    }

    /// <summary>Stops the clock where it is; it then moves only through <see cref="Advance"/>.</summary>
    /// <returns>The frozen time.</returns>
    public DateTimeOffset Freeze() => _simulation.Clock.Freeze();

    /// <summary>Lets the clock run again from where it was frozen.</summary>
    /// <returns>The clock's time.</returns>
    public DateTimeOffset Unfreeze() => _simulation.Clock.Unfreeze();
}
