using System.Security.Cryptography;
using System.Text;

namespace CarrierSim.Server.Http;

/// <summary>Turns any tenant name into the letters and digits a vendor's key or account id allows.</summary>
internal static class DialectNames
{
    /// <summary>The ASCII letters and digits of <paramref name="name"/> (a hash when it has none), at most <paramref name="maxLength"/> long.</summary>
    public static string Token(string name, bool lower, int maxLength = 128)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A tenant name must not be empty.", nameof(name));
        }

        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(lower ? char.ToLowerInvariant(c) : c);
            }
        }

        var token = builder.Length > 0 ? builder.ToString() : Hash(name, 16);
        return token.Length <= maxLength ? token : token[..maxLength];
    }

    /// <summary>The first <paramref name="length"/> lower-case hex digits of the name's SHA-256.</summary>
    public static string Hash(string name, int length) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..length];
}
