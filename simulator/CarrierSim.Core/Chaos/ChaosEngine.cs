using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using CarrierSim.Core.Randomness;
using CarrierSim.Core.State;

namespace CarrierSim.Core.Chaos;

/// <summary>
/// Holds the chaos rules and decides, per request, what to inject. Each rule draws from
/// (seed, rule, request fingerprint, occurrence of that fingerprint), so the same seed and
/// the same request sequence give the same injections, whatever the threads do.
/// </summary>
public sealed class ChaosEngine
{
    private const int LogCapacity = 1000;

    private readonly TimeProvider _time;
    private readonly IChaosRandomizer _randomizer;
    private readonly Lock _gate = new();
    private readonly List<ChaosRule> _rules = [];
    private readonly Dictionary<string, int> _injected = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ulong, int> _occurrences = new();
    private readonly Queue<Injection> _log = new();
    private long _injectionCount;

    public ChaosEngine(TimeProvider time, IChaosRandomizer randomizer, IChaosApplicability? applicability = null)
    {
        _time = time;
        _randomizer = randomizer;
        Applicability = applicability;
    }

    /// <summary>
    /// Refuses rules whose kind cannot apply to their target; every rule is accepted when null.
    /// Set it before rules are added: rules already held are not checked again.
    /// </summary>
    public IChaosApplicability? Applicability { get; set; }

    /// <summary>The scenario last applied, if any.</summary>
    public string? Scenario { get; private set; }

    public IReadOnlyList<ChaosRule> Rules
    {
        get
        {
            lock (_gate)
            {
                return [.. _rules];
            }
        }
    }

    /// <summary>Injections so far (newest last), at most the last 1,000.</summary>
    public IReadOnlyList<Injection> Injections
    {
        get
        {
            lock (_gate)
            {
                return [.. _log];
            }
        }
    }

    public long InjectionCount => Interlocked.Read(ref _injectionCount);

    public int InjectedBy(string rule)
    {
        lock (_gate)
        {
            return _injected.GetValueOrDefault(rule);
        }
    }

