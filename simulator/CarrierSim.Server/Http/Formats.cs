using System.Globalization;

namespace CarrierSim.Server.Http;

/// <summary>Wire formats shared by the dialects' mappings.</summary>
internal static class Formats
{
    /// <summary>RFC 3339 in UTC to the second, e.g. 2026-04-21T14:00:00Z.</summary>
    public static string Seconds(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>ISO 8601 in UTC with milliseconds, e.g. 2024-03-01T10:00:00.000Z (JavaScript's toISOString).</summary>
    public static string Milliseconds(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
