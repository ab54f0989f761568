using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CarrierSim.Core.Chaos;

/// <summary>A named bundle of chaos rules, loadable from JSON or YAML.</summary>
public sealed record ChaosScenario
{
    public required string Name { get; init; }

    public string Description { get; init; } = "";

    public IReadOnlyList<ChaosRule> Rules { get; init; } = [];

    /// <summary>How scenarios and rules are written: camelCase names, enums as camelCase strings.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,

        // Rules are polymorphic on "kind"; people write it wherever they like, not only first.
        AllowOutOfOrderMetadataProperties = true,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>A built-in scenario by name, or a scenario file (.json, .yaml, .yml).</summary>
    /// <exception cref="ArgumentException">Unknown name, unreadable file or invalid rules; the message says which.</exception>
    public static ChaosScenario Resolve(string nameOrPath)
    {
        if (BuiltInScenarios.Find(nameOrPath) is { } builtIn)
        {
            return builtIn;
        }

        if (!File.Exists(nameOrPath))
        {
            throw new ArgumentException(
                $"'{nameOrPath}' is neither a built-in scenario ({string.Join(", ", BuiltInScenarios.All.Select(s => s.Name))}) nor an existing scenario file.",
                nameof(nameOrPath));
        }

        var text = File.ReadAllText(nameOrPath);
        var yaml = Path.GetExtension(nameOrPath).ToLowerInvariant() is ".yaml" or ".yml";
        return Parse(text, yaml, Path.GetFileNameWithoutExtension(nameOrPath));
    }

    /// <summary>Parses a scenario; YAML is read through the same JSON model so both accept the same fields.</summary>
    /// <exception cref="ArgumentException">The document is malformed or a rule is invalid; the message says which and how to fix it.</exception>
    public static ChaosScenario Parse(string text, bool yaml, string fallbackName = "custom")
    {
        try
        {
            var root = yaml ? YamlToJson(text) : JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            if (root is JsonObject document)
            {
                if (!document.ContainsKey("name"))
                {
                    document["name"] = fallbackName;
                }

                foreach (var (field, expected) in (ReadOnlySpan<(string, string)>)[("name", "a name"), ("description", "a description"), ("rules", "a list of rules")])
                {
                    if (document.TryGetPropertyValue(field, out var value) && value is null)
                    {
                        throw new ArgumentException($"The scenario's {field} must not be null: give {expected}, or omit it.");
                    }
                }

                if (document["rules"] is JsonArray rules)
                {
                    var kindErrors = rules
                        .Select((rule, i) => (Rule: rule, Problem: ChaosRule.KindProblem(rule), Index: i))
                        .Where(r => r.Problem is not null)
                        .Select(r => $"rule {RuleLabel(r.Rule, r.Index)}: {r.Problem}")
                        .ToList();
                    if (kindErrors.Count > 0)
                    {
                        throw new ArgumentException($"Scenario '{document["name"]}' is invalid: {string.Join(" ", kindErrors)}");
                    }
                }
            }

            var scenario = root.Deserialize<ChaosScenario>(Json) ?? throw new ArgumentException("The scenario is empty.");
            var errors = scenario.Rules.SelectMany(r => r.Validate().Select(e => $"rule '{r.Name}': {e}")).ToList();
            return errors.Count == 0 ? scenario : throw new ArgumentException($"Scenario '{scenario.Name}' is invalid: {string.Join(" ", errors)}");
        }
        catch (Exception e) when (e is JsonException or YamlDotNet.Core.YamlException)
        {
            throw new ArgumentException($"The scenario is not valid {(yaml ? "YAML" : "JSON")}: {e.Message}", e);
        }
    }

    private static string RuleLabel(JsonNode? rule, int index) =>
        rule is JsonObject o && o["name"] is JsonValue name && name.GetValueKind() == JsonValueKind.String ? $"'{name.GetValue<string>()}'" : $"#{index + 1}";

    /// <summary>
    /// Reads YAML into the JSON model. Plain scalars are typed as YAML's core schema types them
    /// (numbers, booleans, null); quoted, block and <c>!!str</c> scalars stay strings, so a rule
    /// named <c>"404"</c> keeps its string name.
    /// </summary>
    private static JsonNode? YamlToJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Count == 0 ? null : ToJson(stream.Documents[0].RootNode);
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(p => KeyValuePair.Create(KeyOf(p.Key), ToJson(p.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(ToJson)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new YamlException(node.Start, node.End, $"Unsupported YAML node {node.NodeType}."),
    };

    private static string KeyOf(YamlNode key) =>
        key is YamlScalarNode { Value: { } name } ? name : throw new YamlException(key.Start, key.End, "Mapping keys must be plain names.");

    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain || (scalar.Tag.IsGlobal && scalar.Tag.Value == "tag:yaml.org,2002:str"))
        {
            return JsonValue.Create(value);
        }

        return value switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) => JsonValue.Create(integer),
            _ when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) => JsonValue.Create(number),
            _ => JsonValue.Create(value),
        };
    }
}
