using CarrierSim.Core.Chaos;
using Microsoft.Extensions.Time.Testing;

namespace CarrierSim.Core.Tests.Chaos;

public class ChaosEngineTests
{
    private sealed class FixedRandomizer(double value) : IChaosRandomizer
    {
        public int Calls { get; private set; }

        public double NextUnit(ulong stream, ulong key)
        {
            Calls++;
            return value;
        }
    }

    private static readonly ChaosRequest Order = new("dialstack", "dialstack.createOrder", OperationKind.Order, "sk_test_a/acct_1", ["+19194601234"]);
    private static readonly ChaosRequest Search = new("dialstack", "dialstack.searchNumbers", OperationKind.Search, "sk_test_a/acct_1", []);

    private static ChaosEngine Engine(IChaosRandomizer? randomizer = null) =>
        new(new FakeTimeProvider(), randomizer ?? new SeededChaosRandomizer(42));

    [Fact]
    public void NewRule_DefaultsToDeliberateInjection()
    {
        var rule = new RaceRule { Name = "r" };

        Assert.Equal(1.0, rule.InjectionRate);
        Assert.True(rule.Enabled);
        Assert.Null(rule.MaxInjections);
        Assert.Empty(rule.Validate());
    }

    [Theory]
    [InlineData(ChaosKind.Fault)]
    [InlineData(ChaosKind.Outcome)]
    [InlineData(ChaosKind.PartialFill)]
    public void Validate_MissingKindSettings_SaysWhatToAdd(ChaosKind kind)
    {
        ChaosRule rule = kind switch
        {
            ChaosKind.Fault => new FaultRule { Name = "r" },
            ChaosKind.Outcome => new OutcomeRule { Name = "r" },
            _ => new PartialFillRule { Name = "r" },
        };

        var errors = rule.Validate();

        Assert.Single(errors);
    }

    [Fact]
    public void Decide_TargetsDialectOperationAccountAndNumber()
    {
        var engine = Engine();
        engine.Upsert(new RaceRule
        {
            Name = "race",
            Target = new ChaosTarget { Dialect = "dialstack", Operation = "*.createOrder", Account = "sk_test_a/acct_1", NumberPattern = @"^\+1919" },
        });

        Assert.True(engine.Decide(Order).Race);
        Assert.False(engine.Decide(Order with { Dialect = "dialnexa" }).Race);
        Assert.False(engine.Decide(Search).Race);
        Assert.False(engine.Decide(Order with { Account = "other" }).Race);
        Assert.False(engine.Decide(Order with { Numbers = ["+12125550000"] }).Race);
    }

    [Fact]
    public void Decide_OperationAlternatives_MatchAny()
    {
        var engine = Engine();
        engine.Upsert(new DroughtRule { Name = "r", Target = new ChaosTarget { Operation = "x.search|*.searchNumbers" } });

        Assert.True(engine.Decide(Search).Drought);
        Assert.True(engine.Decide(Search with { Operation = "x.search" }).Drought);
        Assert.False(engine.Decide(Order).Drought);
    }

    [Theory]
    [InlineData(0.29, true)]
    [InlineData(0.30, false)]
    [InlineData(0.99, false)]
    public void Decide_InjectsWhenDrawIsBelowRate(double draw, bool injected)
    {
        var randomizer = new FixedRandomizer(draw);
        var engine = Engine(randomizer);
        engine.Upsert(new RaceRule { Name = "r", InjectionRate = 0.3 });

        Assert.Equal(injected, engine.Decide(Order).Race);
        Assert.Equal(1, randomizer.Calls);
    }

    [Fact]
    public void Decide_InjectionRate_IsHonouredOverManyRequests()
    {
        var engine = Engine();
        engine.Upsert(new RaceRule { Name = "r", InjectionRate = 0.25 });

        var injected = Enumerable.Range(0, 4000).Count(i => engine.Decide(Order with { Numbers = [$"+1919460{i:D4}"] }).Race);

        Assert.InRange(injected, 850, 1150);
    }

    [Fact]
    public void Decide_StopsAtMaxInjections()
    {
        var engine = Engine();
        engine.Upsert(new RaceRule { Name = "twice", MaxInjections = 2 });

        var results = Enumerable.Range(0, 5).Select(_ => engine.Decide(Order).Race).ToList();

        Assert.Equal([true, true, false, false, false], results);
        Assert.Equal(2, engine.InjectedBy("twice"));
    }

