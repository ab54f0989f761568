using System.Text.Json;
using System.Text.Json.Nodes;
using CarrierSim.Core.Chaos;

namespace CarrierSim.Core.Tests.Chaos;

public class ChaosRuleTests
{
    /// <summary>One valid rule of every kind, with every setting of the kind given.</summary>
    public static TheoryData<ChaosRule> Examples => new(OneOfEachKind);

    public static IReadOnlyList<ChaosRule> OneOfEachKind { get; } =
    [
        new FaultRule { Name = "fault", Fault = FaultKind.Hang, Target = new ChaosTarget { Dialect = "dialstack" } },
        new LatencyRule { Name = "latency", Distribution = LatencyDistribution.LogNormal, MedianMs = 300, Sigma = 0.4, InjectionRate = 0.5 },
        new OutcomeRule { Name = "outcome", StatusCode = 429, RetryAfterSeconds = 7, Message = "slow down", MaxInjections = 3 },
        new RaceRule { Name = "race", Target = new ChaosTarget { Operation = "*.createOrder", NumberPattern = @"^\+1919" } },
        new PartialFillRule { Name = "partialFill", FillRatio = 0.25, Enabled = false },
        new FulfilmentFailureRule { Name = "fulfilmentFailure", Message = "no stock" },
        new StuckPendingRule { Name = "stuckPending", PendingSeconds = 12.5 },
        new DroughtRule { Name = "drought", Target = new ChaosTarget { Account = "acme" } },
        new DropCallbackRule { Name = "dropCallback" },
        new DuplicateCallbackRule { Name = "duplicateCallback" },
        new LostResponseRule { Name = "lostResponse", Loss = ResponseLoss.GatewayTimeout },
    ];

    [Fact]
    public void Defaults_OfEveryKind()
    {
        var rules = new ChaosRule[]
        {
            new FaultRule { Name = "r" }, new LatencyRule { Name = "r" }, new OutcomeRule { Name = "r" }, new RaceRule { Name = "r" },
            new PartialFillRule { Name = "r" }, new FulfilmentFailureRule { Name = "r" }, new StuckPendingRule { Name = "r" },
            new DroughtRule { Name = "r" }, new DropCallbackRule { Name = "r" }, new DuplicateCallbackRule { Name = "r" }, new LostResponseRule { Name = "r" },
        };

        Assert.Equal(Enum.GetValues<ChaosKind>(), rules.Select(r => r.Kind));
        Assert.All(rules, r =>
        {
            Assert.Equal(1.0, r.InjectionRate);
            Assert.True(r.Enabled);
            Assert.Null(r.MaxInjections);
            Assert.Equal(new ChaosTarget(), r.Target);
            Assert.Null(r.Target.Dialect ?? r.Target.Operation ?? r.Target.Account ?? r.Target.NumberPattern);
        });

        var fault = (FaultRule)rules[0];
        Assert.Null(fault.Fault);

        var latency = (LatencyRule)rules[1];
        Assert.Equal(LatencyDistribution.Fixed, latency.Distribution);
        Assert.Equal<double?[]>([null, null, null, null, null], [latency.DelayMs, latency.MinMs, latency.MaxMs, latency.MedianMs, latency.Sigma]);

        var outcome = (OutcomeRule)rules[2];
        Assert.Equal((null, null, null), (outcome.StatusCode, outcome.RetryAfterSeconds, outcome.Message));

        Assert.Null(((PartialFillRule)rules[4]).FillRatio);
        Assert.Null(((FulfilmentFailureRule)rules[5]).Message);
        Assert.Equal("The carrier rejected the order at fulfilment.", FulfilmentFailureRule.DefaultMessage);
        Assert.Null(((StuckPendingRule)rules[6]).PendingSeconds);

        // Kinds without settings are valid as they are; the others say what to add.
        Assert.Equal(
            [ChaosKind.Fault, ChaosKind.Latency, ChaosKind.Outcome, ChaosKind.PartialFill],
            rules.Where(r => r.Validate().Count > 0).Select(r => r.Kind));
    }

