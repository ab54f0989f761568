using System.Globalization;

namespace CarrierSim.Core.Chaos;

/// <summary>
/// Parses the per-request override header (<c>X-CarrierSim-Chaos</c>) into a one-off rule:
/// <c>race</c>, <c>drought</c>, <c>fail</c>, <c>partial[=0.5]</c>, <c>pending[=seconds]</c>,
/// <c>latency=ms</c>, <c>status=503[;retry-after=2]</c>, <c>reset</c>, <c>empty</c>, <c>emptybody</c>,
/// <c>malformed</c>, <c>hang</c>, <c>lost[=reset|hang|502|504]</c>.
/// </summary>
public static class ChaosOverride
{
    public const string Header = "X-CarrierSim-Chaos";

    public const string Help = "use one of: race, drought, fail, partial[=0.5], pending[=seconds], latency=<ms>, status=<400-599>[;retry-after=<s>], reset, empty, emptybody, malformed, hang, lost[=reset|hang|502|504]";

    public static bool TryParse(string text, out ChaosRule? rule, out string? error)
    {
        rule = null;
        error = null;
        var parts = text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            error = $"{Header} is empty: {Help}.";
            return false;
        }

        var (name, value) = Split(parts[0]);
        ResponseLoss? loss = name != "lost" ? null : value?.ToLowerInvariant() switch
        {
            null or "reset" => ResponseLoss.ConnectionReset,
            "hang" => ResponseLoss.Hang,
            "502" => ResponseLoss.BadGateway,
            "504" => ResponseLoss.GatewayTimeout,
            _ => null,
        };
        double? number = value is null || name == "lost" ? null : double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : double.NaN;
        int? retryAfter = null;
        foreach (var extra in parts.Skip(1))
        {
            var (key, v) = Split(extra);
            if (key == "retry-after" && int.TryParse(v, CultureInfo.InvariantCulture, out var seconds))
            {
                retryAfter = seconds;
            }
            else
            {
                error = $"{Header}: unknown option '{extra}'; only retry-after=<seconds> may follow a status; {Help}.";
                return false;
            }
        }

        const string Name = "header";
        rule = name switch
        {
            "race" => new RaceRule { Name = Name },
            "drought" => new DroughtRule { Name = Name },
            "fail" => new FulfilmentFailureRule { Name = Name },
            "partial" => new PartialFillRule { Name = Name, FillRatio = number ?? 0.5 },
            "pending" => new StuckPendingRule { Name = Name, PendingSeconds = number },
            "latency" when number is not null => new LatencyRule { Name = Name, Distribution = LatencyDistribution.Fixed, DelayMs = number },
            "status" when number is not null => new OutcomeRule { Name = Name, StatusCode = (int)number.Value, RetryAfterSeconds = retryAfter },
            "reset" => new FaultRule { Name = Name, Fault = FaultKind.ConnectionReset },
            "empty" => new FaultRule { Name = Name, Fault = FaultKind.EmptyResponse },
            "malformed" => new FaultRule { Name = Name, Fault = FaultKind.MalformedBody },
            "hang" => new FaultRule { Name = Name, Fault = FaultKind.Hang },
            "emptybody" => new FaultRule { Name = Name, Fault = FaultKind.EmptyBody },
            "lost" when loss is not null => new LostResponseRule { Name = Name, Loss = loss.Value },
            _ => null,
        };
        var problems = rule?.Validate() ?? [];
        if (rule is null || problems.Count > 0 || (number is double d && double.IsNaN(d)))
        {
            error = $"{Header}: '{text}' is not understood: {(problems.Count > 0 ? string.Join(" ", problems) + " " : "")}{Help}.";
            rule = null;
            return false;
        }

        return true;
    }

    private static (string Name, string? Value) Split(string part)
    {
        var equals = part.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? (part.ToLowerInvariant(), null) : (part[..equals].Trim().ToLowerInvariant(), part[(equals + 1)..].Trim());
    }
}
