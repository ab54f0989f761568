using System.Globalization;
using System.Net;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace CarrierSim.Contracts;

/// <summary>Writes JUnit XML from a <see cref="VerificationResult"/>: one test suite per provider, one test case per interaction.</summary>
internal static class JUnitReport
{
    internal static string Write(VerificationResult result)
    {
        var culture = CultureInfo.InvariantCulture;
        var cases = new List<XElement>();
        var failures = 0;
        foreach (var interaction in result.Interactions)
        {
            var testCase = new XElement(
                "testcase",
                new XAttribute("name", interaction.FullName),
                new XAttribute("classname", $"{interaction.Consumer}.{interaction.Provider}"),
                new XAttribute("time", Seconds(interaction.Duration ?? TimeSpan.Zero)));
            if (!interaction.Passed)
            {
                failures++;
                var text = string.Join("\n", interaction.Mismatches.Select(m => m.ToString()));
                testCase.Add(new XElement(
                    "failure",
                    new XAttribute("message", interaction.Mismatches.Count == 1 ? interaction.Mismatches[0].ToString() : $"{interaction.Mismatches.Count} mismatches"),
                    new XAttribute("type", interaction.Pending ? "PendingInteractionFailed" : "PactVerificationFailed"),
                    text));
            }

            cases.Add(testCase);
        }

        if (result.VerifiedCount == 0)
        {
            // A suite with no test cases reads as green in most CI systems; zero verified is a failure here.
            failures++;
            cases.Add(new XElement(
                "testcase",
                new XAttribute("name", $"Verifying pacts for {result.ProviderName}"),
                new XAttribute("classname", result.ProviderName),
                new XAttribute("time", "0"),
                new XElement(
                    "failure",
                    new XAttribute("message", "No interactions were verified"),
                    new XAttribute("type", "NoInteractionsVerified"),
                    "No interactions were verified: check the provider name, the pact paths and the filters.")));
        }

        var errors = result.Errors.Count;
        foreach (var error in result.Errors)
        {
            cases.Add(new XElement(
                "testcase",
                new XAttribute("name", error.Length > 200 ? error[..200] : error),
                new XAttribute("classname", result.ProviderName),
                new XAttribute("time", "0"),
                new XElement("error", new XAttribute("message", "Verification error"), new XAttribute("type", "VerificationError"), error)));
        }

        var suite = new XElement(
            "testsuite",
            new XAttribute("name", result.ProviderName),
            new XAttribute("package", $"pact/{result.ProviderName}"),
            new XAttribute("tests", cases.Count),
            new XAttribute("failures", failures),
            new XAttribute("errors", errors),
            new XAttribute("skipped", 0),
            new XAttribute("hostname", Dns.GetHostName()),
            new XAttribute("timestamp", result.StartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", culture)),
            new XAttribute("time", Seconds(result.Duration)),
            new XElement("properties", new XElement("property", new XAttribute("name", "providerBaseUrl"), new XAttribute("value", result.ProviderBaseUrl.ToString()))),
            cases,
            new XElement("system-out", new XCData(Sanitise(result.Output))));

        var document = new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(
                "testsuites",
                new XAttribute("name", $"Pact verification of {result.ProviderName}"),
                new XAttribute("tests", cases.Count),
                new XAttribute("failures", failures),
                new XAttribute("errors", errors),
                new XAttribute("time", Seconds(result.Duration)),
                suite));

        var builder = new StringBuilder();
        using (var writer = XmlWriter.Create(builder, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), OmitXmlDeclaration = false }))
        {
            document.Save(writer);
        }

        // StringBuilder output is UTF-16 by nature; the file a caller writes is UTF-8, so say so.
        return builder.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
    }

    private static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>XML 1.0 cannot carry most control characters (ANSI escapes, for instance). XCData splits "]]&gt;" itself.</summary>
    private static string Sanitise(string text)
    {
        var clean = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\t' or '\n' or '\r' || (c >= ' ' && XmlConvert.IsXmlChar(c)) || char.IsSurrogate(c))
            {
                clean.Append(c);
            }
        }

        return clean.ToString();
    }
}
