using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace CarrierSim.Server.Hosting;

/// <summary>
/// Once the server listens, checks every address it actually listens on, however it was configured
/// (<c>--bind</c>, <c>CarrierSim__BindAddress</c>, <c>Kestrel:Endpoints</c> in a file or the
/// environment…): an address beyond loopback without an admin token fails the start.
/// </summary>
internal sealed class AdminExposureGuard(IServer server, IOptions<CarrierSimOptions> options) : IHostedLifecycleService
{
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(options.Value.AdminToken)
            && server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault(a => !IsLoopbackUrl(a)) is { } exposed)
        {
            throw new InvalidOperationException(
                $"Listening on {exposed}, beyond loopback, without an admin token: set --admin-token (or CarrierSim__AdminToken, at least {CarrierSimOptions.MinAdminTokenLength} characters) so the admin API is not open to the network.");
        }

        return Task.CompletedTask;
    }

    /// <summary>Whether a listening URL (e.g. <c>http://127.0.0.1:8080</c>, <c>http://[::]:0</c>) is loopback only.</summary>
    internal static bool IsLoopbackUrl(string url)
    {
        var host = Uri.TryCreate(url.Replace("://*", "://wildcard", StringComparison.Ordinal).Replace("://+", "://wildcard", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            ? uri.Host.Trim('[', ']')
            : "";
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
