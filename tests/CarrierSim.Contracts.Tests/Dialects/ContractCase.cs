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

    /// <summary>Form fields sent as <c>application/x-www-form-urlencoded</c> (Twilio's bodies) instead of a JSON <see cref="Body"/>.</summary>
    public IReadOnlyList<(string Name, string Value)>? FormBody { get; init; }

    public required int Status { get; init; }

    public required object ResponseBody { get; init; }

    /// <summary>Assertions a client would make on the response it received.</summary>
    public required Action<JsonElement> Then { get; init; }

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

        if (Body is not null)
        {
            request.WithJsonBody(Body);
        }

        if (FormBody is not null)
        {
            request.WithFormBody(FormBody.Select(f => KeyValuePair.Create(f.Name, f.Value)));
        }

        request.WillRespondWith(Status).WithJsonBody(ResponseBody);
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
            request.Content = new StringContent(ExampleJson(Body), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        }

        if (FormBody is not null)
        {
            request.Content = new FormUrlEncodedContent(FormBody.Select(f => KeyValuePair.Create(f.Name, f.Value)));
        }

        using var response = await client.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True((int)response.StatusCode == Status, $"{this}: expected HTTP {Status}, got {(int)response.StatusCode}: {text}");
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