    [Fact]
    public void KindNames_AreTheCamelCaseKindsInOrder()
    {
        Assert.Equal(
            ["fault", "latency", "outcome", "race", "partialFill", "fulfilmentFailure", "stuckPending", "drought", "dropCallback", "duplicateCallback", "lostResponse"],
            ChaosRule.KindNames);
        Assert.Equal(ChaosRule.KindNames, Enum.GetValues<ChaosKind>().Select(ChaosRule.KindName));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Validate_Example_HasNoProblems(ChaosRule rule) => Assert.Empty(rule.Validate());

    [Theory]
    [MemberData(nameof(Examples))]
    public void Json_RoundTripsEveryKind(ChaosRule rule)
    {
        var json = JsonSerializer.Serialize(rule, ChaosScenario.Json);
        var read = JsonSerializer.Deserialize<ChaosRule>(json, ChaosScenario.Json);

        Assert.Equal(ChaosRule.KindName(rule.Kind), JsonNode.Parse(json)!["kind"]!.GetValue<string>());
        Assert.Equal(rule, read);
        Assert.Equal(rule.GetType(), read!.GetType());
    }

    [Fact]
    public void Json_KindMayComeAnywhere()
    {
        var rule = JsonSerializer.Deserialize<ChaosRule>("""{ "name": "half", "fillRatio": 0.5, "kind": "partialFill" }""", ChaosScenario.Json);

        Assert.Equal(new PartialFillRule { Name = "half", FillRatio = 0.5 }, rule);
    }

    [Fact]
    public void Json_SettingOfAnotherKind_IsRejected()
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ChaosRule>("""{ "kind": "race", "name": "r", "statusCode": 503 }""", ChaosScenario.Json));

