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

    public static IReadOnlyDictionary<string, object?> Params(params (string Name, object? Value)[] parameters) =>
        parameters.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);

    public static (string, IReadOnlyDictionary<string, object?>) State(string name, params (string Name, object? Value)[] parameters) =>
        (name, Params(parameters));

    public static string Str(this JsonElement element, string property) =>
        element.GetProperty(property).GetString() ?? throw new InvalidOperationException($"{property} is null");

    public static void IsE164(string? value) => Assert.Matches(E164Pattern, value ?? string.Empty);
}
