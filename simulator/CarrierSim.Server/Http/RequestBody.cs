using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using System.Xml;
using System.Xml.Serialization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace CarrierSim.Server.Http;

/// <summary>A request body read by the platform: the typed value, or the problem to answer in the vendor's envelope.</summary>
internal interface IBoundBody
{
    object? Value { get; }

    RequestProblem? Problem { get; }
}

/// <summary>
/// The one request-reading layer: a typed body read as JSON, <c>application/x-www-form-urlencoded</c>
/// or XML, whichever the endpoint reads (its <see cref="DialectBody"/> metadata; JSON when it declares none)
/// and the request's <c>Content-Type</c> names. It never throws for bad input: the dialect
/// platform answers <see cref="Problem"/> in the vendor's envelope, after authentication, before
/// the endpoint runs.
/// </summary>
internal sealed class Body<T> : IBoundBody
    where T : class
{
    private Body(T? value, RequestProblem? problem)
    {
        _value = value;
        Problem = problem;
    }

    private readonly T? _value;

    /// <summary>The typed body; the endpoint only runs when it was read.</summary>
    public T Value => _value ?? throw new InvalidOperationException("The body was not read: the dialect platform answers its problem before the endpoint runs.");

    public RequestProblem? Problem { get; }

    object? IBoundBody.Value => _value;

    /// <summary>Minimal APIs' binding hook.</summary>
    public static async ValueTask<Body<T>?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        var dialect = context.GetEndpoint()?.Metadata.GetMetadata<IDialect>();
        var options = dialect?.Json ?? WireJson.CreateOptions();
        var read = await RequestReader.ReadAsync<T>(context, options);
        return new Body<T>(read.Value, read.Problem);
    }
}

/// <summary>The result of reading a body.</summary>
internal readonly record struct ReadResult<T>(T? Value, RequestProblem? Problem);

/// <summary>Reads request bodies in the three wire formats vendors use.</summary>
internal static class RequestReader
{
    /// <summary>The largest request body accepted; larger bodies get 413 in the vendor's envelope.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    private const string Json = "application/json";
    private const string Form = "application/x-www-form-urlencoded";

    public static async Task<ReadResult<T>> ReadAsync<T>(HttpContext context, JsonSerializerOptions options)
        where T : class
    {
        var accepted = context.GetEndpoint()?.Metadata.GetMetadata<DialectBody>()?.ContentTypes ?? [Json];
        var format = Format(context.Request.ContentType, accepted);
        if (format is null)
        {
            return Fail<T>(415, $"Content-Type '{context.Request.ContentType}' is not supported here: send {string.Join(" or ", accepted)}.");
        }

        var (bytes, length, problem) = await ReadBytesAsync(context);
        if (problem is not null)
        {
            return new ReadResult<T>(null, problem);
        }

        try
        {
            if (length == 0)
            {
                return Fail<T>(400, $"The request body is empty: send {Describe(format)} with Content-Type: {format}.");
            }

            var body = bytes.AsSpan(0, length);
            return format switch
            {
                Form => FromForm<T>(body, options),
                Json => FromJson<T>(body, options),
                _ => FromXml<T>(bytes, length),
            };
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private static string? Format(string? contentType, IReadOnlyList<string> accepted)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            // Clients that send no Content-Type get the endpoint's first format (curl -d sends form, but the vendors' examples name theirs).
            return Normalize(accepted[0]);
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var media) || media.MediaType.Value is not { } type)
        {
            return null;
        }

