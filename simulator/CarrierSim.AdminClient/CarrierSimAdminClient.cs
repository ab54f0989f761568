using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CarrierSim.AdminClient;

/// <summary>
/// A typed client for CarrierSim's control plane under <c>/__admin</c>: info and health,
/// reset, chaos rules and scenarios, the clock, accounts, inventory, orders, the request
/// journal, callbacks and Pact provider states. Every method throws <see cref="CarrierSimAdminException"/> when the server
/// answers with an error status.
/// </summary>
/// <remarks>
/// The client does not own the <see cref="HttpClient"/> it is given and never changes it;
/// each request carries the admin token, when one is given, as <c>Authorization: Bearer</c>.
/// </remarks>
public sealed partial class CarrierSimAdminClient
{
    private readonly HttpClient _http;
    private readonly Uri _root;
    private readonly AuthenticationHeaderValue? _authorization;

    /// <summary>Creates a client for the simulator at <paramref name="http"/>'s base address.</summary>
    /// <param name="http">
    /// A client whose <see cref="HttpClient.BaseAddress"/> is the simulator root, e.g.
    /// <c>http://localhost:8080/</c>. It is not disposed by this client.
    /// </param>
    /// <param name="adminToken">
    /// The admin token the simulator was started with (<c>--admin-token</c> or
    /// <c>CarrierSim__AdminToken</c>); null when it runs on loopback without one.
    /// </param>
    /// <exception cref="ArgumentException">The client has no absolute base address.</exception>
    public CarrierSimAdminClient(HttpClient http, string? adminToken = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.BaseAddress is not { IsAbsoluteUri: true } baseAddress)
        {
            throw new ArgumentException("The HttpClient needs BaseAddress set to the simulator root, e.g. http://localhost:8080/.", nameof(http));
        }

        if (adminToken is not null && (adminToken.Length == 0 || adminToken.Any(char.IsWhiteSpace)))
        {
            throw new ArgumentException("The admin token must be non-empty and contain no whitespace.", nameof(adminToken));
        }

        _http = http;
        _root = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
        _authorization = adminToken is null ? null : new AuthenticationHeaderValue("Bearer", adminToken);
    }

    /// <summary>
    /// How the admin API writes JSON: camelCase names, enums as camelCase strings, nulls omitted.
    /// Use it to serialise the DTOs of this library the way the server reads them.
    /// </summary>
    public static JsonSerializerOptions JsonOptions { get; } = CreateJsonOptions();

    /// <summary>The simulator root this client talks to, ending with <c>/</c>.</summary>
    public Uri BaseAddress => _root;

    /// <summary>Reads the simulator's name, version, seed, clock, scenario and dialects (<c>GET /__admin/info</c>).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>What the simulator says about itself.</returns>
    public Task<SimulatorInfo> GetInfoAsync(CancellationToken cancellationToken = default) =>
        GetAsync<SimulatorInfo>("__admin/info", cancellationToken);

    /// <summary>Reads <c>GET /__admin/health</c>, which needs no admin token.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The health status; <c>ok</c> when the simulator is up.</returns>
    public Task<HealthStatus> GetHealthAsync(CancellationToken cancellationToken = default) =>
        GetAsync<HealthStatus>("__admin/health", cancellationToken);

    /// <summary>
    /// Puts the simulator back to its state right after start (<c>POST /__admin/reset</c>):
    /// base inventory, declared accounts only, no orders, clock unshifted, the start-up
    /// scenario re-applied and an empty journal.
    /// </summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the simulator has been reset.</returns>
    public Task ResetAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "__admin/reset", null, cancellationToken);

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },

            // Chaos rules are polymorphic on "kind", which scenario files may put anywhere.
            AllowOutOfOrderMetadataProperties = true,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private static JsonContent Json<T>(T value) => JsonContent.Create(value, options: JsonOptions);

    private static string Segment(string value) => Uri.EscapeDataString(value);

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var builder = new StringBuilder();
        foreach (var (name, value) in parameters)
        {
            if (value is null)
            {
                continue;
            }

            builder.Append(builder.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }

        return builder.ToString();
    }

    private Task<T> GetAsync<T>(string path, CancellationToken cancellationToken) =>
        SendAsync<T>(HttpMethod.Get, path, null, cancellationToken);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(method, path, content, cancellationToken).ConfigureAwait(false);
        try
        {
            var value = await response.Content.ReadFromJsonAsync<T>(JsonOptions, cancellationToken).ConfigureAwait(false);
            return value ?? throw new CarrierSimAdminException($"CarrierSim admin API: {method} /{path} answered {(int)response.StatusCode} with an empty body where {typeof(T).Name} was expected.");
        }
        catch (JsonException e)
        {
            throw new CarrierSimAdminException($"CarrierSim admin API: {method} /{path} answered a body that is not a {typeof(T).Name}: {e.Message}", e);
        }
    }

    private async Task SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(method, path, content, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendCoreAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(_root, path)) { Content = content };
        request.Headers.Authorization = _authorization;
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new CarrierSimAdminException(response.StatusCode, ErrorOf(body), method.Method, "/" + path, body);
        }
    }

    private static string? ErrorOf(string body)
    {
        try
        {
            // RFC 9457 problem details carry the message in "detail"; older servers (and the
            // admin-token check) answer {"error": "…"}.
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            foreach (var name in (ReadOnlySpan<string>)["detail", "error", "title"])
            {
                if (document.RootElement.TryGetProperty(name, out var message) && message.ValueKind == JsonValueKind.String)
                {
                    return message.GetString();
                }
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
