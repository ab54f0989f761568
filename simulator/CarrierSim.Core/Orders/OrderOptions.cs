namespace CarrierSim.Core.Orders;

public sealed class OrderOptions
{
    /// <summary>How long an order stays pending on the simulator clock: short, but not zero, so clients must poll.</summary>
    public TimeSpan PendingFor { get; set; } = TimeSpan.FromSeconds(1);
}