        Assert.Contains("statusCode", error.Message);
    }

    [Theory]
    [InlineData("""{ "name": "r", "kind": "teleport" }""", "kind \"teleport\" is not a chaos kind; use one of: fault, latency, outcome, race, partialFill, fulfilmentFailure, stuckPending, drought, dropCallback, duplicateCallback, lostResponse.")]
    [InlineData("""{ "name": "r", "kind": "Race" }""", "kind \"Race\" is not a chaos kind; use one of: fault,")]
    [InlineData("""{ "name": "r" }""", "kind is required; use one of: fault, latency, outcome, race, partialFill, fulfilmentFailure, stuckPending, drought, dropCallback, duplicateCallback, lostResponse.")]
    [InlineData("""{ "name": "r", "kind": null }""", "kind is required; use one of:")]
    [InlineData("""[]""", "a rule must be a JSON object.")]
    public void KindProblem_UnknownOrMissing_ListsTheKinds(string json, string expected)
    {
        Assert.Equal(expected, ChaosRule.KindProblem(JsonNode.Parse(json))![..expected.Length]);
    }

    [Fact]
    public void KindProblem_KnownKind_IsNull()
    {
        Assert.All(ChaosRule.KindNames, kind => Assert.Null(ChaosRule.KindProblem(new JsonObject { ["kind"] = kind })));
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_Invalid_SaysWhatToFix(ChaosRule rule, string fragment)
    {
        var problem = Assert.Single(rule.Validate());

        Assert.Contains(fragment, problem);
    }

    public static TheoryData<ChaosRule, string> Invalid => new()
    {
        { new RaceRule { Name = " " }, "name is required" },
        { new RaceRule { Name = "r", InjectionRate = 1.5 }, "injectionRate must be between 0 and 1" },
        { new RaceRule { Name = "r", InjectionRate = double.NaN }, "injectionRate" },
        { new DroughtRule { Name = "r", MaxInjections = -1 }, "maxInjections must be zero or more" },
        { new DropCallbackRule { Name = "r", Target = new ChaosTarget { NumberPattern = "(" } }, "target.numberPattern is not a valid regular expression" },
        { new DuplicateCallbackRule { Name = "r", Target = null! }, "target must be an object" },
        { new FaultRule { Name = "r" }, "a fault rule needs fault: connectionReset, emptyResponse, emptyBody, malformedBody or hang" },
        { new FaultRule { Name = "r", Fault = (FaultKind)42 }, "use connectionReset, emptyResponse, emptyBody, malformedBody or hang" },
        { new LatencyRule { Name = "r" }, "a fixed latency rule needs delayMs ≥ 0" },
        { new LatencyRule { Name = "r", DelayMs = -1 }, "delayMs ≥ 0" },
        { new LatencyRule { Name = "r", DelayMs = double.PositiveInfinity }, "delayMs must be a finite number of milliseconds from 0 to 600000" },
        { new LatencyRule { Name = "r", DelayMs = double.NaN }, "delayMs must be a finite number" },
        { new LatencyRule { Name = "r", DelayMs = 600_001 }, "delayMs must be a finite number of milliseconds from 0 to 600000" },
        { new LatencyRule { Name = "r", Distribution = LatencyDistribution.Uniform, MinMs = 0, MaxMs = 1e308 }, "maxMs must be a finite number" },
        { new LatencyRule { Name = "r", Distribution = LatencyDistribution.LogNormal, MedianMs = 1e300, Sigma = 1 }, "medianMs must be a finite number" },
        { new LatencyRule { Name = "r", Distribution = LatencyDistribution.LogNormal, MedianMs = 10, Sigma = double.NaN }, "sigma must be a finite number from 0 to 10" },
        { new LatencyRule { Name = "r", Distribution = LatencyDistribution.Uniform, MinMs = 10 }, "0 ≤ minMs ≤ maxMs" },
        { new LatencyRule { Name = "r", Distribution = LatencyDistribution.Uniform, MinMs = 10, MaxMs = 5 }, "0 ≤ minMs ≤ maxMs" },
        { new LatencyRule { Name = "r", Distribution = LatencyDistribution.LogNormal, MedianMs = 0, Sigma = 1 }, "medianMs > 0 and sigma ≥ 0" },
        { new LatencyRule { Name = "r", Distribution = LatencyDistribution.LogNormal, MedianMs = 10 }, "medianMs > 0 and sigma ≥ 0" },
        { new LatencyRule { Name = "r", Distribution = (LatencyDistribution)9 }, "use fixed, uniform or logNormal" },
        { new OutcomeRule { Name = "r" }, "statusCode between 400 and 599" },
        { new OutcomeRule { Name = "r", StatusCode = 200 }, "statusCode between 400 and 599" },
        { new OutcomeRule { Name = "r", StatusCode = 600 }, "statusCode between 400 and 599" },
        { new OutcomeRule { Name = "r", StatusCode = 503, RetryAfterSeconds = -1 }, "retryAfterSeconds must be from 0 to 86400" },
        { new OutcomeRule { Name = "r", StatusCode = 429, RetryAfterSeconds = 86_401 }, "retryAfterSeconds must be from 0 to 86400" },
        { new PartialFillRule { Name = "r" }, "fillRatio in [0, 1)" },
        { new PartialFillRule { Name = "r", FillRatio = 1 }, "fillRatio in [0, 1)" },
        { new PartialFillRule { Name = "r", FillRatio = -0.1 }, "fillRatio in [0, 1)" },
        { new FulfilmentFailureRule { Name = "r", Message = "" }, "message must not be blank" },
        { new StuckPendingRule { Name = "r", PendingSeconds = -1 }, "pendingSeconds must be a finite number from 0 to 31536000" },
        { new StuckPendingRule { Name = "r", PendingSeconds = 1e15 }, "pendingSeconds must be a finite number from 0 to 31536000" },
        { new StuckPendingRule { Name = "r", PendingSeconds = double.NaN }, "pendingSeconds must be a finite number" },
        { new StuckPendingRule { Name = "r", PendingSeconds = double.PositiveInfinity }, "pendingSeconds must be a finite number from 0 to 31536000" },
    };

    [Fact]
    public void Validate_ListsEveryProblem()
    {
        var problems = new OutcomeRule { Name = "", InjectionRate = 3, StatusCode = 99 }.Validate();

        Assert.Equal(3, problems.Count);
    }
}
