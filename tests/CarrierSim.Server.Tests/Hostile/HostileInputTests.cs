using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CarrierSim.Server.Hosting;
using CarrierSim.Server.Tests.Dialects.Probes;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace CarrierSim.Server.Tests.Hostile;

/// <summary>
/// Hostile input against every operation the OpenAPI documents list, in every dialect and the
/// control plane: malformed and mis-encoded bodies, hostile query values and path segments, chaos
/// headers out of range. Never a 5xx; every dialect error in its vendor's envelope; a rejected
/// request changes nothing; the simulator answers normally afterwards. In-memory (TestServer): no
/// traffic leaves the process. Framing attacks that need a real socket are in <see cref="BrokenFramingTests"/>.
/// </summary>
public sealed class HostileInputTests : IAsyncLifetime
{
    private TestSimulator _sim = null!;

    public async ValueTask InitializeAsync() => _sim = await TestSimulator.StartAsync();

    public async ValueTask DisposeAsync() => await _sim.DisposeAsync();

    public static TheoryData<string> Documents => [.. CarrierSimDialects.Ids, "__admin"];

    /// <summary>Bodies: (name, content type, bytes).</summary>
    private static IEnumerable<(string Name, string ContentType, byte[] Body)> Bodies()
    {
        static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
        const string Json = "application/json";
        yield return ("lone surrogate", Json, Utf8("""{"area_code":"\ud800","phone_number":"\udfff","numbers":["\ud800"],"name":"\ud800","kind":"\ud800"}"""));
        yield return ("invalid UTF-8", Json, [.. Utf8("{\"phone_number\":\""), 0xC3, 0x28, 0xFF, .. Utf8("\"}")]);
        yield return ("deep nesting", Json, Utf8(new string('[', 5000) + new string(']', 5000)));
        yield return ("deep object nesting", Json, Utf8(string.Concat(Enumerable.Repeat("{\"a\":", 2000)) + "1" + new string('}', 2000)));
        yield return ("duplicate keys", Json, Utf8("""{"phone_number":"+19194601234","phone_number":"+19194601235","name":"a","name":"b"}"""));
        yield return ("100 KB string", Json, Utf8("{\"label\":\"" + new string('x', 100_000) + "\"}"));
        yield return ("64 KiB - 1", Json, Utf8("{\"label\":\"" + new string('x', (64 * 1024) - 1 - 12) + "\"}"));
        yield return ("64 KiB + 1", Json, Utf8("{\"label\":\"" + new string('x', (64 * 1024) + 1 - 12) + "\"}"));
        yield return ("huge number", Json, Utf8("""{"quantity":1e400,"seconds":1e400,"delayMs":1e400,"credit":1e400,"count":1e400}"""));
        yield return ("non-finite", Json, Utf8("""{"quantity":NaN,"seconds":Infinity}"""));
        yield return ("non-finite strings", Json, Utf8("""{"quantity":"NaN","seconds":"Infinity","credit":"-Infinity"}"""));
        yield return ("wrong types", Json, Utf8("""{"phone_numbers":"+19194601234","numbers":{"a":1},"phone_number":["+19194601234"],"partial_allowed":"yes","name":7,"kind":[]}"""));
        yield return ("nulls everywhere", Json, Utf8("""{"phone_numbers":[null],"numbers":[null],"phone_number":null,"keys":[null],"campaigns":[null],"rules":[null],"target":null,"dialect":null,"name":null,"kind":null}"""));
        yield return ("array", Json, Utf8("[]"));
        yield return ("null", Json, Utf8("null"));
        yield return ("string", Json, Utf8("\"hello\""));
        yield return ("empty", Json, []);
        yield return ("truncated", Json, Utf8("""{"phone_numbers":["+1919"""));
        yield return ("text/plain", "text/plain", Utf8("phone_number=+19194601234"));
        yield return ("form", "application/x-www-form-urlencoded", Utf8("phone_number=%2B19194601234&phone_number=%ZZ&numbers[]=%00"));
        yield return ("xml bomb", "application/xml", Utf8("""<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]><l>&c;</l>"""));
        const string Xml = "application/xml";
        yield return ("malformed xml", Xml, Utf8("<Order><SiteId>1</Order>"));
        yield return ("xml wrong root", Xml, Utf8("<Nope><SiteId>1</SiteId></Nope>"));
        yield return ("xml deep nesting", Xml, Utf8("<Order>" + string.Concat(Enumerable.Repeat("<a>", 5000)) + string.Concat(Enumerable.Repeat("</a>", 5000)) + "</Order>"));
        yield return ("xml invalid UTF-8", Xml, [.. Utf8("<Order><Name>"), 0xC3, 0x28, 0xFF, .. Utf8("</Name></Order>")]);
        yield return ("xml external entity", Xml, Utf8("""<?xml version="1.0"?><!DOCTYPE Order [<!ENTITY x SYSTEM "file:///etc/passwd">]><Order><Name>&x;</Name></Order>"""));
        yield return ("xml hostile values", Xml, Utf8("<Order><SiteId>99999999999999999999</SiteId><PartialAllowed>NaN</PartialAllowed><AreaCodeSearchAndOrderType><AreaCode>1e400</AreaCode><Quantity>-1</Quantity></AreaCodeSearchAndOrderType></Order>"));
        yield return ("xml empty lists", Xml, Utf8("<Order><SiteId>1</SiteId><ExistingTelephoneNumberOrderType><TelephoneNumberList><TelephoneNumber/></TelephoneNumberList></ExistingTelephoneNumberOrderType><DisconnectTelephoneNumberOrderType><TelephoneNumberList/></DisconnectTelephoneNumberOrderType><ReservedTn/></Order>"));
        yield return ("xml 100 KB text", Xml, Utf8("<Order><Name>" + new string('x', 100_000) + "</Name></Order>"));
        yield return ("bad media type", "application/json; charset=bogus-charset-1", Utf8("{}"));
        yield return ("unparseable media type", "@@@/;;;", Utf8("{}"));
    }

