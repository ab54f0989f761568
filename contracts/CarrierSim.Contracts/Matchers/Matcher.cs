using System.Text.Json;

namespace CarrierSim.Contracts;

/// <summary>
/// A matching rule with an example value, created by <see cref="Match"/>. Wherever the builders take a value
/// (a JSON body property or array element, a query or header value, the request path), a matcher can stand
/// in for it: the mock server answers with the example, and the pact records the rule instead of the literal.
/// </summary>
public sealed class Matcher
{
    internal Matcher(string type, object? example, params (string Name, object? Value)[] attributes)
    {
        Type = type;
        Example = example;
        Attributes = attributes;
    }

    internal string Type { get; }

    internal object? Example { get; }

    internal IReadOnlyList<(string Name, object? Value)> Attributes { get; }

    /// <summary>The matcher as Pact "integration JSON", the form the engine reads.</summary>
    /// <returns>A JSON object such as <c>{"pact:matcher:type":"regex","regex":"^a+$","value":"aa"}</c>.</returns>
    public override string ToString() => JsonSerializer.Serialize(this, PactJson.Options);
}