    [Fact]
    public void Decide_DisabledRule_NeverInjects()
    {
        var engine = Engine();
        engine.Upsert(new RaceRule { Name = "off", Enabled = false });

        Assert.True(engine.Decide(Order).IsNone);
    }

    [Fact]
    public void Decide_AppliesOneOfEachKindInOrder()
    {
        var engine = Engine();
        engine.Upsert(new RaceRule { Name = "race" });
        engine.Upsert(new OutcomeRule { Name = "outcome", StatusCode = 503, RetryAfterSeconds = 2 });
        engine.Upsert(new LatencyRule { Name = "latency", DelayMs = 250 });
        engine.Upsert(new LatencyRule { Name = "second-latency", DelayMs = 999 });

        var decision = engine.Decide(Order);

        // The outcome answers the request: the race behind it never happens, so it is not logged.
        Assert.Equal(["latency", "outcome"], decision.Injections.Select(i => i.Rule));
        Assert.Equal(TimeSpan.FromMilliseconds(250), decision.Latency);
        Assert.Equal(503, decision.Outcome!.StatusCode);
        Assert.False(decision.Race);
        Assert.Equal(0, engine.InjectedBy("race"));
    }

    [Theory]
    [InlineData(FaultKind.ConnectionReset)]
    [InlineData(FaultKind.Hang)]
    [InlineData(FaultKind.MalformedBody)]
    public void Decide_FaultEndsTheRequest_LaterStagesAreNeitherAppliedNorCounted(FaultKind fault)
    {
        // Regression: a reset was logged together with the 503/429/latency rules behind it.
        var engine = Engine();
        engine.Upsert(new FaultRule { Name = "fault", Fault = fault });
        engine.Upsert(new LatencyRule { Name = "latency", DelayMs = 250 });
        engine.Upsert(new OutcomeRule { Name = "outcome", StatusCode = 429 });
        engine.Upsert(new RaceRule { Name = "race" });

        var decision = engine.Decide(Order);

        Assert.Equal(["fault"], decision.Injections.Select(i => i.Rule));
        Assert.Equal((fault, null, null, false), (decision.Fault!.Value, decision.Latency, decision.Outcome, decision.Race));
        Assert.Equal([1, 0, 0, 0], new[] { "fault", "latency", "outcome", "race" }.Select(engine.InjectedBy));
        Assert.Equal(1, engine.InjectionCount);
    }

    [Theory]
    [InlineData(ChaosKind.Race, OperationKind.Order, true)]
    [InlineData(ChaosKind.Race, OperationKind.List, false)]
    [InlineData(ChaosKind.FulfilmentFailure, OperationKind.Get, false)]
    [InlineData(ChaosKind.Drought, OperationKind.Search, true)]
    [InlineData(ChaosKind.Drought, OperationKind.Order, false)]
    [InlineData(ChaosKind.DropCallback, OperationKind.Callback, true)]
    [InlineData(ChaosKind.DropCallback, OperationKind.Order, false)]
    [InlineData(ChaosKind.Outcome, OperationKind.Callback, false)]
    [InlineData(ChaosKind.Latency, OperationKind.List, true)]
    [InlineData(ChaosKind.Latency, OperationKind.Callback, true)]
    [InlineData(ChaosKind.Fault, OperationKind.Callback, false)]
    public void Acts_KindOnOperation_OnlyWhereItMeansSomething(ChaosKind kind, OperationKind operation, bool acts) =>
        Assert.Equal(acts, ChaosEngine.Acts(kind, operation));

    [Fact]
    public void Decide_BroadBehaviourRule_IsNotLoggedOnOperationsItCannotActOn()
    {
        // Regression: a fulfilment-failure rule aimed at a whole dialect was logged on its list calls too.
        var engine = Engine();
        engine.Upsert(new FulfilmentFailureRule { Name = "fail", Target = new ChaosTarget { Dialect = "dialstack" } });

        var list = engine.Decide(Order with { Operation = "dialstack.listNumbers", Kind = OperationKind.List, Numbers = [] });
        var order = engine.Decide(Order);

        Assert.True(list.IsNone);
        Assert.Equal(["fail"], order.Injections.Select(i => i.Rule));
        Assert.Equal(1, engine.InjectionCount);
    }

    [Fact]
    public void Decide_StuckPendingOnASynchronousPurchase_IsNeitherAppliedNorLogged()
    {
        var engine = Engine();
        engine.Upsert(new StuckPendingRule { Name = "stuck" });

        Assert.True(engine.Decide(Order with { AsyncOrders = false }).IsNone);
        Assert.Equal(TimeSpan.MaxValue, engine.Decide(Order).StuckFor);
    }