        var wanted = Normalize(type);
        return accepted.Select(Normalize).Contains(wanted) ? wanted : null;
    }

    private static string Normalize(string mediaType)
    {
        var type = mediaType.Split(';')[0].Trim().ToLowerInvariant();
        return type switch
        {
            "text/xml" or "application/xml" => "application/xml",
            _ when type.EndsWith("+json", StringComparison.Ordinal) => Json,
            _ => type,
        };
    }

    private static string Describe(string format) => format switch
    {
        Json => "a JSON object",
        Form => "form fields",
        _ => "an XML document",
    };

    private static async Task<(byte[] Bytes, int Length, RequestProblem? Problem)> ReadBytesAsync(HttpContext context)
    {
        var request = context.Request;
        var tooLarge = new RequestProblem(413, $"The request body is larger than {MaxBodyBytes / 1024} KiB; send fewer items per request.");
        if (request.ContentLength > MaxBodyBytes)
        {
            return ([], 0, tooLarge);
        }

        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(MaxBodyBytes + 1);
        var length = 0;
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(length, MaxBodyBytes + 1 - length), context.RequestAborted)) > 0)
            {
                length += read;
                if (length > MaxBodyBytes)
                {
                    System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
                    return ([], 0, tooLarge);
                }
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode is 408 or 413)
        {
            // Kestrel's own limits (the body arrives too slowly, or is larger than the server accepts), in the vendor's envelope.
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            return ([], 0, e.StatusCode == 408
                ? new RequestProblem(408, "The request body arrived too slowly; send it in one go.")
                : tooLarge);
        }
        catch (Exception e) when (e is BadHttpRequestException or IOException)
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            return ([], 0, new RequestProblem(400, "The request body ended before its Content-Length: send the whole body."));
        }

        return (buffer, length, null);
    }

    private static ReadResult<T> FromJson<T>(ReadOnlySpan<byte> body, JsonSerializerOptions options)
        where T : class
    {
        try
        {
            // Strings are checked before any endpoint sees them: a dialect that keeps raw JSON fields
            // would otherwise meet invalid UTF-8 or a lone surrogate escape only when it reads the field.
            if (StringProblem(body, options.MaxDepth == 0 ? 64 : options.MaxDepth) is { } problem)
            {
                return Fail<T>(400, problem);
            }

            var value = JsonSerializer.Deserialize<T>(body, options);
            return value is null ? Fail<T>(400, "The request body must be a JSON object, not null.") : new ReadResult<T>(value, null);
        }
        catch (JsonException e)
        {
            var field = WireJson.FieldName(e.Path);
            return Fail<T>(400, WireJson.Describe(e, field), field);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or DecoderFallbackException)
        {
            // Invalid UTF-8 and lone surrogates inside strings surface as these, not as JsonException.
            return Fail<T>(400, "The request body is not valid UTF-8 JSON (it holds an invalid byte sequence or a lone surrogate escape); send well-formed UTF-8.");
        }
    }

    /// <summary>
    /// Why the strings of a JSON text cannot be read (invalid UTF-8, a lone surrogate escape), or null.
    /// Readers that keep raw JSON (nodes, elements) would otherwise meet them only when a field is read.
    /// </summary>
    /// <exception cref="JsonException">The text is not well-formed JSON.</exception>
    public static string? StringProblem(ReadOnlySpan<byte> body, int maxDepth = 64)
    {
        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            return "The request body is not valid UTF-8; send the JSON encoded as UTF-8.";
        }

        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = maxDepth });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
                {
                    _ = reader.GetString();
                }
            }
        }
        catch (InvalidOperationException)
        {
            return "The request body holds a string with a lone UTF-16 surrogate escape (e.g. \\ud800); send well-formed Unicode.";
        }

        return null;
    }

    /// <summary>
    /// Form fields become a JSON object typed by <typeparamref name="T"/>'s properties (a field
    /// repeated, or bound to a list, becomes an array), then go through the same deserializer
    /// and validation as JSON bodies.
    /// </summary>
    private static ReadResult<T> FromForm<T>(ReadOnlySpan<byte> body, JsonSerializerOptions options)
        where T : class
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return Fail<T>(400, "The form body is not valid UTF-8: percent-encode every field value.");
        }

        var fields = QueryHelpers.ParseQuery(text.StartsWith('?') ? text : "?" + text);

        // Options that have not (de)serialized anything yet have no type resolver; the serializer would add the
        // default one on first use, so do the same before asking for metadata (else a form body as the very first
        // request a dialect reads throws).
        if (!options.IsReadOnly)
        {
            options.MakeReadOnly(populateMissingResolver: true);
        }

        var info = options.GetTypeInfo(typeof(T));
        // Vendors name form fields their own way (Twilio: PhoneNumber; its JSON: phone_number): match
        // a field to a property ignoring case, underscores and dashes, then write the property's JSON name.
        var properties = new Dictionary<string, JsonPropertyInfo>(StringComparer.Ordinal);
        foreach (var property in info.Properties)
        {
            properties.TryAdd(FormKey(property.Name), property);
        }

        var json = new JsonObject();
        foreach (var (name, values) in fields)
        {
            var key = name.EndsWith("[]", StringComparison.Ordinal) ? name[..^2] : name;
            if (properties.TryGetValue(FormKey(key), out var property))
            {
                json[property.Name] = FormNode(property, values);
            }
            else
            {
                json[key] = values.ToString();
            }
        }

        return FromJson<T>(Encoding.UTF8.GetBytes(json.ToJsonString()), options);
    }

    private static string FormKey(string name) =>
        string.Concat(name.Where(c => c is not ('_' or '-'))).ToLowerInvariant();

    private static JsonNode? FormNode(JsonPropertyInfo property, Microsoft.Extensions.Primitives.StringValues values)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (type != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(type))
        {
            return new JsonArray([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
        }

        var value = values.ToString();
        if (type == typeof(bool) && bool.TryParse(value, out var flag))
        {
            return JsonValue.Create(flag);
        }

        if ((type == typeof(int) || type == typeof(long)) && long.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if ((type == typeof(double) || type == typeof(decimal)) && decimal.TryParse(value, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return JsonValue.Create(number);
        }

        return JsonValue.Create(value);
    }

    private static ReadResult<T> FromXml<T>(byte[] bytes, int length)
        where T : class
    {
        // No DTDs, no external entities: an XML body cannot make the simulator read files or expand bombs.
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = MaxBodyBytes * 2 };
        try
        {
            using var stream = new MemoryStream(bytes, 0, length, writable: false);
            using var reader = XmlReader.Create(stream, settings);
            var value = new XmlSerializer(typeof(T)).Deserialize(reader) as T;
            return value is null ? Fail<T>(400, $"The XML body must be a <{typeof(T).Name}> document.") : new ReadResult<T>(value, null);
        }
        catch (InvalidOperationException e)
        {
            var detail = e.InnerException is XmlException xml ? $" (line {xml.LineNumber}, position {xml.LinePosition}: {xml.Message})" : e.InnerException is { } inner ? $" ({inner.Message})" : "";
            return Fail<T>(400, $"The XML body could not be read{detail}; send a well-formed document as the API reference shows.");
        }
        catch (XmlException e)
        {
            return Fail<T>(400, $"The XML body is not well-formed (line {e.LineNumber}, position {e.LinePosition}); send a well-formed document.");
        }
    }

    private static ReadResult<T> Fail<T>(int status, string message, string? field = null)
        where T : class => new(null, new RequestProblem(status, message, field));
}
