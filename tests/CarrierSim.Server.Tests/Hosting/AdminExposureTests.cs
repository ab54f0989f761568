using System.Net;
using System.Net.Http.Headers;
using CarrierSim.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CarrierSim.Server.Tests.Hosting;

/// <summary>The admin API needs a token on every listening address beyond loopback, however it is configured.</summary>
public sealed class AdminExposureTests
{
    private const string Token = "0123456789abcdef-exposure";

    private static WebApplication Build(Dictionary<string, string?> settings)
    {
        settings["CarrierSim:Port"] = "0";
        return CarrierSimApp.CreateBuilder([], settings).Build().UseCarrierSim();
    }

    [Fact]
    public async Task AKestrelEndpointBeyondLoopbackWithoutATokenFailsTheStartNamingTheAddress()
    {
        await using var app = Build(new() { ["Kestrel:Endpoints:Http:Url"] = "http://0.0.0.0:0" });

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        Assert.Matches(@"^Listening on http://0\.0\.0\.0:\d+, beyond loopback, without an admin token", refused.Message);
        Assert.DoesNotContain('\n', refused.Message);
    }

    [Fact]
    public async Task AKestrelEndpointBeyondLoopbackWithATokenStartsAndTheAdminApiRequiresIt()
    {
        await using var app = Build(new() { ["Kestrel:Endpoints:Http:Url"] = "http://0.0.0.0:0", ["CarrierSim:AdminToken"] = Token });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var exposed = new Uri(addresses.Single(a => a.Contains("0.0.0.0", StringComparison.Ordinal)));

        // Test traffic stays on loopback: the wildcard endpoint answers there too.
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{exposed.Port}/__admin/") };
        using var refused = await http.GetAsync("info", TestContext.Current.CancellationToken);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var allowed = await http.GetAsync("info", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        await app.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task LoopbackEndpointsNeedNoToken()
    {
        await using var app = Build(new() { ["Kestrel:Endpoints:Http:Url"] = "http://127.0.0.1:0" });
        await app.StartAsync(TestContext.Current.CancellationToken);
        await app.StopAsync(TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData("x", "1 characters long")]
    [InlineData("0123456789abcde", "15 characters long")]
    [InlineData(" ", "blank")]
    [InlineData("", "blank")]
    [InlineData("0123456789 abcdef", "whitespace")]
    public async Task ShortOrBlankTokensAreRefused(string token, string reason)
    {
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var app = Build(new() { ["CarrierSim:AdminToken"] = token });
            await app.StartAsync(TestContext.Current.CancellationToken);
        });

        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080", true)]
    [InlineData("http://[::1]:8080", true)]
    [InlineData("http://localhost:8080", true)]
    [InlineData("http://0.0.0.0:8080", false)]
    [InlineData("http://[::]:8080", false)]
    [InlineData("http://*:8080", false)]
    [InlineData("http://+:8080", false)]
    [InlineData("http://example.com:8080", false)]
    [InlineData("https://192.168.1.5:443", false)]
    public void ListeningUrlsAreLoopbackOnlyWhenEveryHostIsLoopback(string url, bool loopback) =>
        Assert.Equal(loopback, AdminExposureGuard.IsLoopbackUrl(url));
}