    [Fact]
    public void Decide_SameSeedSameRequests_SameInjectionsWhateverTheThreads()
    {
        static List<bool> Run(bool parallel)
        {
            var engine = new ChaosEngine(new FakeTimeProvider(), new SeededChaosRandomizer(99));
            engine.Upsert(new RaceRule { Name = "r", InjectionRate = 0.5 });
            var requests = Enumerable.Range(0, 400).Select(i => Order with { Numbers = [$"+1919460{i % 50:D4}"] }).ToList();
            var results = new bool[requests.Count];
            if (parallel)
            {
                // Requests with distinct content in any order: each decision depends on its own request only.
                Parallel.ForEach(Enumerable.Range(0, 50), i =>
                {
                    for (var j = i; j < requests.Count; j += 50)
                    {
                        results[j] = engine.Decide(requests[j]).Race;
                    }
                });
            }
            else
            {
                for (var j = 0; j < requests.Count; j++)
                {
                    results[j] = engine.Decide(requests[j]).Race;
                }
            }

            return [.. results];
        }

        var sequential = Run(parallel: false);

        Assert.Equal(sequential, Run(parallel: true));
        Assert.Contains(true, sequential);
        Assert.Contains(false, sequential);
    }

    [Fact]
    public void Decide_DifferentSeeds_DifferentInjections()
    {
        List<bool> Run(long seed)
        {
            var engine = new ChaosEngine(new FakeTimeProvider(), new SeededChaosRandomizer(seed));
            engine.Upsert(new RaceRule { Name = "r", InjectionRate = 0.5 });
            return [.. Enumerable.Range(0, 64).Select(i => engine.Decide(Order with { Numbers = [$"+1919460{i:D4}"] }).Race)];
        }

        Assert.NotEqual(Run(1), Run(2));
    }

    [Theory]
    [InlineData(LatencyDistribution.Fixed)]
    [InlineData(LatencyDistribution.Uniform)]
    [InlineData(LatencyDistribution.LogNormal)]
    public void Decide_LatencyFollowsItsDistribution(LatencyDistribution distribution)
    {
        var engine = Engine();
        engine.Upsert(new LatencyRule
        {
            Name = "l", Distribution = distribution, DelayMs = 100, MinMs = 50, MaxMs = 150, MedianMs = 100, Sigma = 0.5,
        });

        var samples = Enumerable.Range(0, 2000).Select(i => engine.Decide(Order with { Numbers = [$"+1919460{i:D4}"] }).Latency!.Value.TotalMilliseconds).Order().ToList();
        var median = samples[samples.Count / 2];

        switch (distribution)
        {
            case LatencyDistribution.Fixed:
                Assert.All(samples, s => Assert.Equal(100, s));
                break;
            case LatencyDistribution.Uniform:
                Assert.InRange(samples[0], 50, 60);
                Assert.InRange(samples[^1], 140, 150);
                Assert.InRange(median, 90, 110);
                break;
            default:
                Assert.InRange(median, 90, 110);
                Assert.True(samples[^1] > 250, "log-normal has a long right tail");
                break;
        }
    }

    [Fact]
    public void Decide_OverrideRule_AppliesToThatRequestOnly()
    {
        var engine = Engine();
        Assert.True(ChaosOverride.TryParse("status=429;retry-after=3", out var rule, out _));

        var forced = engine.Decide(Order with { Override = rule });
        var next = engine.Decide(Order);

        Assert.Equal(429, forced.Outcome!.StatusCode);
        Assert.Equal(3, forced.Outcome.RetryAfterSeconds);
        Assert.True(next.IsNone);
    }

    [Fact]
    public void Decide_MagicNumbers_ForceOutcomesOnOrders()
    {
        var engine = Engine();

        Assert.NotNull(engine.Decide(Order with { Numbers = ["+19195550150"] }).FulfilmentFailure);
        Assert.Equal(TimeSpan.MaxValue, engine.Decide(Order with { Numbers = ["+19195550160"] }).StuckFor);
        Assert.Equal(["+19195550171"], engine.Decide(Order with { Numbers = ["+19195550171", "+19194601234"] }).FailNumbers);
        Assert.Equal(TimeSpan.FromSeconds(2), engine.Decide(Order with { Numbers = ["+19195550180"] }).Latency);
        Assert.Equal(503, engine.Decide(Order with { Numbers = ["+19195550190"] }).Outcome!.StatusCode);
        Assert.True(engine.Decide(Search with { Numbers = ["+19195550150"] }).IsNone);
    }

