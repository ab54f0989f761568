namespace CarrierSim.Core.Chaos;

/// <summary>
/// Knows which chaos kinds can apply to which targets (the server answers from its dialects:
/// e.g. a dialect whose purchases are synchronous cannot keep an order pending). The engine asks
/// it before accepting a rule, so a rule that could never fire is refused when it is made.
/// </summary>
public interface IChaosApplicability
{
    /// <summary>
    /// Why <paramref name="rule"/>'s kind cannot apply to its target, each problem saying how to
    /// fix the rule (e.g. "stuckPending cannot apply to dialect agentmessage: its purchases are
    /// synchronous"); empty when it can.
    /// </summary>
    IReadOnlyList<string> Problems(ChaosRule rule);
}
