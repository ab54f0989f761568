using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Serialization;
using CarrierSim.Core.Numbering;

namespace CarrierSim.Server.Dialects.Bandwidth;

/// <summary>
/// The one writer of Bandwidth answers: <c>application/xml</c> with the declaration Bandwidth
/// sends (<c>standalone="yes"</c>), no namespaces, and the element names and casing of the
/// wire types. Error bodies take the root element of the operation that answers.
/// </summary>
internal static class BandwidthXml
{
    public const string ContentType = "application/xml";

    private static readonly ConcurrentDictionary<(Type, string?), XmlSerializer> Serializers = new();
    private static readonly XmlSerializerNamespaces NoNamespaces = new([new XmlQualifiedName("", "")]);

    /// <summary>The document text of <paramref name="value"/>; <paramref name="root"/> renames its root element.</summary>
    public static string Write(object value, string? root = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        var serializer = Serializers.GetOrAdd((value.GetType(), root), static key =>
            key.Item2 is null ? new XmlSerializer(key.Item1) : new XmlSerializer(key.Item1, new XmlRootAttribute(key.Item2)));
        var text = new Utf8StringWriter();
        using (var writer = XmlWriter.Create(text, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
        {
            writer.WriteStartDocument(standalone: true);
            serializer.Serialize(writer, value, NoNamespaces);
        }

        return text.ToString();
    }

    /// <summary>An answer with an XML body.</summary>
    public static IResult Result(object value, int statusCode = StatusCodes.Status200OK, string? root = null) =>
        Results.Text(Write(value, root), ContentType, Encoding.UTF8, statusCode);

    /// <summary>Bandwidth's timestamps: ISO 8601 in UTC with milliseconds, e.g. 2014-07-11T17:13:57.788Z.</summary>
    public static string Time(DateTimeOffset time) => Http.Formats.Milliseconds(time);

    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Text that XML can carry: characters XML 1.0 forbids (NUL, most controls, lone surrogates), which a
    /// query string can hold and an error message may quote, become U+FFFD.
    /// </summary>
    public static string Safe(string text)
    {
        StringBuilder? safe = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var pair = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            var ok = pair || XmlConvert.IsXmlChar(c);
            if (!ok)
            {
                safe ??= new StringBuilder(text, 0, i, text.Length);
                safe.Append('\uFFFD');
                continue;
            }

            safe?.Append(c);
            if (pair)
            {
                safe?.Append(text[i + 1]);
                i++;
            }
        }

        return safe?.ToString() ?? text;
    }

    private sealed class Utf8StringWriter : StringWriter
    {
        public Utf8StringWriter()
            : base(CultureInfo.InvariantCulture)
        {
        }

        public override Encoding Encoding => new UTF8Encoding(false);
    }
}

/// <summary>Bandwidth's v1 numbers: ten NANP digits with no <c>+1</c> (e.g. 9193752369).</summary>
internal static class BandwidthNumbers
{
    /// <summary>E.164 text of a Bandwidth TN (ten digits, or eleven starting with 1), else the text as sent.</summary>
    public static string? ToE164(string? text)
    {
        var trimmed = text?.Trim();
        return trimmed switch
        {
            null => null,
            { Length: 10 } when trimmed.All(char.IsAsciiDigit) => "+1" + trimmed,
            { Length: 11 } when trimmed[0] == '1' && trimmed.All(char.IsAsciiDigit) => "+" + trimmed,
            _ => trimmed,
        };
    }

    /// <summary>A TN as Bandwidth writes it: the ten national digits.</summary>
    public static string Tn(PhoneNumber number) => number.NationalNumber.ToString(CultureInfo.InvariantCulture);

    /// <summary>A Bandwidth v1 TN: exactly ten digits (no +1), area code and exchange starting 2–9; null when it is not one.</summary>
    public static PhoneNumber? Parse(string? text)
    {
        var trimmed = text?.Trim();
        if (trimmed is not { Length: 10 } || !trimmed.All(char.IsAsciiDigit))
        {
            return null;
        }

        var parsed = PhoneNumber.Parse("+1" + trimmed);
        return parsed.Success ? parsed.Value : null;
    }
}
