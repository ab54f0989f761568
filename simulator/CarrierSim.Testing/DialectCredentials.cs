using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace CarrierSim.Testing;

/// <summary>
/// Well-formed credentials per dialect: the defaults the server's start-up banner prints, and
/// tenants derived from any name so that tests can have as many isolated tenants as they like.
/// </summary>
internal static partial class DialectCredentials
{
    public const string DialStackKey = "sk_test_carriersim";
    public const string DialStackAccount = "acct_01h2xcejqtf2nbrexx3vqjhp41";
    public const string AgentMessageKey = "am_live_carriersim";
    public const string DialNexaKey = "key_carriersim:secret_carriersim";
    public const string IdentityCallKey = "idc_0123456789abcdefghijklmnopqrstuv";

    public static void Apply(HttpRequestHeaders headers, string dialect, string? account, string? apiKey)
    {
        switch (dialect)
        {
            case "dialstack":
                headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey ?? DialStackKey);
                headers.Add("DialStack-Account", account is null ? DialStackAccount : DialStackAccountFor(account));
                break;
            case "agentmessage":
                headers.Authorization = new AuthenticationHeaderValue("Bearer", KeyFor(account, apiKey, AgentMessageKey, AgentMessageKeyFor));
                break;
            case "dialnexa":
                headers.Authorization = new AuthenticationHeaderValue("Bearer", KeyFor(account, apiKey, DialNexaKey, DialNexaKeyFor));
                break;
            case "identitycall":
                headers.Authorization = new AuthenticationHeaderValue("Bearer", KeyFor(account, apiKey, IdentityCallKey, IdentityCallKeyFor));
                break;
            default:
                throw new ArgumentException($"Unknown dialect '{dialect}': use one of {string.Join(", ", CarrierSimulatorOptions.AllDialects)}.", nameof(dialect));
        }
    }

    private static string KeyFor(string? account, string? apiKey, string fallback, Func<string, string> derive)
    {
        if (account is not null && apiKey is not null)
        {
            throw new ArgumentException("In this dialect the API key is the tenant: pass either an account (a name or a key) or an apiKey, not both.", nameof(apiKey));
        }

        return apiKey ?? (account is null ? fallback : derive(account));
    }

    internal static string DialStackAccountFor(string account) =>
        DialStackAccountId().IsMatch(account) ? account : "acct_" + Truncate(Token(account, lower: true), 64);

    internal static string AgentMessageKeyFor(string account) =>
        AgentMessageKeyFormat().IsMatch(account) ? account : "am_test_" + Truncate(Token(account, lower: false).PadRight(4, '0'), 128);

    internal static string DialNexaKeyFor(string account)
    {
        if (account.Contains(':', StringComparison.Ordinal) && !account.Any(char.IsWhiteSpace) && account[0] != ':' && account[^1] != ':')
        {
            return account;
        }

        var token = Token(account, lower: false);
        return $"key_{token}:secret_{token}";
    }

    internal static string IdentityCallKeyFor(string account) =>
        IdentityCallKeyFormat().IsMatch(account) ? account : "idc_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(account)))[..32];

    private static string Token(string name, bool lower)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("An account name must not be empty.", nameof(name));
        }

        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(lower ? char.ToLowerInvariant(c) : c);
            }
        }

        return builder.Length > 0
            ? builder.ToString()
            : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..16];
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    [GeneratedRegex("^acct_[0-9a-z]{1,64}$")]
    private static partial Regex DialStackAccountId();

    [GeneratedRegex("^am_(?:live|test)_[A-Za-z0-9_]{4,128}$")]
    private static partial Regex AgentMessageKeyFormat();

    [GeneratedRegex("^idc_[A-Za-z0-9]{32}$")]
    private static partial Regex IdentityCallKeyFormat();
}