    /// <summary>Values for query parameters and path segments.</summary>
    private static readonly string[] Values =
    [
        "", " ", "abc", "-1", "0", "99999999999999999999", "1e400", "NaN", "Infinity", "%00", "\u0000", "../../etc/passwd", "\ud83d\ude00",
        new string('9', 5_000), "+1919460", "null", "[]", "{}", "'; DROP TABLE numbers; --",
    ];

    private static readonly string[] ChaosHeaders =
    [
        "pending=1e15", "pending=1e308", "pending=Infinity", "pending=-1", "latency=1e308", "latency=-5", "status=429;retry-after=-1",
        "status=999", "status=abc", "partial=NaN", "partial=2", "nonsense", new string('x', 10_000),
    ];

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task EveryDocumentedOperationSurvivesHostileInput(string document)
    {
        var operations = await OperationsAsync(document);
        Assert.NotEmpty(operations);
        using var client = document == "__admin" ? _sim.Admin() : Client(document);
        var reference = document == "__admin" ? null : await ReferenceEnvelopeAsync(client);
        var failures = new List<string>();

        foreach (var operation in operations)
        {
            // Hostile path segments.
            foreach (var path in Paths(operation.Path))
            {
                await CheckAsync(client, operation.Method, path, null, null, null, reference, failures);
            }

            // Hostile query values, alone and repeated.
            var concrete = Concrete(operation.Path);
            foreach (var query in operation.Query)
            {
                foreach (var value in Values)
                {
                    await CheckAsync(client, operation.Method, $"{concrete}?{query}={Uri.EscapeDataString(value)}&{query}=again", null, null, null, reference, failures);
                }
            }

            if (operation.Method != HttpMethod.Get && operation.Method != HttpMethod.Delete)
            {
                foreach (var (name, contentType, body) in Bodies())
                {
                    await CheckAsync(client, operation.Method, concrete, contentType, body, null, reference, failures, name);
                }
            }

            // A large (16 KiB) but legal header: never a 5xx, whatever the operation.
            await CheckAsync(client, operation.Method, concrete, null, null, null, reference, failures, "16 KiB header", largeHeader: true);

            if (document != "__admin")
            {
                foreach (var header in ChaosHeaders)
                {
                    await CheckAsync(client, operation.Method, concrete, "application/json", "{}"u8.ToArray(), header, reference, failures, "chaos header " + header[..Math.Min(20, header.Length)]);
                }
            }
        }

        // Every method a path does not document gets the vendor's 404 or 405, never a 2xx or a 5xx
        // (unless another operation's template takes that path, as GET /numbers/{id} takes /numbers/search).
        var undocumented = 0;
        foreach (var group in operations.GroupBy(o => o.Path))
        {
            var concrete = Paths(group.Key).First();
            foreach (var method in new[] { HttpMethod.Get, HttpMethod.Post, HttpMethod.Put, HttpMethod.Patch, HttpMethod.Delete }
                .Where(m => !operations.Any(o => o.Method == m && Matches(o.Path, concrete))))
            {
                await CheckAsync(client, method, concrete, "application/json", method == HttpMethod.Get || method == HttpMethod.Delete ? null : "{}"u8.ToArray(), null, reference, failures, "undocumented method", expected: [404, 405]);
                undocumented++;
            }
        }

        Assert.True(undocumented > 0, $"{document}: no path had an undocumented method to try");
        Assert.True(failures.Count == 0, $"{failures.Count} hostile requests misbehaved:\n" + string.Join("\n", failures.Distinct().Take(40)));
        await AssertHealthyAsync(document);
    }

