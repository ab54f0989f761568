using CarrierSim.Server.Dialects;

namespace CarrierSim.Server.Hosting;

/// <summary>The dialects this build of the simulator serves, as the registry declares them.</summary>
public static class CarrierSimDialects
{
    /// <summary>Every dialect id, e.g. <c>dialstack</c>.</summary>
    public static IReadOnlyList<string> Ids => DialectRegistry.Ids;

    /// <summary>
    /// Well-formed credentials for a dialect as request headers: the default example when both
    /// <paramref name="tenant"/> and <paramref name="apiKey"/> are null; else those of a tenant
    /// derived from a name of your choice, or of the given key.
    /// </summary>
    /// <exception cref="ArgumentException">The dialect is unknown.</exception>
    public static IReadOnlyDictionary<string, string> Credentials(string dialect, string? tenant = null, string? apiKey = null) =>
        (DialectRegistry.Find(dialect) ?? throw new ArgumentException($"Unknown dialect '{dialect}': use one of {string.Join(", ", Ids)}.", nameof(dialect)))
        .Credentials(tenant, apiKey);

    /// <summary>The example credentials as one line for a banner: <c>Header: value  +  Header: value</c>.</summary>
    public static string Hint(string dialect) => string.Join("  +  ", Credentials(dialect).Select(h => $"{h.Key}: {h.Value}"));
}
