using System.Reflection;
using System.Text.Json.Serialization;
using CarrierSim.Core.Chaos;
using CarrierSim.Server.Admin;
using Wire = CarrierSim.AdminClient;

namespace CarrierSim.Server.Tests.Admin;

public class AdminWireMappingTests
{
    public static TheoryData<ChaosRule> OneOfEachKind => new(Rules);

    private static IEnumerable<ChaosRule> Rules =>
    [
        new FaultRule { Name = "fault", Fault = FaultKind.Hang, Target = new ChaosTarget { Dialect = "dialstack" } },
        new LatencyRule { Name = "latency", Distribution = LatencyDistribution.LogNormal, MedianMs = 300, Sigma = 0.4, InjectionRate = 0.5 },
        new OutcomeRule { Name = "outcome", StatusCode = 429, RetryAfterSeconds = 7, Message = "slow down", MaxInjections = 3 },
        new RaceRule { Name = "race", Target = new ChaosTarget { Operation = "*.createOrder", NumberPattern = @"^\+1919", Account = "a" } },
        new PartialFillRule { Name = "partialFill", FillRatio = 0.25, Enabled = false },
        new FulfilmentFailureRule { Name = "fulfilmentFailure", Message = "no stock" },
        new StuckPendingRule { Name = "stuckPending", PendingSeconds = 12.5 },
        new DroughtRule { Name = "drought" },
        new DropCallbackRule { Name = "dropCallback" },
        new DuplicateCallbackRule { Name = "duplicateCallback" },
        new LostResponseRule { Name = "lostResponse", Loss = ResponseLoss.BadGateway },
    ];

    [Fact]
    public void WireKinds_AreTheDomainKinds()
    {
        var wire = typeof(Wire.ChaosRule).GetCustomAttributes<JsonDerivedTypeAttribute>().Select(a => (string)a.TypeDiscriminator!);

        Assert.Equal(ChaosRule.KindNames, wire);
    }

    [Theory]
    [InlineData(typeof(ChaosKind), typeof(Wire.ChaosKind))]
    [InlineData(typeof(FaultKind), typeof(Wire.FaultKind))]
    [InlineData(typeof(ResponseLoss), typeof(Wire.ResponseLoss))]
    [InlineData(typeof(LatencyDistribution), typeof(Wire.LatencyDistribution))]
    [InlineData(typeof(CarrierSim.Core.Accounts.BrandStatus), typeof(Wire.BrandStatus))]
    [InlineData(typeof(CarrierSim.Core.Orders.OrderType), typeof(Wire.OrderType))]
    [InlineData(typeof(CarrierSim.Core.Orders.OrderStatus), typeof(Wire.OrderStatus))]
    public void WireEnums_LineUpWithTheDomain(Type domain, Type wire)
    {
        // The mapping casts between them, so names and values must match one for one.
        Assert.Equal(Enum.GetNames(domain), Enum.GetNames(wire));
        Assert.Equal(Enum.GetValuesAsUnderlyingType(domain).Cast<int>(), Enum.GetValuesAsUnderlyingType(wire).Cast<int>());
    }

    [Theory]
    [MemberData(nameof(OneOfEachKind))]
    public void Rule_RoundTripsThroughTheWireModel(ChaosRule rule)
    {
        var wire = rule.ToWire(injected: 4);

        Assert.Equal((rule.Name, 4, (Wire.ChaosKind)rule.Kind), (wire.Name, wire.Injected, wire.Kind));
        Assert.Equal(rule, wire.ToDomain());
    }
}