    private async Task CheckAsync(HttpClient client, HttpMethod method, string path, string? contentType, byte[]? body, string? chaos,
        HashSet<string>? reference, List<string> failures, string? label = null, int[]? expected = null, bool largeHeader = false)
    {
        var before = Snapshot();
        using var request = new HttpRequestMessage(method, path);
        if (largeHeader)
        {
            request.Headers.TryAddWithoutValidation("X-Filler", new string('x', 16 * 1024));
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        if (chaos is not null)
        {
            request.Headers.TryAddWithoutValidation("X-CarrierSim-Chaos", chaos);
        }

        HttpResponseMessage response;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            // Headers first: an event stream (the journal's) answers at once but never ends.
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        }
        catch (InvalidOperationException e) when (e.Message.Contains("null characters", StringComparison.Ordinal))
        {
            // The test client itself refuses to send this path: nothing reached the simulator.
            return;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            failures.Add($"{method} {Short(path)} [{label}]: no response within 5 s ({e.GetType().Name})");
            return;
        }
        catch (Exception e)
        {
            // The in-memory server rethrows what no middleware handled: that would be a 500.
            failures.Add($"{method} {Short(path)} [{label}]: the server threw {e.GetType().Name}: {Short(e.Message)}");
            return;
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (status == 200 && response.Content.Headers.ContentType?.MediaType == "text/event-stream")
            {
                return;
            }

            var text = await response.Content.ReadAsStringAsync(timeout.Token);
            var what = $"{method} {Short(path)} [{label ?? "query/path"}] → {status}";
            if (expected is not null && !expected.Contains(status))
            {
                failures.Add($"{what}: expected {string.Join(" or ", expected)}: {Short(text)}");
            }
            if (status >= 500)
            {
                failures.Add($"{what}: {Short(text)}");
                return;
            }

            if (status >= 400)
            {
                if (!Envelope(text, reference, out var problem))
                {
                    failures.Add($"{what}: not the envelope ({problem}): {Short(text)}");
                }

                if (Snapshot() != before)
                {
                    failures.Add($"{what}: a rejected request changed the simulation ({before} → {Snapshot()})");
                }
            }
        }
    }

