using System.Text;
using CarrierSim.Core.Chaos;

namespace CarrierSim.Server.Dialects;

/// <summary>
/// One cell of the chaos matrix: whether a kind applies to a dialect and what it does there.
/// </summary>
/// <param name="Kind">The chaos kind.</param>
/// <param name="Dialect">The dialect id.</param>
/// <param name="Refusal">What the admin API answers (400) to a rule of this kind targeted at the dialect; null when it is accepted.</param>
/// <param name="EngineActs">Whether the engine acts on the kind for some operation the dialect has (<see cref="ChaosEngine.Acts"/>).</param>
/// <param name="Phrase">The dialect's own phrase (<see cref="Http.IDialectModule.DescribeChaos"/>).</param>
internal sealed record ChaosMatrixCell(ChaosKind Kind, string Dialect, string? Refusal, bool EngineActs, string? Phrase)
{
    /// <summary>The rule is accepted when created.</summary>
    public bool Applies => Refusal is null;

    /// <summary>
    /// Why the platform contradicts itself on this cell (a rule accepted that never fires, a refused kind the engine
    /// would act on, an applying kind the dialect does not describe); null when it agrees.
    /// </summary>
    public string? Inconsistency =>
        Applies && !EngineActs ? "rule creation accepts it, but the engine acts on none of the dialect's operations"
        : !Applies && EngineActs ? "rule creation refuses it, but the engine would act on the dialect's operations"
        : Applies && string.IsNullOrWhiteSpace(Phrase) ? "it applies, but the dialect's DescribeChaos gives no phrase"
        : null;

    /// <summary>The Markdown cell: the dialect's phrase, or the refusal followed by the dialect's note.</summary>
    public string Text => Applies ? Phrase! : $"refused at rule creation (400: {Short(Refusal!)})" + (string.IsNullOrWhiteSpace(Phrase) ? "" : "; " + Phrase);

    // "stuckPending cannot apply to identitycall: purchases there are synchronous, …; target …" → the reason alone.
    private static string Short(string refusal)
    {
        var colon = refusal.IndexOf(": ", StringComparison.Ordinal);
        var reason = colon < 0 ? refusal : refusal[(colon + 2)..];
        var semicolon = reason.IndexOf(';', StringComparison.Ordinal);
        return (semicolon < 0 ? reason : reason[..semicolon]).TrimEnd('.');
    }
}

/// <summary>
/// The chaos matrix (kind × dialect), derived from the registry: whether rule creation accepts a kind
/// aimed at a dialect (<see cref="DialectChaosApplicability"/> over each dialect's capabilities), whether
/// the engine acts on it there (<see cref="ChaosEngine.Acts"/>), and what it does, in the dialect's own
/// words. docs/chaos.md shows <see cref="Render"/>; a test keeps them equal.
/// </summary>
internal static class ChaosMatrix
{
    public static IReadOnlyList<ChaosKind> Kinds { get; } = Enum.GetValues<ChaosKind>();

    public static IReadOnlyList<ChaosMatrixCell> Cells() =>
        [.. Kinds.SelectMany(kind => DialectRegistry.All.Select(dialect => Cell(kind, dialect)))];

    public static ChaosMatrixCell Cell(ChaosKind kind, DialectRegistration dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        var applicability = new DialectChaosApplicability(DialectRegistry.Ids, () => new Dictionary<string, OperationKind>());
        var problems = applicability.Problems(SampleRule(kind, dialect.Id));
        var operations = Enum.GetValues<OperationKind>().Where(o => o != OperationKind.Callback || dialect.Capabilities.Callbacks);
        var acts = operations.Any(o => ChaosEngine.Acts(kind, o, dialect.Capabilities.AsyncOrders));
        return new ChaosMatrixCell(kind, dialect.Id, problems.Count == 0 ? null : problems[0], acts, dialect.DescribeChaos(kind) ?? PlatformPhrase(kind));
    }

    /// <summary>What a kind does the same way in every dialect, when the dialect has nothing to add.</summary>
    public static string? PlatformPhrase(ChaosKind kind) => kind switch
    {
        ChaosKind.Fault => "the transport breaks; a reset gets no response (journal status 0)",
        ChaosKind.Latency => "the answer is delayed in real time",
        ChaosKind.LostResponse => "the order or release is committed, then its answer is lost: a reset, a hang, or 502 / 504 in the vendor's envelope",
        _ => null,
    };

    /// <summary>A valid rule of a kind, targeted at one dialect.</summary>
    public static ChaosRule SampleRule(ChaosKind kind, string dialect)
    {
        var name = $"matrix-{ChaosRule.KindName(kind)}-{dialect}";
        var target = new ChaosTarget { Dialect = dialect };
        return kind switch
        {
            ChaosKind.Fault => new FaultRule { Name = name, Target = target, Fault = FaultKind.ConnectionReset },
            ChaosKind.Latency => new LatencyRule { Name = name, Target = target, DelayMs = 1000 },
            ChaosKind.Outcome => new OutcomeRule { Name = name, Target = target, StatusCode = 503 },
            ChaosKind.Race => new RaceRule { Name = name, Target = target },
            ChaosKind.PartialFill => new PartialFillRule { Name = name, Target = target, FillRatio = 0.5 },
            ChaosKind.FulfilmentFailure => new FulfilmentFailureRule { Name = name, Target = target },
            ChaosKind.StuckPending => new StuckPendingRule { Name = name, Target = target },
            ChaosKind.Drought => new DroughtRule { Name = name, Target = target },
            ChaosKind.DropCallback => new DropCallbackRule { Name = name, Target = target },
            ChaosKind.DuplicateCallback => new DuplicateCallbackRule { Name = name, Target = target },
            ChaosKind.LostResponse => new LostResponseRule { Name = name, Target = target, Loss = ResponseLoss.GatewayTimeout },
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No sample rule for this chaos kind."),
        };
    }

    /// <summary>The matrix as a Markdown table: a row per kind, a column per dialect.</summary>
    /// <exception cref="InvalidOperationException">A cell is inconsistent (see <see cref="ChaosMatrixCell.Inconsistency"/>).</exception>
    public static string Render()
    {
        var dialects = DialectRegistry.All;
        var text = new StringBuilder();
        text.Append("| kind |").AppendJoin("", dialects.Select(d => $" {d.Id} |")).Append('\n');
        text.Append("|---|").AppendJoin("", dialects.Select(_ => "---|")).Append('\n');
        foreach (var kind in Kinds)
        {
            text.Append($"| `{ChaosRule.KindName(kind)}` |");
            foreach (var dialect in dialects)
            {
                var cell = Cell(kind, dialect);
                if (cell.Inconsistency is { } problem)
                {
                    throw new InvalidOperationException($"Chaos matrix cell {ChaosRule.KindName(kind)} × {dialect.Id}: {problem}.");
                }

                text.Append(' ').Append(cell.Text.Replace("|", "\\|", StringComparison.Ordinal)).Append(" |");
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}
