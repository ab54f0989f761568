using System.Text.Json;
using System.Text.Json.Serialization;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;

namespace CarrierSim.Core.State;

/// <summary>How state components write themselves for a shared store: JSON, numbers in E.164, owners as integers.</summary>
public static class StateJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    public static T Deserialize<T>(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"The stored {typeof(T).Name} is null.");

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new PhoneNumberConverter());
        options.Converters.Add(new OwnerIdConverter());
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private sealed class PhoneNumberConverter : JsonConverter<PhoneNumber>
    {
        public override PhoneNumber Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var parsed = PhoneNumber.Parse(reader.GetString());
            return parsed.Success ? parsed.Value : throw new JsonException(parsed.Error);
        }

        public override void Write(Utf8JsonWriter writer, PhoneNumber value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
    }

    private sealed class OwnerIdConverter : JsonConverter<OwnerId>
    {
        public override OwnerId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new(reader.GetInt32());

        public override void Write(Utf8JsonWriter writer, OwnerId value, JsonSerializerOptions options) => writer.WriteNumberValue(value.Value);
    }
}