    /// <summary>Dialect errors carry the same top-level fields as the vendor's own 404; admin errors are JSON with a message.</summary>
    private static bool Envelope(string text, HashSet<string>? reference, out string problem)
    {
        problem = "";
        if (reference is not null && reference.Contains(XmlEnvelope))
        {
            return XmlError(text, out problem);
        }

        JsonElement json;
        try
        {
            json = JsonDocument.Parse(text).RootElement;
        }
        catch (JsonException)
        {
            problem = "body is not JSON";
            return false;
        }

        if (json.ValueKind != JsonValueKind.Object)
        {
            problem = "body is not a JSON object";
            return false;
        }

        var keys = json.EnumerateObject().Select(p => p.Name).ToHashSet();
        if (reference is null)
        {
            // RFC 9457: the control plane answers problems.
            var ok = keys.Contains("detail") && keys.Contains("status") && keys.Contains("title");
            problem = ok ? "" : "not an RFC 9457 problem (type, title, status, detail)";
            return ok;
        }

        var missing = reference.Except(keys).ToList();
        problem = missing.Count == 0 ? "" : "missing " + string.Join(", ", missing);
        return missing.Count == 0;
    }

    /// <summary>The reference of a vendor whose errors are XML: every error is then checked for the vendor's XML error shapes.</summary>
    private const string XmlEnvelope = "<xml>";

    /// <summary>
    /// Bandwidth-style XML errors: a well-formed document whose root holds an <c>Error</c> (Code, Description),
    /// an <c>ErrorList</c> of them, or a <c>ResponseStatus</c> (ErrorCode, Description).
    /// </summary>
    private static bool XmlError(string text, out string problem)
    {
        System.Xml.Linq.XElement root;
        try
        {
            root = System.Xml.Linq.XDocument.Parse(text).Root!;
        }
        catch (System.Xml.XmlException)
        {
            problem = "body is not XML";
            return false;
        }

        var error = root.Element("Error") ?? root.Element("ErrorList")?.Element("Error");
        var ok = error is not null
            ? !string.IsNullOrEmpty(error.Element("Code")?.Value) && !string.IsNullOrEmpty(error.Element("Description")?.Value)
            : !string.IsNullOrEmpty(root.Element("ResponseStatus")?.Element("ErrorCode")?.Value) && !string.IsNullOrEmpty(root.Element("ResponseStatus")?.Element("Description")?.Value);
        problem = ok ? "" : "no Error/ErrorList with Code and Description, nor ResponseStatus with ErrorCode and Description";
        return ok;
    }