    [Fact]
    public void Injections_AreRecordedAndBounded()
    {
        var engine = Engine();
        engine.Upsert(new DroughtRule { Name = "r" });

        for (var i = 0; i < 1500; i++)
        {
            engine.Decide(Search);
        }

        Assert.Equal(1000, engine.Injections.Count);
        Assert.Equal(1500, engine.InjectionCount);
        Assert.All(engine.Injections, i => Assert.Equal(("r", ChaosKind.Drought, "dialstack.searchNumbers"), (i.Rule, i.Kind, i.Operation)));
    }

    [Fact]
    public void Upsert_InvalidRule_Throws()
    {
        Assert.Throws<ArgumentException>(() => Engine().Upsert(new RaceRule { Name = "r", InjectionRate = 2 }));
    }

    private sealed class NoPendingInAgentMessage : IChaosApplicability
    {
        public int Calls { get; private set; }

        public IReadOnlyList<string> Problems(ChaosRule rule)
        {
            Calls++;
            return rule is StuckPendingRule && rule.Target.Dialect == "agentmessage"
                ? [$"{ChaosRule.KindName(rule.Kind)} cannot apply to dialect agentmessage: its purchases are synchronous; target another dialect."]
                : [];
        }
    }

    [Fact]
    public void Upsert_RuleThatCannotApply_ThrowsWithTheProblems()
    {
        var applicability = new NoPendingInAgentMessage();
        var engine = new ChaosEngine(new FakeTimeProvider(), new SeededChaosRandomizer(42), applicability);

        var error = Assert.Throws<ArgumentException>(() => engine.Upsert(new StuckPendingRule { Name = "p", Target = new ChaosTarget { Dialect = "agentmessage" } }));
        engine.Upsert(new StuckPendingRule { Name = "q", Target = new ChaosTarget { Dialect = "dialstack" } });

        Assert.StartsWith("stuckPending cannot apply to dialect agentmessage: its purchases are synchronous", error.Message);
        Assert.Equal(["q"], engine.Rules.Select(r => r.Name));
        Assert.Equal(2, applicability.Calls);
    }

    [Fact]
    public void Upsert_InvalidRule_IsRefusedBeforeApplicabilityIsAsked()
    {
        var applicability = new NoPendingInAgentMessage();
        var engine = Engine();
        engine.Applicability = applicability;

        Assert.Throws<ArgumentException>(() => engine.Upsert(new StuckPendingRule { Name = "p", PendingSeconds = -1 }));
        Assert.Equal(0, applicability.Calls);
    }

    [Fact]
    public void Apply_ScenarioWithARuleThatCannotApply_ThrowsAndKeepsTheRules()
    {
        var engine = Engine();
        engine.Applicability = new NoPendingInAgentMessage();
        engine.Upsert(new RaceRule { Name = "kept" });
        var scenario = new ChaosScenario
        {
            Name = "bad",
            Rules = [new DroughtRule { Name = "fine" }, new StuckPendingRule { Name = "p", Target = new ChaosTarget { Dialect = "agentmessage" } }],
        };

        var error = Assert.Throws<ArgumentException>(() => engine.Apply(scenario));

        Assert.Contains("Scenario 'bad', rule 'p': stuckPending cannot apply to dialect agentmessage", error.Message);
        Assert.Equal(["kept"], engine.Rules.Select(r => r.Name));
        Assert.Null(engine.Scenario);
    }

    [Theory]
    [MemberData(nameof(ChaosRuleTests.Examples), MemberType = typeof(ChaosRuleTests))]
    public void Decide_EveryKind_InjectsAndRecordsItsKind(ChaosRule rule)
    {
        var engine = Engine();
        engine.Upsert(rule with { Target = new ChaosTarget(), InjectionRate = 1, MaxInjections = null, Enabled = true });
        var kind = rule.Kind switch
        {
            ChaosKind.Drought => OperationKind.Search,
            ChaosKind.DropCallback or ChaosKind.DuplicateCallback => OperationKind.Callback,
            _ => OperationKind.Order,
        };

        var decision = engine.Decide(Order with { Kind = kind });

        var injection = Assert.Single(decision.Injections);
        Assert.Equal((rule.Name, rule.Kind), (injection.Rule, injection.Kind));
        Assert.NotEqual(ChaosDecision.None with { Injections = decision.Injections }, decision);
    }
}
