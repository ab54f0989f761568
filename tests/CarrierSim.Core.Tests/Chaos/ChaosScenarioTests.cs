using CarrierSim.Core.Chaos;

namespace CarrierSim.Core.Tests.Chaos;

public class ChaosScenarioTests
{
    [Fact]
    public void BuiltIns_AreTheDocumentedOnesAndValid()
    {
        Assert.Equal(["happy", "contested-inventory", "slow-carrier", "flaky-network", "partial-fills", "outage"], BuiltInScenarios.All.Select(s => s.Name));
        Assert.All(BuiltInScenarios.All.SelectMany(s => s.Rules), r => Assert.Empty(r.Validate()));
    }

    [Fact]
    public void Parse_Json_ReadsRules()
    {
        var scenario = ChaosScenario.Parse("""
            { "name": "mine", "rules": [
              { "name": "slow", "kind": "latency", "distribution": "uniform", "minMs": 10, "maxMs": 20, "target": { "dialect": "dialnexa" } },
              { "name": "down", "kind": "outcome", "statusCode": 503, "injectionRate": 0.5, "maxInjections": 3 } ] }
            """, yaml: false);

        Assert.Equal("mine", scenario.Name);
        Assert.Equal(LatencyDistribution.Uniform, scenario.Rules[0].Distribution);
        Assert.Equal("dialnexa", scenario.Rules[0].Target.Dialect);
        Assert.Equal((503, 0.5, 3), (scenario.Rules[1].StatusCode!.Value, scenario.Rules[1].InjectionRate, scenario.Rules[1].MaxInjections!.Value));
    }

    [Fact]
    public void Parse_Yaml_ReadsTheSameModel()
    {
        var scenario = ChaosScenario.Parse("""
            name: yaml-one
            rules:
              - name: half
                kind: partialFill
                fillRatio: 0.5
                enabled: true
                target:
                  operation: "*.createOrder"
            """, yaml: true);

        var rule = Assert.Single(scenario.Rules);
        Assert.Equal((ChaosKind.PartialFill, 0.5, "*.createOrder"), (rule.Kind, rule.FillRatio!.Value, rule.Target.Operation));
    }

    [Theory]
    [InlineData("""{ "name": "x", "rules": [ { "name": "r", "kind": "outcome" } ] }""", "statusCode")]
    [InlineData("""{ "name": "x", "rules": [ { "name": "r", "kind": "teleport" } ] }""", "not valid JSON")]
    [InlineData("""{ "name": "x", "rulez": [] }""", "rulez")]
    public void Parse_Invalid_SaysWhy(string json, string fragment)
    {
        var error = Assert.Throws<ArgumentException>(() => ChaosScenario.Parse(json, yaml: false));

        Assert.Contains(fragment, error.Message);
    }

    [Fact]
    public void Resolve_UnknownName_ListsBuiltIns()
    {
        var error = Assert.Throws<ArgumentException>(() => ChaosScenario.Resolve("no-such-scenario"));

        Assert.Contains("contested-inventory", error.Message);
    }

    [Theory]
    [InlineData("race", ChaosKind.Race)]
    [InlineData("drought", ChaosKind.Drought)]
    [InlineData("fail", ChaosKind.FulfilmentFailure)]
    [InlineData("partial=0.25", ChaosKind.PartialFill)]
    [InlineData("pending=30", ChaosKind.StuckPending)]
    [InlineData("latency=500", ChaosKind.Latency)]
    [InlineData("status=503", ChaosKind.Outcome)]
    [InlineData("reset", ChaosKind.Fault)]
    [InlineData("hang", ChaosKind.Fault)]
    public void Override_ParsesEveryKind(string text, ChaosKind kind)
    {
        Assert.True(ChaosOverride.TryParse(text, out var rule, out var error), error);
        Assert.Equal(kind, rule!.Kind);
    }

    [Theory]
    [InlineData("explode")]
    [InlineData("status=200")]
    [InlineData("latency=soon")]
    [InlineData("status=503;colour=red")]
    public void Override_Invalid_ExplainsTheSyntax(string text)
    {
        Assert.False(ChaosOverride.TryParse(text, out _, out var error));
        Assert.Contains("use one of", error);
    }
}
