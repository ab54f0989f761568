using System.Text.Json;

namespace CarrierSim.Contracts.Tests.Dialects;

/// <summary>Matchers and helpers shared by the dialect contracts.</summary>
internal static class Vendor
{
    public const string E164Pattern = @"^\+[1-9]\d{1,14}$";

    /// <summary>Seconds precision, UTC designator or offset: the DialStack and AgentMessage documents' format.</summary>
    public const string SecondsTimestamp = "yyyy-MM-dd'T'HH:mm:ssXXX";

    /// <summary>Millisecond precision (JavaScript's toISOString): the DialNexa document's format.</summary>
    public const string MillisecondsTimestamp = "yyyy-MM-dd'T'HH:mm:ss.SSSXXX";

    public const string DecimalString = @"^\d+(\.\d+)?$";

    public const string Uuid = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";

    /// <summary>
    /// Exactly this string. Needed inside <see cref="Match.EachLike"/>: the engine cascades the array's type
    /// rule to the elements' members, so a literal there would only be checked for its type.
    /// </summary>
    public static Matcher Exactly(string value) => Match.Regex(value, "^" + System.Text.RegularExpressions.Regex.Escape(value) + "$");

    /// <summary>A vendor path, optionally behind the prefix the provider is mounted under (e.g. /dialstack).</summary>
    public static string MountedPath(string pathPattern) => @"^(/[\w.-]+)*" + pathPattern + "$";

    public static Matcher E164(string example) => Match.Regex(example, E164Pattern);

    /// <summary>
    /// A JSON string matching <paramref name="pattern"/>. A regex rule alone is not enough where the pattern is all
    /// digits: the engine matches a number by its text, so <c>426</c> passes <c>^\d{3}$</c>. This is a type rule AND a
    /// regex rule, written as a matching-rule expression (the engine's integration JSON takes one in place of a
    /// matcher name). Keep single quotes out of the pattern (write <c>\x27</c>): they delimit the expression's strings.
    /// </summary>
    public static Matcher Text(string example, string pattern)
    {
        _ = Match.Regex(example, pattern); // the same checks: the example must match
        if (example.Contains('\'', StringComparison.Ordinal) || pattern.Contains('\'', StringComparison.Ordinal))
        {
            throw new ArgumentException("Single quotes delimit the expression's strings: write \\x27 in the pattern and leave them out of the example.");
        }

        return new Matcher($"matching(type, '{example}'), matching(regex, '{pattern}', '{example}')", example);
    }

    /// <summary>A decimal amount as a JSON string (<c>"0.80"</c>), not a JSON number.</summary>
    public static Matcher DecimalText(string example) => Text(example, DecimalString);

    /// <summary>Upper-case place names as carriers' LERG-style data writes them ("RALEIGH", "CHAPEL HILL", "FUQUAY-VARINA").</summary>
    public const string UpperCasePlace = @"^[A-Z0-9][A-Z0-9 .&/\x27-]*$";

    public static IReadOnlyDictionary<string, object?> Params(params (string Name, object? Value)[] parameters) =>
        parameters.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);

    public static (string, IReadOnlyDictionary<string, object?>) State(string name, params (string Name, object? Value)[] parameters) =>
        (name, Params(parameters));

    public static string Str(this JsonElement element, string property) =>
        element.GetProperty(property).GetString() ?? throw new InvalidOperationException($"{property} is null");

    public static void IsE164(string? value) => Assert.Matches(E164Pattern, value ?? string.Empty);
}
