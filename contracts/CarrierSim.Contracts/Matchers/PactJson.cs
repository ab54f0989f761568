using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CarrierSim.Contracts;

/// <summary>Serialises bodies for the engine: property names as written, matchers as integration JSON.</summary>
internal static class PactJson
{
    internal static readonly JsonSerializerOptions Options = new()
    {
        Converters = { new MatcherConverter() },

        // The JSON goes to the engine, never into HTML: keep '+' in phone numbers readable in messages.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    internal static string Serialize(object? value) => JsonSerializer.Serialize(value, Options);

    /// <summary>The value for a path, query or header slot: a plain string as is, a matcher as integration JSON.</summary>
    internal static string SerializeSlot(Matcher matcher) => JsonSerializer.Serialize(matcher, Options);

    private sealed class MatcherConverter : JsonConverter<Matcher>
    {
        public override Matcher Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("Matchers are written to the engine, never read back.");

        public override void Write(Utf8JsonWriter writer, Matcher value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            writer.WriteString("pact:matcher:type", value.Type);
            foreach (var (name, attribute) in value.Attributes)
            {
                writer.WritePropertyName(name);
                JsonSerializer.Serialize(writer, attribute, options);
            }

            writer.WritePropertyName("value");
            JsonSerializer.Serialize(writer, value.Example, options);
            writer.WriteEndObject();
        }
    }
}