    /// <summary>Adds a rule, or replaces the rule of the same name.</summary>
    /// <exception cref="ArgumentException">The rule is invalid or cannot apply to its target; the message says how to fix it.</exception>
    public void Upsert(ChaosRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var errors = Problems(rule);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(rule));
        }

        lock (_gate)
        {
            var index = _rules.FindIndex(r => r.Name == rule.Name);
            if (index >= 0)
            {
                _rules[index] = rule;
            }
            else
            {
                _rules.Add(rule);
            }

            _injected.Remove(rule.Name);
        }
    }

    /// <summary>What makes a rule unusable here: its own problems, then why it cannot apply to its target.</summary>
    public IReadOnlyList<string> Problems(ChaosRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var problems = rule.Validate();
        return problems.Count > 0 || Applicability is not { } applicability ? problems : applicability.Problems(rule);
    }

    public bool Remove(string name)
    {
        lock (_gate)
        {
            _injected.Remove(name);
            return _rules.RemoveAll(r => r.Name == name) > 0;
        }
    }

    public ChaosRule? Find(string name)
    {
        lock (_gate)
        {
            return _rules.Find(r => r.Name == name);
        }
    }

    /// <summary>Replaces every rule with a scenario's.</summary>
    /// <exception cref="ArgumentException">A rule is invalid or cannot apply to its target; no rule is changed.</exception>
    public void Apply(ChaosScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        foreach (var rule in scenario.Rules)
        {
            var errors = Problems(rule);
            if (errors.Count > 0)
            {
                throw new ArgumentException($"Scenario '{scenario.Name}', rule '{rule.Name}': {string.Join(" ", errors)}", nameof(scenario));
            }
        }

        lock (_gate)
        {
            _rules.Clear();
            _rules.AddRange(scenario.Rules);
            _injected.Clear();
            Scenario = scenario.Name;
        }
    }

    /// <summary>
    /// The rules and the scenario, for a shared store: every process over it applies the same rules.
    /// Counters (how many times a rule injected, the occurrences that seed each draw) and the
    /// injection log stay per process.
    /// </summary>
    public ISharedState State => new RuleState(this);

    private sealed record RulesDocument(List<ChaosRule> Rules, string? Scenario);

    private sealed class RuleState(ChaosEngine engine) : ISharedState
    {
        public string Name => "chaos";

        public byte[] Export()
        {
            lock (engine._gate)
            {
                return StateJson.Serialize(new RulesDocument([.. engine._rules], engine.Scenario));
            }
        }

        public void Import(ReadOnlySpan<byte> state)
        {
            var document = StateJson.Deserialize<RulesDocument>(state);
            lock (engine._gate)
            {
                engine._rules.Clear();
                engine._rules.AddRange(document.Rules);
                engine.Scenario = document.Scenario;
            }
        }
    }

    /// <summary>Removes every rule and forgets injections and counters.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _rules.Clear();
            _injected.Clear();
            _log.Clear();
            Scenario = null;
        }

        _occurrences.Clear();
        Interlocked.Exchange(ref _injectionCount, 0);
    }

    public void ClearInjections()
    {
        lock (_gate)
        {
            _log.Clear();
        }
    }

    /// <summary>Decides what to inject into one request, and records what it injects.</summary>
    public ChaosDecision Decide(ChaosRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fingerprint = Fingerprint(request);
        var occurrence = (ulong)_occurrences.AddOrUpdate(fingerprint, 1, (_, n) => n + 1);
        if (_occurrences.Count > 100_000)
        {
            _occurrences.Clear();
        }

        var decision = new ChaosDecision();
        var injections = new List<Injection>();
        var candidates = Rules;
        if (request.Override is { } forced)
        {
            candidates = [forced, .. candidates];
        }

        foreach (var kind in (ChaosKind[])[ChaosKind.Fault, ChaosKind.Latency, ChaosKind.Outcome, ChaosKind.Race, ChaosKind.PartialFill,
                     ChaosKind.FulfilmentFailure, ChaosKind.StuckPending, ChaosKind.Drought, ChaosKind.DropCallback, ChaosKind.DuplicateCallback, ChaosKind.LostResponse])
        {
            foreach (var rule in candidates.Where(r => r.Kind == kind && r.Enabled && Matches(r, request)))
            {
                var draw = _randomizer.NextUnit(StableHash.Stream("chaos:" + rule.Name), StableHash.Mix(fingerprint ^ StableHash.Mix(occurrence)));
                if (draw >= rule.InjectionRate || !TryCount(rule))
                {
                    continue;
                }

                (decision, var detail) = Merge(decision, rule, fingerprint, occurrence);
                injections.Add(new Injection(_time.GetUtcNow(), rule.Name, kind, request.Dialect, request.Operation, request.Account, detail));
                break;
            }

            // A fault ends the request, and an outcome answers it: later stages never happen, so
            // they are neither applied nor logged.
            if (decision.Fault is not null || decision.Outcome is not null)
            {
                break;
            }
        }

        if (decision.Fault is null && decision.Outcome is null)
        {
            decision = ApplyMagicNumbers(decision, request, injections);
        }
        if (injections.Count == 0)
        {
            return ChaosDecision.None;
        }

        lock (_gate)
        {
            foreach (var injection in injections)
            {
                _log.Enqueue(injection);
                if (_log.Count > LogCapacity)
                {
                    _log.Dequeue();
                }
            }
        }

        Interlocked.Add(ref _injectionCount, injections.Count);
        return decision with { Injections = injections };
    }

    private (ChaosDecision, string) Merge(ChaosDecision decision, ChaosRule rule, ulong fingerprint, ulong occurrence)
    {
        switch (rule)
        {
            case FaultRule fault:
                return (decision with { Fault = fault.Fault }, $"{fault.Fault}");
            case LatencyRule latencyRule:
                var latency = SampleLatency(latencyRule, fingerprint, occurrence);
                return (decision with { Latency = latency }, $"{latency.TotalMilliseconds:F0} ms");
            case OutcomeRule outcome:
                return (decision with { Outcome = outcome }, $"{outcome.StatusCode}");
            case RaceRule:
                return (decision with { Race = true }, "numbers taken by another buyer");
            case PartialFillRule partial:
                var ratio = partial.FillRatio ?? 0.5;
                return (decision with { FillRatio = ratio }, $"fill ratio {ratio:F2}");
            case FulfilmentFailureRule failure:
                return (decision with { FulfilmentFailure = failure.Message ?? FulfilmentFailureRule.DefaultMessage }, "fails at fulfilment");
            case StuckPendingRule pending:
                var stuck = pending.PendingSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : TimeSpan.MaxValue;
                return (decision with { StuckFor = stuck }, stuck == TimeSpan.MaxValue ? "pending until forced" : $"pending {stuck.TotalSeconds:F0} s");
            case DropCallbackRule:
                return (decision with { DropCallback = true }, "callback dropped");
            case DuplicateCallbackRule:
                return (decision with { DuplicateCallback = true }, "callback delivered twice");
            case DroughtRule:
                return (decision with { Drought = true }, "search comes back empty");
            case LostResponseRule lost:
                return (decision with { LostResponse = lost.Loss }, $"processed, then the answer is lost ({LossName(lost.Loss)})");
            default:
                throw new InvalidOperationException($"No decision for chaos rule kind {rule.Kind} ({rule.GetType().Name}).");
        }
    }

    private ChaosDecision ApplyMagicNumbers(ChaosDecision decision, ChaosRequest request, List<Injection> injections)
    {
        if (request.Kind != OperationKind.Order)
        {
            return decision;
        }

        var failing = new List<string>();
        foreach (var number in request.Numbers.Distinct())
        {
            var behaviour = MagicNumbers.Of(number);
            var (changed, detail) = behaviour switch
            {
                MagicBehaviour.FailsAtFulfilment => (decision with { FulfilmentFailure = "The carrier rejected the order at fulfilment (magic number)." }, "fails at fulfilment"),
                // A synchronous purchase cannot stay pending: the number acts as an available one there.
                MagicBehaviour.StaysPending when request.AsyncOrders => (decision with { StuckFor = TimeSpan.MaxValue }, "pending until forced"),
                MagicBehaviour.FillsPartially => (decision, "fails alone at fulfilment"),
                MagicBehaviour.Slow => (decision with { Latency = TimeSpan.FromSeconds(2) }, "2000 ms"),
                MagicBehaviour.CarrierError => (decision with { Outcome = CarrierError }, "503"),
                _ => (decision, (string?)null),
            };
            if (behaviour == MagicBehaviour.FillsPartially)
            {
                failing.Add(number);
            }

            if (detail is not null)
            {
                decision = changed;
                injections.Add(new Injection(_time.GetUtcNow(), "magic:" + number, KindOf(behaviour!.Value), request.Dialect, request.Operation, request.Account, detail));
            }
        }

        return failing.Count == 0 ? decision : decision with { FailNumbers = failing };
    }

    private static readonly OutcomeRule CarrierError = new()
    {
        Name = "magic:carrier-error", StatusCode = 503, RetryAfterSeconds = 1,
        Message = "The upstream carrier is unavailable; retry later.",
    };

    private static ChaosKind KindOf(MagicBehaviour behaviour) => behaviour switch
    {
        MagicBehaviour.Slow => ChaosKind.Latency,
        MagicBehaviour.CarrierError => ChaosKind.Outcome,
        MagicBehaviour.StaysPending => ChaosKind.StuckPending,
        MagicBehaviour.FillsPartially => ChaosKind.PartialFill,
        _ => ChaosKind.FulfilmentFailure,
    };

    private bool TryCount(ChaosRule rule)
    {
        lock (_gate)
        {
            var count = _injected.GetValueOrDefault(rule.Name);
            if (rule.MaxInjections is { } max && count >= max)
            {
                return false;
            }

            _injected[rule.Name] = count + 1;
            return true;
        }
    }

    private TimeSpan SampleLatency(LatencyRule rule, ulong fingerprint, ulong occurrence)
    {
        var stream = StableHash.Stream("chaos.latency:" + rule.Name);
        var u1 = _randomizer.NextUnit(stream, StableHash.Mix(fingerprint + occurrence));
        var u2 = _randomizer.NextUnit(stream, StableHash.Mix(fingerprint ^ (occurrence * 31)));
        var ms = rule.Distribution switch
        {
            LatencyDistribution.Fixed => rule.DelayMs ?? 0,
            LatencyDistribution.Uniform => (rule.MinMs ?? 0) + (u1 * ((rule.MaxMs ?? 0) - (rule.MinMs ?? 0))),
            _ => (rule.MedianMs ?? 1) * Math.Exp((rule.Sigma ?? 0) * Math.Sqrt(-2 * Math.Log(1 - u1)) * Math.Cos(2 * Math.PI * u2)),
        };
        return TimeSpan.FromMilliseconds(Math.Clamp(ms, 0, 600_000));
    }

    /// <summary>
    /// Whether a kind can act on an operation of this kind at all: behaviours act only where they
    /// mean something (a race or a fulfilment plan on an order, a drought on a search, callback
    /// chaos on a callback), so a broadly targeted rule is neither applied nor logged elsewhere.
    /// </summary>
    public static bool Acts(ChaosKind kind, OperationKind operation, bool asyncOrders = true) => kind switch
    {
        ChaosKind.Race or ChaosKind.PartialFill or ChaosKind.FulfilmentFailure => operation == OperationKind.Order,
        ChaosKind.StuckPending => operation == OperationKind.Order && asyncOrders,
        ChaosKind.Drought => operation == OperationKind.Search,
        ChaosKind.DropCallback or ChaosKind.DuplicateCallback => operation == OperationKind.Callback,
        ChaosKind.LostResponse => operation is OperationKind.Order or OperationKind.Release,
        ChaosKind.Latency => true,
        _ => operation != OperationKind.Callback,
    };

    private static string LossName(ResponseLoss loss) => loss switch
    {
        ResponseLoss.Hang => "hang",
        ResponseLoss.BadGateway => "502",
        ResponseLoss.GatewayTimeout => "504",
        _ => "reset",
    };

    private static bool Matches(ChaosRule rule, ChaosRequest request)
    {
        if (!Acts(rule.Kind, request.Kind, request.AsyncOrders))
        {
            return false;
        }

        var target = rule.Target;
        if (target.Dialect is { } dialect && !string.Equals(dialect, request.Dialect, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (target.Operation is { } operation && !operation.Split('|').Any(glob => Glob(glob.Trim(), request.Operation)))
        {
            return false;
        }

        if (target.Account is { } account && !string.Equals(account, request.Account, StringComparison.Ordinal))
        {
            return false;
        }

        return target.NumberPattern is not { } pattern
            || request.Numbers.Any(n => Regex.IsMatch(n, pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100)));
    }

    /// <summary>Operation patterns: <c>*</c> matches any run of characters, e.g. <c>*.createOrder</c>.</summary>
    private static bool Glob(string pattern, string text) =>
        Regex.IsMatch(text, "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal) + "$", RegexOptions.IgnoreCase, TimeSpan.FromMilliseconds(100));

    private static ulong Fingerprint(ChaosRequest request)
    {
        var text = string.Join('|', request.Dialect, request.Operation, request.Account, string.Join(',', request.Numbers));
        return StableHash.Stream(text);
    }
}
