namespace CarrierSim.AdminClient;

public sealed partial class CarrierSimAdminClient
{
    /// <summary>Reads the simulator clock (<c>GET /__admin/clock</c>).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The clock's time and whether it is frozen.</returns>
    public Task<ClockState> GetClockAsync(CancellationToken cancellationToken = default) =>
        GetAsync<ClockState>("__admin/clock", cancellationToken);

    /// <summary>
    /// Moves the simulator clock forward (<c>POST /__admin/clock/advance</c>); orders whose
    /// due time passes are settled at once.
    /// </summary>
    /// <param name="by">How far; never negative: the clock never goes back.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The clock after the move.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="by"/> is negative.</exception>
    /// <exception cref="CarrierSimAdminException">The simulator refused the advance (more than 100 years, or past its latest date); the clock did not move.</exception>
    public Task<ClockState> AdvanceClockAsync(TimeSpan by, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        return SendAsync<ClockState>(HttpMethod.Post, "__admin/clock/advance", Json(new { seconds = by.TotalSeconds }), cancellationToken);
    }

    /// <summary>Stops the simulator clock where it is (<c>POST /__admin/clock/freeze</c>); it then moves only when advanced.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The frozen clock.</returns>
    public Task<ClockState> FreezeClockAsync(CancellationToken cancellationToken = default) =>
        SendAsync<ClockState>(HttpMethod.Post, "__admin/clock/freeze", null, cancellationToken);

    /// <summary>Lets the simulator clock run again from where it was frozen (<c>POST /__admin/clock/unfreeze</c>).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The running clock.</returns>
    public Task<ClockState> UnfreezeClockAsync(CancellationToken cancellationToken = default) =>
        SendAsync<ClockState>(HttpMethod.Post, "__admin/clock/unfreeze", null, cancellationToken);
}
