using System.Xml.Linq;

namespace CarrierSim.Contracts.Tests.Dialects;

/// <summary>
/// Pact's XML-with-matchers form (the one pact-js's XmlBuilder writes and the engine reads for
/// <c>application/xml</c> bodies): elements with children, text nodes with an optional matcher, and repeated
/// elements as a <c>type</c> matcher. <see cref="Render"/> gives the example document a client sends.
/// </summary>
internal static class PactXml
{
    public static Dictionary<string, object?> Document(Dictionary<string, object?> root) =>
        new(StringComparer.Ordinal) { ["version"] = "1.0", ["charset"] = "UTF-8", ["root"] = root };

    /// <summary>An element; string children are text matched exactly.</summary>
    public static Dictionary<string, object?> Element(string name, params object[] children) => new(StringComparer.Ordinal)
    {
        ["name"] = name,
        ["attributes"] = new Dictionary<string, string>(StringComparer.Ordinal),
        ["children"] = children.Select(c => c is string text ? new Dictionary<string, object?>(StringComparer.Ordinal) { ["content"] = text } : c).ToList(),
    };

    /// <summary>An element whose text matches <paramref name="regex"/> (the example must match too).</summary>
    public static Dictionary<string, object?> Regex(string name, string example, string regex)
    {
        Assert.Matches(regex, example);
        return Element(name, new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["content"] = example,
            ["matcher"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["pact:matcher:type"] = "regex", ["regex"] = regex, ["value"] = example },
        });
    }

    /// <summary>At least <paramref name="min"/> elements like <paramref name="element"/>.</summary>
    public static Dictionary<string, object?> EachLike(Dictionary<string, object?> element, int min = 1) => new(StringComparer.Ordinal)
    {
        ["pact:matcher:type"] = "type",
        ["min"] = min,
        ["examples"] = Math.Max(1, min),
        ["value"] = element,
    };

    /// <summary>The example document of a body in this form.</summary>
    public static string Render(object body)
    {
        var document = (Dictionary<string, object?>)body;
        return new XDocument(new XDeclaration("1.0", "UTF-8", "yes"), Nodes(document["root"]!).Single()).ToString(SaveOptions.DisableFormatting);
    }

    private static IEnumerable<XNode> Nodes(object node)
    {
        var map = (Dictionary<string, object?>)node;
        if (map.TryGetValue("pact:matcher:type", out _))
        {
            var count = (int)map["examples"]!;
            return Enumerable.Range(0, count).SelectMany(_ => Nodes(map["value"]!));
        }

        if (map.TryGetValue("content", out var content))
        {
            return [new XText((string)content!)];
        }

        var children = ((IEnumerable<object>)map["children"]!).SelectMany(Nodes);
        return [new XElement((string)map["name"]!, children)];
    }
}
