using System.Text.Json;
using CarrierSim.Server.Dialects;
using CarrierSim.Server.Hosting;
using CarrierSim.Server.Http;

namespace CarrierSim.Server.Tests.Dialects.Probes;

/// <summary>
/// How the platform-wide tests (the chaos matrix, the hostile corpus) search and order through one dialect and
/// read its answers. Each dialect's tests provide one subclass next to its other tests; the tests find them by
/// reflection, so adding a dialect touches no shared test file, and a registered dialect without a probe fails
/// <see cref="DialectProbeTests"/> by name.
/// </summary>
internal abstract class DialectProbe
{
    private static readonly Lazy<IReadOnlyDictionary<string, DialectProbe>> All = new(() => typeof(DialectProbe).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(DialectProbe)) && !t.IsAbstract)
        .Select(t => (DialectProbe)Activator.CreateInstance(t)!)
        .ToDictionary(p => p.Dialect, StringComparer.Ordinal));

    /// <summary>Every probe in the test assembly, by dialect id.</summary>
    public static IReadOnlyDictionary<string, DialectProbe> ByDialect => All.Value;

    public static DialectProbe For(string dialect) => All.Value.TryGetValue(dialect, out var probe)
        ? probe
        : throw new NotSupportedException($"No probe for dialect {dialect}: add a {nameof(DialectProbe)} subclass next to its tests.");

    public abstract string Dialect { get; }

    public DialectCapabilities Capabilities => DialectRegistry.Find(Dialect)!.Capabilities;

    /// <summary>The answer's media type: JSON, or XML for an XML vendor (its bodies are handed over as a JSON string).</summary>
    public virtual string MediaType => "application/json";

    /// <summary>Credentials the client sends: by default the example credentials the registry publishes.</summary>
    public virtual IReadOnlyDictionary<string, string> Credentials => CarrierSimDialects.Credentials(Dialect);

    /// <summary>A search for local numbers in area code 919, asking for <paramref name="quantity"/>.</summary>
    public abstract Task<HttpResponseMessage> SearchAsync(HttpClient client, int quantity);

    /// <summary>The E.164 numbers a successful search answered.</summary>
    public abstract IReadOnlyList<string> Numbers(JsonElement body);

    /// <summary>A purchase of <paramref name="numbers"/> (one for a single-number purchase API).</summary>
    public abstract Task<HttpResponseMessage> OrderAsync(HttpClient client, IReadOnlyList<string> numbers, bool partialAllowed);

    /// <summary>A purchase of one number that asks for inbound and status callbacks to <paramref name="inboundUrl"/> and <paramref name="statusUrl"/>.</summary>
    public virtual Task<HttpResponseMessage> OrderWithCallbacksAsync(HttpClient client, string number, string inboundUrl, string statusUrl) =>
        throw new NotSupportedException($"{Dialect} sends no callbacks.");

    /// <summary>What a purchase the vendor accepts answers.</summary>
    public virtual int AcceptedStatus => 201;

    /// <summary>What a purchase of a number someone else took answers (when the vendor refuses it at once).</summary>
    public virtual int ConflictStatus => 409;

    /// <summary>What a synchronous purchase that fails at fulfilment answers.</summary>
    public virtual int FailureStatus => throw new NotSupportedException($"{Dialect} does not settle purchases synchronously.");

    /// <summary>Vendors that accept an order for a taken number and fail it when it settles.</summary>
    public virtual bool RaceAccepted => false;

    /// <summary>Checks the vendor's "number taken" refusal.</summary>
    public abstract void AssertConflict(JsonElement body);

    /// <summary>Checks the vendor's "failed at fulfilment" answer of a synchronous purchase.</summary>
    public virtual void AssertFailure(JsonElement body) =>
        Assert.Contains("fulfilment", body.GetProperty("error").GetString(), StringComparison.Ordinal);

    /// <summary>Checks the vendor's envelope for a server-side error (503 outcome, 504 lost answer).</summary>
    public abstract void AssertServerError(JsonElement body, int status);

    /// <summary>Checks a search answered during a drought: by default an empty result.</summary>
    public virtual async Task AssertDroughtAsync(HttpResponseMessage response) =>
        Assert.Empty(Numbers(await BodyAsync(response, 200)));

    /// <summary>The answer's body with its status checked: JSON, or for an XML vendor the document text as a JSON string.</summary>
    public async Task<JsonElement> BodyAsync(HttpResponseMessage response, int status)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True((int)response.StatusCode == status, $"{Dialect}: expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal(MediaType, response.Content.Headers.ContentType?.MediaType);
        return MediaType == "application/xml" ? JsonSerializer.SerializeToElement(text) : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>An XML answer handed over by <see cref="BodyAsync"/>, parsed.</summary>
    protected static System.Xml.Linq.XElement Xml(JsonElement body) => System.Xml.Linq.XDocument.Parse(body.GetString()!).Root!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;
}
