using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace CarrierSim.Server.Http;

/// <summary>Wire JSON the way the vendors write it: strict in, exact out. Bodies are read by <see cref="RequestReader"/>.</summary>
internal static class WireJson
{
    public static JsonSerializerOptions CreateOptions() => new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        PropertyNameCaseInsensitive = false,
        RespectNullableAnnotations = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The same options, with a dialect's source-generated metadata for its hot answers consulted before reflection.</summary>
    /// <param name="generated">
    /// Metadata for some of the dialect's wire records; reflection still describes every other type. The JSON is the
    /// same either way: only how the metadata is built differs (at compile time, so the first answer builds none).
    /// </param>
    public static JsonSerializerOptions CreateOptions(IJsonTypeInfoResolver generated)
    {
        var options = CreateOptions();
        options.TypeInfoResolver = JsonTypeInfoResolver.Combine(generated, new DefaultJsonTypeInfoResolver());
        return options;
    }

    /// <summary>A JSON answer (as <c>Results.Json</c>), buffered and sent with its Content-Length (<see cref="WireJsonResult{T}"/>).</summary>
    public static IResult Result<T>(T data, JsonSerializerOptions options, string? contentType = null, int? statusCode = null) =>
        new WireJsonResult<T>(data, options, contentType, statusCode);

    internal static string? FieldName(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return null;
        }

        var name = path.TrimStart('$', '.');
        var bracket = name.IndexOf('[', StringComparison.Ordinal);
        return bracket > 0 ? name[..bracket] : name;
    }

    internal static string Describe(JsonException e, string? field)
    {
        var message = e.Message;
        if (message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return $"Unknown field '{field}': remove it; see the API reference for the accepted fields.";
        }

        if (message.Contains("missing required properties", StringComparison.OrdinalIgnoreCase))
        {
            var start = message.IndexOf(": ", StringComparison.Ordinal);
            var names = start > 0 ? message[(start + 2)..].Split('\'', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() : null;
            return $"Missing required field{(names is null ? "" : $" '{names}'")}.";
        }

        if (field is not null && message.Contains("could not be converted", StringComparison.Ordinal))
        {
            return $"Field '{field}' has the wrong type or format; check the API reference for its type.";
        }

        return $"The request body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}); send a well-formed JSON object with Content-Type: application/json.";
    }
}
