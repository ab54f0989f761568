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

    /// <summary>The session a client secret belongs to, expired or not; null when this simulator never issued it.</summary>
    public AccountSession? Find(string clientSecret) => _sessions.GetValueOrDefault(clientSecret);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
