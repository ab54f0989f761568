using CarrierSim.Server.Dialects;

namespace CarrierSim.Server.Tests.Dialects.Probes;

/// <summary>Every registered dialect has exactly one probe, and every probe names a registered dialect.</summary>
public sealed class DialectProbeTests
{
    [Fact]
    public void EveryRegisteredDialectHasAProbe() =>
        Assert.Equal(DialectRegistry.Ids.Order(StringComparer.Ordinal), DialectProbe.ByDialect.Keys.Order(StringComparer.Ordinal));
}
