using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace CarrierSim.Server.Http;

/// <summary>Shared query-string helpers: trimmed values, and numbers in a range with the field's error.</summary>
internal static class QueryReader
{
    /// <summary>The trimmed value of a query parameter; null when absent or blank.</summary>
    public static string? Param(this IQueryCollection query, string name) =>
        query.TryGetValue(name, out var value) ? Trimmed(value) : null;

    /// <summary>
    /// An integer parameter from <paramref name="min"/> to <paramref name="max"/>: the default when
    /// absent; null (and an entry in <paramref name="errors"/>) when present and invalid.
    /// </summary>
    public static int? Int(this IQueryCollection query, string name, int min, int max, int fallback, IDictionary<string, string> errors, string? message = null)
    {
        if (query.Param(name) is not { } text)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors[name] = message ?? $"must be an integer from {min} to {max} (default {fallback})";
        return null;
    }

    private static string? Trimmed(StringValues value) =>
        string.IsNullOrWhiteSpace(value.ToString()) ? null : value.ToString().Trim();
}
