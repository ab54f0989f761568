using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CarrierSim.Server.Http;

/// <summary>
/// A dialect's JSON answer, written the cheap way: serialized synchronously into a per-thread buffer, then
/// handed to the server in one write with its Content-Length. <c>Results.Json</c> serializes asynchronously
/// into the response pipe and sends the body chunked; on a search that cost about as much as the search.
/// The bytes of the body are the same (the same options and type metadata); the framing differs only in
/// Content-Length instead of Transfer-Encoding: chunked, which is what the vendors send.
/// </summary>
internal sealed class WireJsonResult<T>(T value, JsonSerializerOptions options, string? contentType, int? statusCode)
    : IResult, IStatusCodeHttpResult, IContentTypeHttpResult, IValueHttpResult, IValueHttpResult<T>
{
    private const string DefaultContentType = "application/json; charset=utf-8";

    public T Value => value;

    object? IValueHttpResult.Value => value;

    public int? StatusCode => statusCode;

    public string ContentType => contentType ?? DefaultContentType;

    public Task ExecuteAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.Response;
        if (statusCode is { } status)
        {
            response.StatusCode = status;
        }

        response.ContentType = ContentType;
        var buffer = WireJsonBuffer.Render(value, options);
        response.ContentLength = buffer.Length;
        // WriteAsync copies the bytes before it returns, so the per-thread buffer is free again at once.
        var write = response.BodyWriter.WriteAsync(buffer, context.RequestAborted);
        return write.IsCompletedSuccessfully ? Task.CompletedTask : write.AsTask();
    }
}

/// <summary>Serializes into a buffer each thread keeps between answers (dropped when an answer made it large).</summary>
internal static class WireJsonBuffer
{
    private const int KeepAtMost = 256 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? _writer;

    [ThreadStatic]
    private static JsonSerializerOptions? _writerOptions;

    /// <summary>The JSON of <paramref name="value"/> as its runtime type, valid until the thread renders again.</summary>
    public static ReadOnlyMemory<byte> Render<T>(T value, JsonSerializerOptions options)
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(4096);
        if (buffer.Capacity > KeepAtMost)
        {
            buffer = _buffer = new ArrayBufferWriter<byte>(4096);
            _writer = null;
        }

        buffer.ResetWrittenCount();
        var writer = _writer;
        if (writer is null || !ReferenceEquals(_writerOptions, options))
        {
            // The writer carries the options' encoder and indentation: a thread keeps one for the options it last wrote with.
            writer = _writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = options.Encoder, Indented = options.WriteIndented, MaxDepth = options.MaxDepth, SkipValidation = true });
            _writerOptions = options;
        }
        else
        {
            writer.Reset(buffer);
        }

        // Options cache type metadata only once read-only (as the serializer makes them on first use); until
        // then GetTypeInfo would build it anew, by reflection, on every call.
        if (!options.IsReadOnly)
        {
            options.MakeReadOnly(populateMissingResolver: true);
        }

        // As Results.Json does: the declared type's metadata when it fits the value or is polymorphic (so a
        // ChaosRule keeps its "kind" discriminator), else the runtime type's (a value typed object).
        var declared = options.GetTypeInfo(typeof(T));
        var runtime = value?.GetType();
        if (runtime is not null && runtime != typeof(T) && declared.PolymorphismOptions is null)
        {
            JsonSerializer.Serialize(writer, value, options.GetTypeInfo(runtime));
        }
        else if (declared is JsonTypeInfo<T> { SerializeHandler: { } generated } && declared.PolymorphismOptions is null)
        {
            // A dialect's source-generated code, run with this writer and so with the options' encoder: the serializer
            // would only run it with the default encoder, which writes '+' as \u002B.
            generated(writer, value);
        }
        else
        {
            JsonSerializer.Serialize(writer, value, declared);
        }

        writer.Flush();
        return buffer.WrittenMemory;
    }
}
