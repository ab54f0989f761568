using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CarrierSim.Server.Tests.Cli;

/// <summary><c>carrier-sim serve</c>'s request log, read from the standard output of a real process.</summary>
public sealed class RequestLogTests
{
    private const string Key = "idc_0123456789abcdefghijklmnopqrstuv";
    private const string Available = "identitycall/api/v1/public/virtual_numbers/available";

    [Fact]
    public async Task ServePrintsOneLinePerRequestWithTimeDialectOperationStatusLatencyAndChaos()
    {
        await using var server = await ServeProcess.StartAsync();
        await server.AddLatencyRuleAsync();

        using var response = await server.Http.GetAsync(Available, TestContext.Current.CancellationToken);
        var line = await server.WaitForLineAsync(l => l.Contains("identitycall.searchAvailableNumbers", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(new Regex(@"^\d{2}:\d{2}:\d{2}\.\d{3} identitycall identitycall\.searchAvailableNumbers GET /identitycall/api/v1/public/virtual_numbers/available 200 \d+(\.\d)?ms chaos=slow:latency account=\S+$"), line);
        Assert.Contains("CarrierSim is running", server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QuietKeepsTheBannerButPrintsNoRequests()
    {
        await using var server = await ServeProcess.StartAsync("--quiet");

        using (await server.Http.GetAsync(Available, TestContext.Current.CancellationToken))
        {
        }

        // The same request is logged within milliseconds when the log is on (see the test above); give it a second.
        await Task.Delay(1000, TestContext.Current.CancellationToken);
        Assert.Contains("CarrierSim is running", server.Output, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"dashboard +http://\S+/__admin/ui"), server.Output);
        Assert.DoesNotContain("identitycall.searchAvailableNumbers", server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonFormatPrintsOneJsonObjectPerLineWithTheRequestFields()
    {
        await using var server = await ServeProcess.StartAsync("--log-format", "json");
        await server.AddLatencyRuleAsync();

        using (await server.Http.GetAsync(Available, TestContext.Current.CancellationToken))
        {
        }

        await server.WaitForLineAsync(l => l.Contains("identitycall.searchAvailableNumbers", StringComparison.Ordinal));
        var lines = server.StandardOutputLines;
        var entries = lines.Select(l => JsonSerializer.Deserialize<JsonElement>(l)).ToList(); // every line must be JSON
        var request = Assert.Single(entries, e => e.GetProperty("Category").GetString() == "CarrierSim.Requests");
        var state = request.GetProperty("State");

        Assert.Equal("Information", request.GetProperty("LogLevel").GetString());
        Assert.Equal("identitycall", state.GetProperty("Dialect").GetString());
        Assert.Equal("identitycall.searchAvailableNumbers", state.GetProperty("Operation").GetString());
        Assert.Equal("200", state.GetProperty("Status").ToString());
        Assert.Equal("slow:latency", state.GetProperty("Chaos").GetString());
        Assert.True(double.Parse(state.GetProperty("DurationMs").ToString(), System.Globalization.CultureInfo.InvariantCulture) >= 0);
        Assert.Contains("CarrierSim is running", server.StandardError, StringComparison.Ordinal);
    }

    private sealed class ServeProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly ConcurrentQueue<string> _out = new();
        private readonly ConcurrentQueue<string> _error = new();

        private ServeProcess(Process process, HttpClient http)
        {
            _process = process;
            Http = http;
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    _out.Enqueue(e.Data);
                }
            };
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    _error.Enqueue(e.Data);
                }
            };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public HttpClient Http { get; }

        public IReadOnlyList<string> StandardOutputLines => [.. _out.Where(l => l.Length > 0)];

        public string Output => string.Join('\n', _out) + "\n" + string.Join('\n', _error);

        public string StandardError => string.Join('\n', _error);

        public static async Task<ServeProcess> StartAsync(params string[] options)
        {
            int port;
            using (var probe = new TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                port = ((IPEndPoint)probe.LocalEndpoint).Port;
            }

            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "carrier-sim.dll"), "serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture) }.Concat(options))
            {
                start.ArgumentList.Add(arg);
            }

            var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(20) };
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Key);
            var server = new ServeProcess(Process.Start(start)!, http);
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
                catch (HttpRequestException) when (deadline.Elapsed < TimeSpan.FromSeconds(60) && !server._process.HasExited)
                {
                }

                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
        }

        public async Task AddLatencyRuleAsync()
        {
            using var rule = await Http.PostAsJsonAsync("__admin/chaos/rules", new { name = "slow", kind = "latency", delayMs = 5 }, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Created, rule.StatusCode);
        }

        public async Task<string> WaitForLineAsync(Func<string, bool> predicate)
        {
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < TimeSpan.FromSeconds(10))
            {
                if (_out.FirstOrDefault(predicate) is { } line)
                {
                    return line;
                }

                await Task.Delay(50, TestContext.Current.CancellationToken);
            }

            Assert.Fail($"No such line within 10 s. Output:\n{Output}");
            return "";
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
