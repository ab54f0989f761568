using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CarrierSim.Core;
using CarrierSim.Core.Numbering;
using CarrierSim.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CarrierSim.Server.Tests;

/// <summary>An in-memory simulator on a fake clock, with helpers to call each dialect.</summary>
internal sealed class TestSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestSimulator(WebApplication app, FakeTimeProvider time)
    {
        _app = app;
        Time = time;
    }

    public FakeTimeProvider Time { get; }

    public Simulation Simulation => _app.Services.GetRequiredService<Simulation>();

    public IServiceProvider Services => _app.Services;

    public static async Task<TestSimulator> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, NumberingCatalog? catalog = null)
    {
        var all = new Dictionary<string, string?> { ["CarrierSim:Seed"] = "7", ["CarrierSim:Port"] = "0" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var builder = CarrierSimApp.CreateBuilder([], all);
        builder.WebHost.UseTestServer();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        builder.Services.AddSingleton<TimeProvider>(time);
        if (catalog is not null)
        {
            builder.Services.AddSingleton(catalog);
        }

        var app = builder.Build().UseCarrierSim();
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new TestSimulator(app, time);
    }

    /// <summary>A client for a dialect's base URL with no credentials.</summary>
    public HttpClient Anonymous(string dialect)
    {
        var client = _app.GetTestClient();
        client.BaseAddress = new Uri($"http://localhost/{dialect}/");
        return client;
    }

    public HttpClient DialStack(string key = "sk_test_carriersim", string account = "acct_01h2xcejqtf2nbrexx3vqjhp41")
    {
        var client = Anonymous("dialstack");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        client.DefaultRequestHeaders.Add("DialStack-Account", account);
        return client;
    }

    public HttpClient AgentMessage(string key = "am_live_carriersim") => WithBearer("agentmessage", key);

    public HttpClient DialNexa(string key = "key_carriersim:secret_carriersim") => WithBearer("dialnexa", key);

    public HttpClient IdentityCall(string key = "idc_0123456789abcdefghijklmnopqrstuv") => WithBearer("identitycall", key);

    /// <summary>Bandwidth: HTTP Basic with a Dashboard API user; paths carry the account id (/api/accounts/{id}/…).</summary>
    public HttpClient Bandwidth(string user = "carriersim", string password = "carriersim")
    {
        var client = Anonymous("bandwidth");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{user}:{password}")));
        return client;
    }

    private HttpClient WithBearer(string dialect, string key)
    {
        var client = Anonymous(dialect);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public HttpClient Admin()
    {
        var client = _app.GetTestClient();
        client.BaseAddress = new Uri("http://localhost/__admin/");
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

internal static class HttpAssertions
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, int expectedStatus)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expectedStatus, $"expected {expectedStatus}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>
    /// Asserts an admin error: the status, <c>application/problem+json</c>, and an RFC 9457 body
    /// with <c>type</c>, <c>title</c>, the same <c>status</c> and a non-empty <c>detail</c>.
    /// </summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, int expectedStatus)
    {
        var problem = await response.JsonAsync(expectedStatus);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(JsonValueKind.String, problem.GetProperty("type").ValueKind);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.Equal(expectedStatus, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.False(problem.TryGetProperty("error", out _), "a problem has no legacy error field");
        return problem;
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object body) =>
        client.PostAsJsonAsync(path, body, TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string path, string body) =>
        client.PostAsync(path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> Get(this HttpClient client, string path) =>
        client.GetAsync(path, TestContext.Current.CancellationToken);
}
