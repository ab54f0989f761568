using CarrierSim.Core.Chaos;

namespace CarrierSim.Server.Dialects;

/// <summary>
/// Refuses chaos rules that could never fire, from what the registry says each dialect can do:
/// stuck-pending on a dialect whose purchases are synchronous, callback chaos on a dialect that
/// sends no callbacks, a dialect that does not exist or is not served, or a kind aimed at an
/// operation it cannot act on (e.g. a drought on <c>dialstack.createOrder</c>).
/// </summary>
internal sealed class DialectChaosApplicability(IReadOnlyList<string> served, Func<IReadOnlyDictionary<string, OperationKind>> operations) : IChaosApplicability
{
    public IReadOnlyList<string> Problems(ChaosRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var problems = new List<string>();
        var kind = Camel(rule.Kind);
        var dialectId = rule.Target.Dialect ?? DialectOf(rule.Target.Operation);
        var dialects = dialectId is null ? DialectRegistry.All.Where(d => served.Contains(d.Id)).ToList() : [.. DialectRegistry.All.Where(d => d.Id.Equals(dialectId, StringComparison.OrdinalIgnoreCase))];
        if (dialectId is not null && (dialects.Count == 0 || !served.Contains(dialects[0].Id)))
        {
            problems.Add($"target dialect '{dialectId}' is not served: use one of {string.Join(", ", served)}.");
            return problems;
        }

        if (rule.Kind == ChaosKind.StuckPending && dialects.All(d => !d.Capabilities.AsyncOrders))
        {
            problems.Add($"{kind} cannot apply to {Names(dialects)}: purchases there are synchronous, so no order can stay pending; target a dialect with asynchronous orders ({Names(DialectRegistry.All.Where(d => d.Capabilities.AsyncOrders))}).");
        }

        if (rule.Kind is ChaosKind.DropCallback or ChaosKind.DuplicateCallback && dialects.All(d => !d.Capabilities.Callbacks))
        {
            problems.Add($"{kind} cannot apply to {Names(dialects)}: it sends no callbacks; target {Names(DialectRegistry.All.Where(d => d.Capabilities.Callbacks))}.");
        }

        // An exact operation id names one endpoint: the kind must be able to act on what it does.
        if (rule.Target.Operation is { } operation && !operation.Contains('*', StringComparison.Ordinal) && !operation.Contains('|', StringComparison.Ordinal)
            && operations().TryGetValue(operation, out var operationKind) && !ChaosEngine.Acts(rule.Kind, operationKind))
        {
            problems.Add($"{kind} cannot apply to operation {operation} (a {operationKind.ToString().ToLowerInvariant()} operation): {Where(rule.Kind)}.");
        }

        return problems;
    }

    private static string? DialectOf(string? operation)
    {
        var dot = operation?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        return dot > 0 && !operation![..dot].Contains('*', StringComparison.Ordinal) ? operation[..dot] : null;
    }

    private static string Where(ChaosKind kind) => kind switch
    {
        ChaosKind.Race or ChaosKind.PartialFill or ChaosKind.FulfilmentFailure or ChaosKind.StuckPending => "it acts on orders; target an order operation such as dialstack.createOrder",
        ChaosKind.Drought => "it acts on searches; target a search operation such as dialstack.searchNumbers",
        ChaosKind.DropCallback or ChaosKind.DuplicateCallback => "it acts on callbacks; target agentmessage.inboundCallback or agentmessage.statusCallback",
        ChaosKind.LostResponse => "it acts on orders and releases (the answer of a committed change is lost); target an order or release operation such as dialstack.createOrder",
        _ => "faults and outcomes act on requests to the simulator, not on the callbacks it sends; use latency, dropCallback or duplicateCallback for callbacks",
    };

    private static string Names(IEnumerable<DialectRegistration> dialects) => string.Join(", ", dialects.Select(d => d.Id));

    private static string Camel(ChaosKind kind) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());
}
