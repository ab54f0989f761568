using System.Buffers.Text;
using System.Text.Json;

namespace CarrierSim.Server.Http;

/// <summary>
/// The one cursor codec: a page position as opaque base64url JSON, the way vendors' cursors look
/// to clients. Decoding never throws: a cursor a client made up or damaged decodes to false.
/// </summary>
internal static class CursorCodec
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Encode<T>(T position) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(position, Options));

    public static bool TryDecode<T>(string? token, out T? position)
        where T : class
    {
        position = null;
        if (string.IsNullOrEmpty(token) || token.Length > 4096)
        {
            return false;
        }

        try
        {
            position = JsonSerializer.Deserialize<T>(Base64Url.DecodeFromChars(token), Options);
            return position is not null;
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
