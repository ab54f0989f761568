using System.Text.Json;
using System.Text.Json.Serialization;

namespace CarrierSim.Server.Http;

/// <summary>The result of reading a JSON request body.</summary>
internal readonly record struct BodyRead<T>(T? Value, int StatusCode, string? Error, string? Field)
    where T : class
{
    public bool Success => Error is null && Value is not null;
}

/// <summary>Reading and writing wire JSON the way the vendors do: strict in, exact out.</summary>
internal static class WireJson
{
    /// <summary>The largest request body accepted; larger bodies get 413 in the vendor's envelope.</summary>
    public const int MaxBodyBytes = 64 * 1024;

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

    /// <summary>
    /// Reads and parses the body; never throws for bad input. Errors come back with the status
    /// to answer (400 or 413) and a message that says how to fix the request.
    /// </summary>
    public static async Task<BodyRead<T>> ReadAsync<T>(HttpContext context, JsonSerializerOptions options)
        where T : class
    {
        var request = context.Request;
        if (request.ContentLength > MaxBodyBytes)
        {
            return TooLarge<T>();
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return TooLarge<T>();
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return new BodyRead<T>(null, 400, "The request body is empty: send a JSON object with Content-Type: application/json.", null);
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), options);
            return value is null
                ? new BodyRead<T>(null, 400, "The request body must be a JSON object, not null.", null)
                : new BodyRead<T>(value, 200, null, null);
        }
        catch (JsonException e)
        {
            var field = FieldName(e.Path);
            return new BodyRead<T>(null, 400, Describe(e, field), field);
        }
    }

    private static BodyRead<T> TooLarge<T>()
        where T : class =>
        new(null, 413, $"The request body is larger than {MaxBodyBytes / 1024} KiB; send fewer items per request.", null);

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
