using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CarrierSim.Core;

namespace CarrierSim.Server.Dialects.DialStack;

/// <summary>An account session: a client secret bound to one account under the platform key that created it.</summary>
/// <param name="ClientSecret">The secret the browser sends as its bearer token.</param>
/// <param name="ApiKey">The platform's secret key (<c>sk_…</c>) that created the session: the tenant is resolved through it.</param>
/// <param name="Account">The account the secret is bound to (<c>acct_…</c>).</param>
/// <param name="ExpiresAt">When the secret stops working, on the simulator clock.</param>
internal sealed record AccountSession(string ClientSecret, string ApiKey, string Account, DateTimeOffset ExpiresAt);

/// <summary>
/// Client secrets issued by <c>POST /v1/account_sessions</c> for DialStack's browser SDK. The SDK's
/// README says sessions expire after 1 hour and only secret keys can create them; the server SDK
/// calls the secret "the signed JWT to hand to the client", so it is shaped as a JWT (HS256) whose
/// claims (inferred names) carry the account and expiry. A reset forgets every session.
/// </summary>
/// <remarks>
/// The claims also carry the platform key that created the session, so that with a shared store a
/// secret issued by one process works on every other one: a process that does not know a secret
/// verifies its signature and reads the session from its claims (the expiry to the second, as
/// <c>exp</c> has it). A simulator's keys are not real credentials, so carrying one in a token the
/// browser can read is harmless here (DialStack's own claims are not public). In memory a secret
/// is only ever what this process issued, so a reset still forgets it; with a shared store a secret
/// keeps working across a reset until it expires.
/// </remarks>
internal sealed class DialStackSessions
{
    /// <summary>How long a client secret works (the SDK's README: "Sessions expire after 1 hour").</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    /// <summary>Past this many live sessions, expired ones are dropped when a new one is issued.</summary>
    private const int TrimAbove = 10_000;

    // A simulator's tokens need no secrecy: a fixed key keeps the secrets reproducible under a seed.
    private static readonly byte[] SigningKey = Encoding.UTF8.GetBytes("carriersim-dialstack-account-sessions");

    private readonly Simulation _simulation;
    private readonly ConcurrentDictionary<string, AccountSession> _sessions = new(StringComparer.Ordinal);

    public DialStackSessions(Simulation simulation)
    {
        _simulation = simulation;
        simulation.ResetRequested += _sessions.Clear;
    }

    /// <summary>Whether a bearer token is shaped like a client secret (a JWT: three base64url parts).</summary>
    public static bool LooksLikeClientSecret(string token) =>
        token.StartsWith("eyJ", StringComparison.Ordinal) && token.Count(c => c == '.') == 2;

    public AccountSession Issue(string apiKey, string account)
    {
        var now = _simulation.Clock.GetUtcNow();
        var expires = now + Lifetime;
        var header = Base64Url("""{"alg":"HS256","typ":"JWT"}"""u8.ToArray());
        var claims = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["account_id"] = account,
            ["key"] = apiKey,
            ["jti"] = _simulation.Ids.Next("as_", 26),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = expires.ToUnixTimeSeconds(),
        }));
        var signature = Base64Url(HMACSHA256.HashData(SigningKey, Encoding.ASCII.GetBytes($"{header}.{claims}")));
        var session = new AccountSession($"{header}.{claims}.{signature}", apiKey, account, expires);
        if (_sessions.Count > TrimAbove)
        {
            foreach (var (secret, old) in _sessions.Where(p => p.Value.ExpiresAt <= now).ToList())
            {
                _sessions.TryRemove(new KeyValuePair<string, AccountSession>(secret, old));
            }
        }

        _sessions[session.ClientSecret] = session;
        return session;
    }

    /// <summary>
    /// The session a client secret belongs to, expired or not; null when this simulator never issued
    /// it (with a shared store: when no process over it did).
    /// </summary>
    public AccountSession? Find(string clientSecret) =>
        _sessions.GetValueOrDefault(clientSecret) ?? (_simulation.Store.IsShared ? Recover(clientSecret) : null);

    /// <summary>The session in a secret's claims when its signature is this simulator's; null otherwise.</summary>
    private static AccountSession? Recover(string clientSecret)
    {
        var parts = clientSecret.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        var signature = Encoding.ASCII.GetBytes(Base64Url(HMACSHA256.HashData(SigningKey, Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"))));
        if (!CryptographicOperations.FixedTimeEquals(signature, Encoding.ASCII.GetBytes(parts[2])))
        {
            return null;
        }

        try
        {
            using var claims = JsonDocument.Parse(FromBase64Url(parts[1]));
            var root = claims.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("account_id", out var account) && account.ValueKind == JsonValueKind.String
                && root.TryGetProperty("key", out var key) && key.ValueKind == JsonValueKind.String
                && root.TryGetProperty("exp", out var expires) && expires.TryGetInt64(out var seconds)
                ? new AccountSession(clientSecret, key.GetString()!, account.GetString()!, DateTimeOffset.FromUnixTimeSeconds(seconds))
                : null;
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var base64 = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
    }
}
