using System.Net;
using System.Net.Sockets;

namespace CarrierSim.Tests.Shared;

/// <summary>
/// Decides whether container tests can run: a Docker engine must answer and the simulator image
/// (<c>CARRIERSIM_IMAGE</c>, default <c>carriersim:latest</c>) must exist locally, since no
/// registry may be reachable. Without them a test is skipped, visibly, with the reason, except
/// under CI (<c>CI=true</c>), where a missing engine or image fails the test.
/// </summary>
internal static class DockerAvailability
{
    private static readonly Lazy<Task<string?>> Problem = new(() => FindProblemAsync(Image));

    public static string Image =>
        Environment.GetEnvironmentVariable("CARRIERSIM_IMAGE") is { Length: > 0 } image ? image : "carriersim:latest";

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Returns when Docker and the image are there; otherwise skips the test (or fails it under CI).</summary>
    public static async Task RequireAsync() => Report(await Problem.Value);

    /// <summary>As <see cref="RequireAsync()"/>, and <paramref name="image"/> (named by <paramref name="variable"/>) must exist locally too.</summary>
    public static async Task RequireAsync(string image, string variable)
    {
        await RequireAsync();
        Report(await FindProblemAsync(image) is { } problem ? $"{problem}; {variable} names the image to use" : null);
    }

    private static void Report(string? problem)
    {
        if (problem is null)
        {
            return;
        }

        if (IsCi)
        {
            Assert.Fail($"CI=true requires Docker for the container tests, but {problem}. Run `source .ci/docker.sh` before the tests.");
        }

        Assert.Skip($"Container test skipped: {problem}. Start Docker and build the image (bash .ci/docker.sh, or docker build -t carriersim:latest .) to run it.");
    }

    private static async Task<string?> FindProblemAsync(string image)
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } h ? h : "unix:///var/run/docker.sock";
        using var http = CreateClient(host);
        if (http is null)
        {
            return $"DOCKER_HOST '{host}' is neither unix:// nor tcp://";
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            using var ping = await http.GetAsync("/_ping", timeout.Token);
            if (!ping.IsSuccessStatusCode)
            {
                return $"the Docker engine at {host} answered /_ping with {(int)ping.StatusCode}";
            }

            using var inspected = await http.GetAsync($"/images/{Uri.EscapeDataString(image)}/json", timeout.Token);
            return inspected.StatusCode == HttpStatusCode.NotFound
                ? $"the image '{image}' is not in the local Docker engine (no registry is assumed to be reachable)"
                : null;
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or OperationCanceledException or IOException)
        {
            return $"no Docker engine answers at {host} ({e.Message})";
        }
    }

    private static HttpClient? CreateClient(string host)
    {
        if (host.StartsWith("unix://", StringComparison.Ordinal))
        {
            var path = host["unix://".Length..];
            var handler = new SocketsHttpHandler
            {
                ConnectCallback = async (_, cancellationToken) =>
                {
                    var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    try
                    {
                        await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken);
                        return new NetworkStream(socket, ownsSocket: true);
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                },
            };
            return new HttpClient(handler) { BaseAddress = new Uri("http://docker/") };
        }

        return host.StartsWith("tcp://", StringComparison.Ordinal)
            ? new HttpClient { BaseAddress = new Uri("http://" + host["tcp://".Length..].TrimEnd('/') + "/") }
            : null;
    }
}
