using CarrierSim.Core.Time;
using Microsoft.Extensions.Time.Testing;

namespace CarrierSim.Core.Tests.Time;

public sealed class SimulatorClockTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Advance_BeyondTheLimits_IsRefusedAndChangesNothing(bool frozen)
    {
        var clock = new SimulatorClock(new FakeTimeProvider(Start));
        if (frozen)
        {
            clock.Freeze();
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(TimeSpan.FromDays(36_526)));
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(TimeSpan.FromTicks(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(TimeSpan.MaxValue));

        Assert.Equal(Start, clock.GetUtcNow());
    }

    [Fact]
    public void Advance_PastTheLatestDate_IsRefusedAndTheClockStillReads()
    {
        var clock = new SimulatorClock(new FakeTimeProvider(Start));
        while (SimulatorClock.Latest - clock.GetUtcNow() >= SimulatorClock.MaxAdvance)
        {
            clock.Advance(SimulatorClock.MaxAdvance);
        }

        var before = clock.GetUtcNow();
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(SimulatorClock.MaxAdvance));

        Assert.Equal(before, clock.GetUtcNow());
        Assert.Equal(before.AddDays(1), clock.Advance(TimeSpan.FromDays(1)));
    }
}
