using System.Text.Json;

namespace CarrierSim.Contracts;

/// <summary>Defensive readers for the engine's JSON, whose shape varies between engine versions.</summary>
internal static class JsonText
{
    internal static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => value.GetRawText(),
            }
            : null;

    /// <summary>Strings without quotes, anything else as JSON text; "null" when absent.</summary>
    internal static string Raw(JsonElement element, string name) => String(element, name) ?? "null";

    internal static bool? Bool(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : null;
}
