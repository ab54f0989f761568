using System.Text.RegularExpressions;

namespace CarrierSim.Contracts;

/// <summary>
/// Creates <see cref="Matcher"/>s (Pact V4 matching rules). Prefer these to literal values in contracts: a
/// literal in a response body must be returned exactly, a matcher only constrains the shape or format.
/// </summary>
public static class Match
{
    /// <summary>A value of the same JSON type as <paramref name="example"/>; for objects and arrays the rule cascades to their members.</summary>
    /// <param name="example">The example the mock server returns; its type is what the provider must match.</param>
    /// <returns>A <c>type</c> matcher.</returns>
    public static Matcher Type(object? example) => new("type", example);

    /// <summary>A string matching a regular expression (Rust regex syntax; keep to the common subset).</summary>
    /// <param name="example">An example that matches <paramref name="pattern"/>.</param>
    /// <param name="pattern">The regular expression, usually anchored with ^ and $.</param>
    /// <returns>A <c>regex</c> matcher.</returns>
    /// <exception cref="ArgumentException">The example does not match the pattern.</exception>
    public static Matcher Regex(string example, string pattern)
    {
        ArgumentNullException.ThrowIfNull(example);
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        if (!System.Text.RegularExpressions.Regex.IsMatch(example, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
        {
            throw new ArgumentException($"The example '{example}' does not match the pattern '{pattern}'.", nameof(example));
        }

        return new("regex", example, ("regex", pattern));
    }

    /// <summary>An array whose every element matches <paramref name="element"/> by type, with at least <paramref name="min"/> elements.</summary>
    /// <param name="element">One example element; it may contain matchers itself.</param>
    /// <param name="min">The minimum number of elements (0 allows an empty array).</param>
    /// <returns>A <c>type</c> matcher with a minimum, whose example is a one-element array.</returns>
    public static Matcher EachLike(object? element, int min = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(min);
        return new("type", new[] { element }, ("min", min));
    }

    /// <summary>A JSON integer.</summary>
    /// <param name="example">The example value.</param>
    /// <returns>An <c>integer</c> matcher.</returns>
    public static Matcher Integer(long example) => new("integer", example);

    /// <summary>A JSON number with a fractional part.</summary>
    /// <param name="example">The example value.</param>
    /// <returns>A <c>decimal</c> matcher.</returns>
    public static Matcher Decimal(double example) => new("decimal", example);

    /// <summary>A JSON boolean.</summary>
    /// <param name="example">The example value.</param>
    /// <returns>A <c>boolean</c> matcher.</returns>
    public static Matcher Boolean(bool example) => new("boolean", example);

    /// <summary>
    /// A string holding a date and time in <paramref name="format"/> (the engine's Java-style patterns, e.g.
    /// <c>yyyy-MM-dd'T'HH:mm:ssXXX</c>; <c>XXX</c> accepts <c>Z</c> and <c>+00:00</c>; optional sections are not supported).
    /// </summary>
    /// <param name="example">An example in that format.</param>
    /// <param name="format">The pattern the provider's value must follow.</param>
    /// <returns>A <c>datetime</c> matcher.</returns>
    public static Matcher DateTime(string example, string format)
    {
        ArgumentNullException.ThrowIfNull(example);
        ArgumentException.ThrowIfNullOrEmpty(format);
        return new("datetime", example, ("format", format));
    }

    /// <summary>A string that contains <paramref name="substring"/>; the substring is also the example.</summary>
    /// <param name="substring">The text the value must contain.</param>
    /// <returns>An <c>include</c> matcher.</returns>
    public static Matcher Include(string substring)
    {
        ArgumentException.ThrowIfNullOrEmpty(substring);
        return new("include", substring);
    }
}
