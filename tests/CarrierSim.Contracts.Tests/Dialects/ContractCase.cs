using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CarrierSim.Contracts.Tests.Dialects;

/// <summary>
/// One documented interaction: the request a client following the vendor's document sends, the provider
/// states it needs, the response the contract promises (with matchers), and what a client checks in it.
/// The same request description drives both the pact and the HTTP call, so they cannot drift apart.
/// </summary>
internal sealed class ContractCase
{
    public required string Dialect { get; init; }

    public required string Description { get; init; }

    public IReadOnlyList<(string Name, IReadOnlyDictionary<string, object?> Parameters)> States { get; init; } = [];

    public required string Method { get; init; }

    public required string Path { get; init; }

    public IReadOnlyList<(string Name, string Value)> Query { get; init; } = [];

    public IReadOnlyList<(string Name, string Value)> Headers { get; init; } = [];

    public object? Body { get; init; }

    /// <summary>
    /// The media type of both bodies: JSON, or <c>application/xml</c> for a vendor that speaks XML, whose bodies
    /// are then Pact's XML-with-matchers form (<see cref="PactXml"/>).
    /// </summary>
    public string ContentType { get; init; } = "application/json";

    /// <summary>Form fields sent as <c>application/x-www-form-urlencoded</c> (Twilio's bodies) instead of a JSON <see cref="Body"/>.</summary>
    public IReadOnlyList<(string Name, string Value)>? FormBody { get; init; }

    public required int Status { get; init; }

    /// <summary>Response headers the contract promises (strings or matchers).</summary>
    public IReadOnlyList<(string Name, object Value)> ResponseHeaders { get; init; } = [];

    /// <summary>The promised body; null for an answer without one.</summary>
    public required object? ResponseBody { get; init; }

    /// <summary>Assertions a client would make on the response it received (for XML, the document's text as a JSON string).</summary>
    public required Action<JsonElement> Then { get; init; }

    private bool IsXml => ContentType != "application/json";

    public override string ToString() => $"{Dialect}: {Description}";

    public void Define(PactBuilder pact)
    {
        var interaction = pact.UponReceiving(Description);
        foreach (var (name, parameters) in States)
        {
            if (parameters.Count == 0)
            {
                interaction.Given(name);
            }
            else
            {
                interaction.Given(name, parameters);
            }
        }

        var request = interaction.WithRequest(Method, Path);
        foreach (var (name, value) in Query)
        {
            request.WithQuery(name, value);
        }

        foreach (var (name, value) in Headers)
        {
            request.WithHeader(name, value);
        }

        if (Body is not null && IsXml)
        {
            request.WithBody(ContentType, PactJson.Serialize(Body));
        }
        else if (Body is not null)
        {
            request.WithJsonBody(Body);
        }

        if (FormBody is not null)
        {
            request.WithFormBody(FormBody.Select(f => KeyValuePair.Create(f.Name, f.Value)));
        }

        var response = request.WillRespondWith(Status);
        foreach (var (name, value) in ResponseHeaders)
        {
            _ = value is Matcher matcher ? response.WithHeader(name, matcher) : response.WithHeader(name, (string)value);
        }

        if (ResponseBody is not null && IsXml)
        {
            response.WithBody(ContentType, PactJson.Serialize(ResponseBody));
        }
        else if (ResponseBody is not null)
        {
            response.WithJsonBody(ResponseBody);
        }
    }

    /// <summary>Sends the request with a plain HttpClient and checks the response as a client of the vendor would.</summary>
    public async Task ExerciseAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var query = Query.Count == 0
            ? string.Empty
            : "?" + string.Join("&", Query.Select(q => $"{Uri.EscapeDataString(q.Name)}={Uri.EscapeDataString(q.Value)}"));
        using var request = new HttpRequestMessage(new HttpMethod(Method), Path.TrimStart('/') + query);
        foreach (var (name, value) in Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (Body is not null)
        {
            request.Content = new StringContent(IsXml ? PactXml.Render(Body) : ExampleJson(Body), Encoding.UTF8, new MediaTypeHeaderValue(ContentType));
        }

        if (FormBody is not null)
        {
            request.Content = new FormUrlEncodedContent(FormBody.Select(f => KeyValuePair.Create(f.Name, f.Value)));
        }

        using var response = await client.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True((int)response.StatusCode == Status, $"{this}: expected HTTP {Status}, got {(int)response.StatusCode}: {text}");
        foreach (var (name, _) in ResponseHeaders)
        {
            Assert.True(response.Headers.Contains(name) || response.Content.Headers.Contains(name), $"{this}: no {name} header");
        }

        if (ResponseBody is null || IsXml)
        {
            Assert.True(ResponseBody is null || response.Content.Headers.ContentType?.MediaType == ContentType, $"{this}: expected {ContentType}");
            Then(JsonSerializer.SerializeToElement(text));
            return;
        }

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(text);
        Then(document.RootElement);
    }

    /// <summary>The body as sent on the wire: matchers replaced by their examples.</summary>
    internal static string ExampleJson(object body)
    {
        var node = JsonNode.Parse(PactJson.Serialize(body));
        return Reify(node)?.ToJsonString() ?? "null";
    }

    private static JsonNode? Reify(JsonNode? node) => node switch
    {
        JsonObject obj when obj.ContainsKey("pact:matcher:type") => Reify(obj["value"]?.DeepClone()),
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Reify(p.Value?.DeepClone())))),
        JsonArray array => new JsonArray(array.Select(e => Reify(e?.DeepClone())).ToArray()),
        _ => node?.DeepClone(),
    };
}
