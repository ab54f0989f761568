using System.Text.Json;
using System.Text.Json.Serialization;
using YamlDotNet.Serialization;

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
    public static ChaosScenario Parse(string text, bool yaml, string fallbackName = "custom")
    {
        try
        {
            var json = yaml ? YamlToJson(text) : text;
            var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind == JsonValueKind.Object && !document.RootElement.TryGetProperty("name", out _))
            {
                var withName = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json, Json)!;
                withName["name"] = JsonSerializer.SerializeToElement(fallbackName);
                json = JsonSerializer.Serialize(withName);
            }

            var scenario = JsonSerializer.Deserialize<ChaosScenario>(json, Json) ?? throw new ArgumentException("The scenario is empty.");
            var errors = scenario.Rules.SelectMany(r => r.Validate().Select(e => $"rule '{r.Name}': {e}")).ToList();
            return errors.Count == 0 ? scenario : throw new ArgumentException($"Scenario '{scenario.Name}' is invalid: {string.Join(" ", errors)}");
        }
        catch (Exception e) when (e is JsonException or YamlDotNet.Core.YamlException)
        {
            throw new ArgumentException($"The scenario is not valid {(yaml ? "YAML" : "JSON")}: {e.Message}", e);
        }
    }

    private static string YamlToJson(string yaml)
    {
        var graph = new DeserializerBuilder().Build().Deserialize<object>(yaml);
        var json = new SerializerBuilder().JsonCompatible().Build().Serialize(graph);

        // The YAML reader gives every scalar as a string; numbers and booleans are restored here.
        return RestoreScalars(JsonDocument.Parse(json).RootElement)?.ToJsonString() ?? "null";
    }

    private static System.Text.Json.Nodes.JsonNode? RestoreScalars(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => new System.Text.Json.Nodes.JsonObject(element.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, RestoreScalars(p.Value)))),
        JsonValueKind.Array => new System.Text.Json.Nodes.JsonArray([.. element.EnumerateArray().Select(RestoreScalars)]),
        JsonValueKind.String when double.TryParse(element.GetString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number)
            => System.Text.Json.Nodes.JsonValue.Create(number),
        JsonValueKind.String when element.GetString() is "true" or "false" => System.Text.Json.Nodes.JsonValue.Create(element.GetString() == "true"),
        JsonValueKind.String when element.GetString() is "null" or "~" => null,
        _ => System.Text.Json.Nodes.JsonNode.Parse(element.GetRawText()),
    };
}
