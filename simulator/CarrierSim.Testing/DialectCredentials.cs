using System.Net.Http.Headers;
using CarrierSim.Server.Hosting;

namespace CarrierSim.Testing;

/// <summary>
/// Well-formed credentials per dialect, as each dialect declares them: the defaults the server's
/// start-up banner prints, and tenants derived from any name so that tests can have as many
/// isolated tenants as they like.
/// </summary>
internal static class DialectCredentials
{
    public static void Apply(HttpRequestHeaders headers, string dialect, string? account, string? apiKey)
    {
        // Where the key alone names the tenant (every dialect but those with an account header), a name and a key conflict.
        if (account is not null && apiKey is not null && CarrierSimDialects.Credentials(dialect).Count == 1)
        {
            throw new ArgumentException("In this dialect the API key is the tenant: pass either an account (a name or a key) or an apiKey, not both.", nameof(apiKey));
        }

        foreach (var (name, value) in CarrierSimDialects.Credentials(dialect, account, apiKey))
        {
            headers.TryAddWithoutValidation(name, value);
        }
    }
}
