using System.Text.Json;
using CarrierSim.Core.Chaos;

namespace CarrierSim.Core.Tests.Chaos;

public class ChaosScenarioTests
{
    [Fact]
    public void BuiltIns_AreTheDocumentedOnesAndValid()
    {
        Assert.Equal(["happy", "contested-inventory", "slow-carrier", "flaky-network", "partial-fills", "lost-responses", "outage"], BuiltInScenarios.All.Select(s => s.Name));
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
        Assert.Equal(LatencyDistribution.Uniform, Assert.IsType<LatencyRule>(scenario.Rules[0]).Distribution);
        Assert.Equal("dialnexa", scenario.Rules[0].Target.Dialect);
        Assert.Equal((503, 0.5, 3), (Assert.IsType<OutcomeRule>(scenario.Rules[1]).StatusCode!.Value, scenario.Rules[1].InjectionRate, scenario.Rules[1].MaxInjections!.Value));
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
        Assert.Equal((ChaosKind.PartialFill, 0.5, "*.createOrder"), (rule.Kind, Assert.IsType<PartialFillRule>(rule).FillRatio!.Value, rule.Target.Operation));
    }

    [Fact]
    public void Parse_Yaml_QuotedScalarsStayStrings()
    {
        var scenario = ChaosScenario.Parse("""
            name: '2024'
            description: "true"
            rules:
              - statusCode: 404
                name: "404"
                message: '503'
                kind: outcome
                retryAfterSeconds: 0
              - kind: fulfilmentFailure
                name: !!str 1.5
                message: |
                  null
            """, yaml: true);

        Assert.Equal(("2024", "true"), (scenario.Name, scenario.Description));
        var outcome = Assert.IsType<OutcomeRule>(scenario.Rules[0]);
        Assert.Equal(("404", 404, "503", 0), (outcome.Name, outcome.StatusCode!.Value, outcome.Message, outcome.RetryAfterSeconds!.Value));
        var failure = Assert.IsType<FulfilmentFailureRule>(scenario.Rules[1]);
        Assert.Equal(("1.5", "null"), (failure.Name, failure.Message));
    }

    [Fact]
    public void Parse_Yaml_PlainScalarsAreTyped()
    {
        var scenario = ChaosScenario.Parse("""
            name: typed
            rules:
              - name: slow
                kind: latency
                delayMs: 1e2
                injectionRate: 0.5
                maxInjections: ~
                enabled: false
            """, yaml: true);

        var rule = Assert.IsType<LatencyRule>(Assert.Single(scenario.Rules));
        Assert.Equal((100.0, 0.5, (int?)null, false), (rule.DelayMs!.Value, rule.InjectionRate, rule.MaxInjections, rule.Enabled));
    }

    [Fact]
    public void Parse_Yaml_UnknownKind_ListsTheKinds()
    {
        var error = Assert.Throws<ArgumentException>(() => ChaosScenario.Parse("""
            rules:
              - name: r
                kind: teleport
            """, yaml: true, fallbackName: "file"));

        Assert.Equal(
            "Scenario 'file' is invalid: rule 'r': kind \"teleport\" is not a chaos kind; use one of: fault, latency, outcome, race, partialFill, fulfilmentFailure, stuckPending, drought, dropCallback, duplicateCallback, lostResponse.",
            error.Message);
    }

    [Fact]
    public void Parse_EveryKind_RoundTripsThroughAScenarioFile()
    {
        var scenario = new ChaosScenario { Name = "all", Rules = ChaosRuleTests.OneOfEachKind };

        var read = ChaosScenario.Parse(JsonSerializer.Serialize(scenario, ChaosScenario.Json), yaml: false);

        Assert.Equal(scenario.Rules, read.Rules);
        Assert.Equal(Enum.GetValues<ChaosKind>(), read.Rules.Select(r => r.Kind));
    }

    [Theory]
    [InlineData("""{ "name": "x", "rules": [ { "name": "r", "kind": "outcome" } ] }""", "statusCode")]
    [InlineData("""{ "name": "x", "rules": [ { "name": "r", "kind": "teleport" } ] }""", "rule 'r': kind \"teleport\" is not a chaos kind; use one of: fault, latency, outcome, race, partialFill, fulfilmentFailure, stuckPending, drought, dropCallback, duplicateCallback, lostResponse.")]
    [InlineData("""{ "name": "x", "rules": [ { "name": "r" } ] }""", "rule 'r': kind is required; use one of: fault, latency,")]
    [InlineData("""{ "name": "x", "rules": [ { "kind": 3 } ] }""", "rule #1: kind 3 is not a chaos kind; use one of:")]
    [InlineData("""{ "name": "x", "rules": [ { "name": "r", "kind": "race", "delayMs": 5 } ] }""", "delayMs")]
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
    [InlineData("emptybody", ChaosKind.Fault)]
    [InlineData("lost", ChaosKind.LostResponse)]
    public void Override_ParsesEveryKind(string text, ChaosKind kind)
    {
        Assert.True(ChaosOverride.TryParse(text, out var rule, out var error), error);
        Assert.Equal(kind, rule!.Kind);
    }

    [Theory]
    [InlineData("lost", ResponseLoss.ConnectionReset)]
    [InlineData("lost=reset", ResponseLoss.ConnectionReset)]
    [InlineData("lost=hang", ResponseLoss.Hang)]
    [InlineData("lost=502", ResponseLoss.BadGateway)]
    [InlineData("LOST=504", ResponseLoss.GatewayTimeout)]
    public void Override_LostTakesHowTheAnswerIsLost(string text, ResponseLoss loss)
    {
        Assert.True(ChaosOverride.TryParse(text, out var rule, out var error), error);
        Assert.Equal(loss, Assert.IsType<LostResponseRule>(rule).Loss);
    }

    [Fact]
    public void LostResponse_ActsOnlyOnOrdersAndReleases()
    {
        var acting = Enum.GetValues<OperationKind>().Where(o => ChaosEngine.Acts(ChaosKind.LostResponse, o));

        Assert.Equal([OperationKind.Order, OperationKind.Release], acting);
    }

    [Theory]
    [InlineData("explode")]
    [InlineData("status=200")]
    [InlineData("latency=soon")]
    [InlineData("status=503;colour=red")]
    [InlineData("pending=1e15")]
    [InlineData("pending=1e308")]
    [InlineData("pending=Infinity")]
    [InlineData("latency=1e308")]
    [InlineData("latency=600001")]
    [InlineData("status=Infinity")]
    [InlineData("status=429;retry-after=-1")]
    [InlineData("status=429;retry-after=86401")]
    [InlineData("lost=503")]
    [InlineData("lost=sometimes")]
    public void Override_Invalid_ExplainsTheSyntax(string text)
    {
        Assert.False(ChaosOverride.TryParse(text, out _, out var error));
        Assert.Contains("use one of", error);
    }
}
