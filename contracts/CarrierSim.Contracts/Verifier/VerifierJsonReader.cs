using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CarrierSim.Contracts;

/// <summary>
/// Reads <c>pactffi_verifier_json</c>. Its shape depends on the engine version (0.5.8 puts a per-interaction
/// <c>mismatch</c> in <c>interactionResults</c>; older builds only list <c>errors</c>), so it is read defensively.
/// </summary>
internal static partial class VerifierJsonReader
{
    private const string InteractionPrefix = "Verifying a pact between ";

    internal static VerificationResult Read(
        VerificationOptions options, int exitCode, string? json, string output, DateTimeOffset startedAt, TimeSpan duration)
    {
        var interactions = new List<InteractionVerification>();
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(json))
        {
            errors.Add("The engine returned no JSON report.");
            return new VerificationResult(options.ProviderName, options.ProviderBaseUrl, exitCode, interactions, errors, output, json ?? string.Empty, startedAt, duration);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            errors.Add($"The engine's JSON report could not be read: {ex.Message}");
            return new VerificationResult(options.ProviderName, options.ProviderBaseUrl, exitCode, interactions, errors, output, json, startedAt, duration);
        }

        using (document)
        {
            var root = document.RootElement;
            var errorEntries = ReadErrorEntries(root, "errors").Concat(ReadErrorEntries(root, "pendingErrors")).ToList();
            var claimed = new HashSet<int>();

            if (root.TryGetProperty("interactionResults", out var results) && results.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in results.EnumerateArray())
                {
                    var description = JsonText.String(item, "description") ?? "(no description)";
                    var consumer = JsonText.String(item, "consumer") ?? "?";
                    var provider = JsonText.String(item, "provider") ?? options.ProviderName;
                    var states = ReadStrings(item, "providerStates");
                    var pending = JsonText.Bool(item, "pending") ?? false;
                    var verdict = JsonText.String(item, "result");

                    var mismatches = item.TryGetProperty("mismatch", out var own) ? ReadMismatch(own) : [];
                    var matchingErrors = errorEntries
                        .Select((entry, index) => (entry, index))
                        .Where(e => !claimed.Contains(e.index) && Names(e.entry.Interaction, consumer, provider, states, description))
                        .ToList();
                    if (matchingErrors.Count > 0)
                    {
                        claimed.Add(matchingErrors[0].index);
                        if (mismatches.Count == 0)
                        {
                            mismatches = ReadMismatch(matchingErrors[0].entry.Mismatch);
                        }
                    }

                    var passed = verdict is not null
                        ? string.Equals(verdict, "OK", StringComparison.OrdinalIgnoreCase) && mismatches.Count == 0
                        : matchingErrors.Count == 0;
                    if (!passed && mismatches.Count == 0)
                    {
                        mismatches = [new VerificationMismatch("Error", null, null, null, $"The engine reported '{verdict ?? "failure"}' without details; see the output.")];
                    }

                    interactions.Add(new InteractionVerification(consumer, provider, description, states, passed, pending, ParseDuration(JsonText.String(item, "duration")), mismatches));
                }
            }

            for (var i = 0; i < errorEntries.Count; i++)
            {
                if (!claimed.Contains(i))
                {
                    var details = ReadMismatch(errorEntries[i].Mismatch);
                    errors.Add(details.Count == 0 ? errorEntries[i].Interaction : $"{errorEntries[i].Interaction}: {string.Join("; ", details)}");
                }
            }
        }

        if (exitCode == 2 && errors.Count == 0)
        {
            errors.Add("The engine could not run the verification (exit code 2).");
        }

        return new VerificationResult(options.ProviderName, options.ProviderBaseUrl, exitCode, interactions, errors, output, json, startedAt, duration);
    }

    internal static IReadOnlyList<VerificationMismatch> ReadMismatch(JsonElement mismatch)
    {
        if (mismatch.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        var type = JsonText.String(mismatch, "type");
        if (mismatch.TryGetProperty("mismatches", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            return list.EnumerateArray().Select(ReadOne).ToList();
        }

        var message = JsonText.String(mismatch, "message") ?? JsonText.String(mismatch, "mismatch");
        if (string.Equals(type, "error", StringComparison.OrdinalIgnoreCase) || message is not null)
        {
            return [new VerificationMismatch("Error", null, null, null, message ?? mismatch.GetRawText())];
        }

        return [ReadOne(mismatch)];
    }

    internal static TimeSpan? ParseDuration(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var total = TimeSpan.Zero;
        var any = false;
        foreach (System.Text.RegularExpressions.Match part in DurationPart().Matches(text))
        {
            any = true;
            var value = double.Parse(part.Groups["value"].Value, CultureInfo.InvariantCulture);
            total += part.Groups["unit"].Value switch
            {
                "h" => TimeSpan.FromHours(value),
                "m" or "min" => TimeSpan.FromMinutes(value),
                "s" => TimeSpan.FromSeconds(value),
                "ms" => TimeSpan.FromMilliseconds(value),
                "us" or "µs" => TimeSpan.FromMicroseconds(value),
                _ => TimeSpan.FromTicks((long)(value / 100)),
            };
        }

        return any ? total : null;
    }

    private static VerificationMismatch ReadOne(JsonElement item)
    {
        var kind = JsonText.String(item, "type") ?? "Mismatch";
        var path = JsonText.String(item, "path") ?? JsonText.String(item, "key") ?? JsonText.String(item, "parameter");
        var expected = JsonText.String(item, "expected");
        var actual = JsonText.String(item, "actual");
        var message = JsonText.String(item, "mismatch") ?? JsonText.String(item, "message")
            ?? $"expected {expected ?? "null"} but was {actual ?? "null"}";
        return new VerificationMismatch(kind, path, expected, actual, message);
    }

    private static List<string> ReadStrings(JsonElement element, string name) =>
        element.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray()
                .Select(s => s.ValueKind == JsonValueKind.String ? s.GetString()! : JsonText.String(s, "name") ?? s.GetRawText())
                .ToList()
            : [];

    private static IEnumerable<(string Interaction, JsonElement Mismatch)> ReadErrorEntries(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var entry in array.EnumerateArray())
        {
            var interaction = JsonText.String(entry, "interaction") ?? entry.GetRawText();
            yield return (interaction, entry.TryGetProperty("mismatch", out var mismatch) ? mismatch.Clone() : default);
        }
    }

    /// <summary>Whether an error entry's name ("Verifying a pact between C and P Given … - description") is this interaction's.</summary>
    private static bool Names(string name, string consumer, string provider, IReadOnlyList<string> states, string description)
    {
        var full = new InteractionVerification(consumer, provider, description, states, false, false, null, []).FullName;
        if (string.Equals(name, full, StringComparison.Ordinal))
        {
            return true;
        }

        // Older engines omit consumer/provider from interactionResults: fall back to the description suffix.
        return name.StartsWith(InteractionPrefix, StringComparison.Ordinal) && name.EndsWith(" - " + description, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"(?<value>\d+(?:\.\d+)?)\s*(?<unit>ns|us|µs|ms|min|h|m|s)", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPart();
}
