using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;

namespace CarrierSim.Server.Tests.Cli;

/// <summary>
/// <c>carrier-sim serve</c> as a real process: SIGTERM with a request held by a chaos delay or hang
/// cancels the wait, drains and exits 0, instead of exit 143 with the request cut.
/// </summary>
public sealed class ShutdownTests
{
    private const string Key = "idc_0123456789abcdefghijklmnopqrstuv";
    private const string Available = "identitycall/api/v1/public/virtual_numbers/available";

    [Fact]
    public async Task SigtermDuringASixSecondChaosLatencyAnswersTheRequestAndExitsZero()
    {
        await using var server = await ServerProcess.StartAsync();
        var rule = await server.Http.PostAsJsonAsync("__admin/chaos/rules", new { name = "slow", kind = "latency", delayMs = 6000 }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, rule.StatusCode);

        var (exit, elapsed, outcome) = await server.TerminateDuringAsync(new HttpRequestMessage(HttpMethod.Get, Available));

        Assert.Equal(0, exit);
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"stopping took {elapsed}");
        Assert.True(outcome is HttpResponseMessage { StatusCode: HttpStatusCode.OK } or HttpRequestException, $"the client got {outcome}");
    }

    [Fact]
    public async Task SigtermDuringAHangClosesTheConnectionAndExitsZero()
    {
        await using var server = await ServerProcess.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, Available);
        request.Headers.Add("X-CarrierSim-Chaos", "hang");

        var (exit, elapsed, outcome) = await server.TerminateDuringAsync(request);

        Assert.Equal(0, exit);
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"stopping took {elapsed}");
        Assert.IsType<HttpRequestException>(outcome, exactMatch: false);
    }

    private sealed class ServerProcess : IAsyncDisposable
    {
        private readonly Process _process;

        private ServerProcess(Process process, HttpClient http)
        {
            _process = process;
            Http = http;
        }

        public HttpClient Http { get; }

        public static async Task<ServerProcess> StartAsync()
        {
            int port;
            using (var probe = new TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                port = ((IPEndPoint)probe.LocalEndpoint).Port;
            }

            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "carrier-sim.dll"), "serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            {
                start.ArgumentList.Add(arg);
            }

            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(20) };
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Key);
            var server = new ServerProcess(process, http);
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    using var health = await http.GetAsync("__admin/health", TestContext.Current.CancellationToken);
                    if (health.IsSuccessStatusCode)
                    {
                        return server;
                    }
                }
                catch (HttpRequestException) when (deadline.Elapsed < TimeSpan.FromSeconds(30) && !process.HasExited)
                {
                }

                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
        }

        /// <summary>Sends <paramref name="request"/>, sends SIGTERM while it is held, and waits (at most 7 s) for the exit.</summary>
        public async Task<(int Exit, TimeSpan Elapsed, object Outcome)> TerminateDuringAsync(HttpRequestMessage request)
        {
            var call = Http.SendAsync(request, TestContext.Current.CancellationToken);
            await Task.Delay(1000, TestContext.Current.CancellationToken);
            Assert.False(call.IsCompleted, "the request was not held by chaos");

            var stopping = Stopwatch.StartNew();
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
            }

            using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            limit.CancelAfter(TimeSpan.FromSeconds(7));
            await _process.WaitForExitAsync(limit.Token);
            var elapsed = stopping.Elapsed;

            object outcome;
            try
            {
                outcome = await call.WaitAsync(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
            }
            catch (HttpRequestException e)
            {
                outcome = e;
            }

            return (_process.ExitCode, elapsed, outcome);
        }

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            if (!_process.HasExited)
            {
                _process.Kill();
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
        }
    }
}