    private async Task<HashSet<string>> ReferenceEnvelopeAsync(HttpClient client)
    {
        using var response = await client.GetAsync("no/such/path", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        if (response.Content.Headers.ContentType?.MediaType == "application/xml")
        {
            var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True(XmlError(text, out var why), why);
            return [XmlEnvelope];
        }

        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        return [.. json.EnumerateObject().Select(p => p.Name).Where(n => n is not ("code" or "details" or "request_id"))];
    }

    /// <summary>What a rejected request must not change (the tenant already exists: the client warmed it up).</summary>
    private (int Orders, int Owned, int Overlay, int Rules, DateTimeOffset Clock) Snapshot()
    {
        var stats = _sim.Simulation.Inventory.GetStats();
        return (_sim.Simulation.Orders.All().Count, stats.Owned, stats.OverlayEntries, _sim.Simulation.Chaos.Rules.Count, _sim.Simulation.Clock.GetUtcNow());
    }

    private async Task AssertHealthyAsync(string document)
    {
        await (await _sim.Admin().Get("health")).JsonAsync(200);
        await (await _sim.Admin().Get("info")).JsonAsync(200);
        if (document == "__admin")
        {
            return;
        }

        using var client = Client(document);
        using var response = await client.GetAsync("openapi.json", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // And it still searches, with the credentials of the dialect's probe.
        var probe = DialectProbe.For(document);
        using var searcher = _sim.Anonymous(document);
        foreach (var (name, value) in probe.Credentials)
        {
            searcher.DefaultRequestHeaders.TryAddWithoutValidation(name, value);
        }

        Assert.NotEmpty(probe.Numbers(await probe.BodyAsync(await probe.SearchAsync(searcher, 1), 200)));
    }

    private HttpClient Client(string dialect)
    {
        var client = _sim.Anonymous(dialect);
        foreach (var (name, value) in CarrierSimDialects.Credentials(dialect, tenant: "hostile"))
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation(name, value);
        }

        // Warm the tenant up, so that creating it is not mistaken for a change made by a rejected request.
        client.GetAsync("no/such/path", TestContext.Current.CancellationToken).GetAwaiter().GetResult().Dispose();
        return client;
    }

    private sealed record Operation(HttpMethod Method, string Path, IReadOnlyList<string> Query);

    private async Task<List<Operation>> OperationsAsync(string document)
    {
        var path = document == "__admin" ? "/__admin/openapi.json" : $"/{document}/openapi.json";
        using var client = _sim.Anonymous(document);
        var text = await client.GetStringAsync(path, TestContext.Current.CancellationToken);
        var parsed = OpenApiDocument.Parse(text, "json", new OpenApiReaderSettings()).Document!;
        var prefix = document == "__admin" ? "" : "";
        return
        [
            .. parsed.Paths.SelectMany(p => p.Value.Operations!.Select(o => new Operation(
                o.Key,
                (document == "__admin" ? p.Key : $"/{document}{p.Key}") + prefix,
                [.. (o.Value.Parameters ?? []).Where(q => q.In == ParameterLocation.Query).Select(q => q.Name!)]))),
        ];
    }

    /// <summary>
    /// Path parameters that choose an API family rather than a resource (the version prefix, the account in
    /// the path) take a plausible value in the concrete path, so hostile bodies and queries reach the
    /// handler instead of the vendor's 404; every other parameter is "x". <see cref="Paths"/> still tries them hostile.
    /// </summary>
    private static readonly Dictionary<string, string> Plausible = new(StringComparer.Ordinal) { ["apiVersion"] = "api", ["accountId"] = "9900000" };

    private static string Concrete(string template) =>
        System.Text.RegularExpressions.Regex.Replace(template, @"\{\*{0,2}([^}]+)\}", m => Plausible.GetValueOrDefault(m.Groups[1].Value, "x"));

    /// <summary>The path with each {parameter} replaced by hostile segments (and one plausible value).</summary>
    private static IEnumerable<string> Paths(string template)
    {
        if (!template.Contains('{', StringComparison.Ordinal))
        {
            yield return template;
            yield break;
        }

        foreach (var value in new[] { "x", "0", "-1", "99999999999999999999", "%2e%2e%2f%2e%2e", "%00", "+19194601234", new string('a', 3000), "%F0%9F%98%80" })
        {
            yield return System.Text.RegularExpressions.Regex.Replace(template, @"\{\*{0,2}[^}]+\}", value);
        }
    }

    /// <summary>Whether a route template (<c>{id}</c> one segment, <c>{**rest}</c> any) takes this concrete path.</summary>
    private static bool Matches(string template, string path)
    {
        var pattern = string.Concat(System.Text.RegularExpressions.Regex.Split(template, @"(\{[^}]+\})").Select(part =>
            part.StartsWith("{**", StringComparison.Ordinal) ? ".+"
            : part.StartsWith('{') ? "[^/]+"
            : System.Text.RegularExpressions.Regex.Escape(part)));
        return System.Text.RegularExpressions.Regex.IsMatch(path, $"^{pattern}$");
    }

    private static string Short(string text) => text.Length <= 160 ? text : text[..160] + "…";
}
