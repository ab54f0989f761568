using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Twilio.Clients;
using Twilio.Http;

namespace CarrierSim.Server.Tests.Dialects.Twilio;

/// <summary>
/// The official Twilio C# SDK, unmodified, pointed at the in-memory simulator through its supported seam: a
/// <see cref="TwilioRestClient"/> built with a <see cref="SystemNetHttpClient"/> whose handler sends
/// https://api.twilio.com/… to the simulator's /twilio/… instead.
/// </summary>
internal static class TwilioSdk
{
    public const string Secret = "0123456789abcdef0123456789abcdef";

    /// <summary>An Account SID for a name: AC and 32 hex digits.</summary>
    public static string AccountSid(string name) => "AC" + Hex(name);

    /// <summary>An API key SID for a name: SK and 32 hex digits.</summary>
    public static string ApiKeySid(string name) => "SK" + Hex(name);

    public static TwilioRestClient Client(TestSimulator sim, string username, string password = Secret, string? accountSid = null) =>
        new(username, password, accountSid: accountSid, httpClient: new SystemNetHttpClient(new System.Net.Http.HttpClient(Handler(sim))));

    /// <summary>A raw client on the simulator's Twilio mount with Basic credentials (or none).</summary>
    public static System.Net.Http.HttpClient Raw(TestSimulator sim, string? username, string password = Secret)
    {
        var client = sim.Anonymous("twilio");
        if (username is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));
        }

        return client;
    }

    /// <summary>The SDK against a simulator that serves Twilio at the root of its own port: only the host changes.</summary>
    public static TwilioRestClient AtRootOf(Uri root, string username, string password = Secret) =>
        new(username, password, httpClient: new SystemNetHttpClient(new System.Net.Http.HttpClient(new SwapHost(root) { InnerHandler = new HttpClientHandler() })));

    private static RewriteToSimulator Handler(TestSimulator sim) =>
        new(((TestServer)sim.Services.GetRequiredService<IServer>()).CreateHandler());

    private static string Hex(string name) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..32];

    private sealed class SwapHost(Uri root) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.RequestUri = new Uri(root, request.RequestUri!.PathAndQuery);
            return base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class RewriteToSimulator(HttpMessageHandler simulator) : DelegatingHandler(simulator)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            Assert.Equal("api.twilio.com", uri.Host);
            request.RequestUri = new Uri("http://localhost/twilio" + uri.PathAndQuery);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
