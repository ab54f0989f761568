using System.Text.Json;

namespace CarrierSim.Contracts;

/// <summary>One difference the mock server recorded.</summary>
public sealed class MockServerMismatch
{
    internal MockServerMismatch(string kind, string method, string path, IReadOnlyList<string> details)
    {
        Kind = kind;
        Method = method;
        Path = path;
        Details = details;
    }

    /// <summary>
    /// <c>request-mismatch</c> (a request resembled an interaction but differed), <c>request-not-found</c>
    /// (no interaction for that method and path) or <c>missing-request</c> (an interaction was never requested).
    /// </summary>
    public string Kind { get; }

    /// <summary>The request's HTTP method.</summary>
    public string Method { get; }

    /// <summary>The request's path.</summary>
    public string Path { get; }

    /// <summary>For a request mismatch, one line per difference (query, header or body), e.g. "BodyMismatch $.phone_number: …".</summary>
    public IReadOnlyList<string> Details { get; }

    /// <summary>A one-line description.</summary>
    /// <returns>E.g. "request-mismatch POST /v1/orders: HeaderMismatch Content-Type: Expected a header 'Content-Type' but was missing".</returns>
    public override string ToString() =>
        Details.Count == 0 ? $"{Kind} {Method} {Path}" : $"{Kind} {Method} {Path}: {string.Join("; ", Details)}";

    internal static IReadOnlyList<MockServerMismatch> ParseAll(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new PactException($"Unexpected mismatch report from the Pact engine: {json}");
        }

        var result = new List<MockServerMismatch>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            var kind = JsonText.String(item, "type") ?? "unknown";
            var details = new List<string>();
            if (item.TryGetProperty("mismatches", out var mismatches) && mismatches.ValueKind == JsonValueKind.Array)
            {
                foreach (var mismatch in mismatches.EnumerateArray())
                {
                    var type = JsonText.String(mismatch, "type") ?? "Mismatch";
                    var where = JsonText.String(mismatch, "parameter") ?? JsonText.String(mismatch, "key") ?? JsonText.String(mismatch, "path");
                    var text = JsonText.String(mismatch, "mismatch")
                        ?? $"expected {JsonText.Raw(mismatch, "expected")} but was {JsonText.Raw(mismatch, "actual")}";
                    details.Add(where is null ? $"{type}: {text}" : $"{type} {where}: {text}");
                }
            }
            else if (kind == "missing-request")
            {
                details.Add("the interaction was never requested");
            }
            else if (kind == "request-not-found")
            {
                details.Add("no interaction matches this request");
            }

            result.Add(new MockServerMismatch(kind, JsonText.String(item, "method") ?? "?", JsonText.String(item, "path") ?? "?", details));
        }

        return result;
    }
}
