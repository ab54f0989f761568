using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using CarrierSim.Server.Hosting;
using Microsoft.AspNetCore.Builder;

namespace CarrierSim.Server.Tests.Hostile;

/// <summary>
/// Broken HTTP framing needs a real socket: the simulator on a loopback port, raw requests written by
/// hand. A body that stalls short of its Content-Length gets the vendor's 408, a malformed chunk its
/// 400 — never a 500.
/// </summary>
public sealed class BrokenFramingTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private int _port;

    public async ValueTask InitializeAsync()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        _port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        _app = CarrierSimApp.CreateBuilder([], new Dictionary<string, string?> { ["CarrierSim:Port"] = _port.ToString(System.Globalization.CultureInfo.InvariantCulture) }).Build().UseCarrierSim();
        await _app.StartAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    public static TheoryData<string, string> Requests => new()
    {
        // Content-Length larger than the bytes sent, then the client stops sending.
        { "dialstack", "POST /dialstack/v1/phone-number-orders HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer sk_test_carriersim\r\nDialStack-Account: acct_1\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"phone_numbers\":[" },
        { "agentmessage", "POST /agentmessage/v1/phone-numbers/orders HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer am_live_carriersim\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"numbers\":[" },
        { "dialnexa", "POST /dialnexa/v1/organization-phone-numbers/purchase HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer key_a:secret_a\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"phone_number\":" },
        { "identitycall", "POST /identitycall/api/v1/public/virtual_numbers/purchase HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer idc_0123456789abcdefghijklmnopqrstuv\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"phone_number\":" },

        // A malformed chunk size.
        { "dialstack", "POST /dialstack/v1/phone-number-orders HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer sk_test_carriersim\r\nDialStack-Account: acct_1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n" },
        { "agentmessage", "POST /agentmessage/v1/phone-numbers/orders HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer am_live_carriersim\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task BrokenBodiesGetTheVendorsEnvelopeNotA500(string dialect, string raw)
    {
        var cancel = TestContext.Current.CancellationToken;
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, _port, cancel);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(raw), cancel);
        await stream.FlushAsync(cancel);

        // The client stops sending and waits, as a stalled upload does (closing would abort the exchange).

        using var reader = new StreamReader(stream, Encoding.UTF8);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        var response = await reader.ReadToEndAsync(timeout.Token);

        Assert.StartsWith("HTTP/1.1 ", response, StringComparison.Ordinal);
        var status = int.Parse(response.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);

        // A stalled body times out (Kestrel's minimum data rate) as a 408; a malformed chunk is a 400.
        var expected = raw.Contains("chunked", StringComparison.Ordinal) ? 400 : 408;
        Assert.True(status == expected, $"{dialect}: expected the vendor's {expected}, got:\n{response}");
        var body = response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        if (response.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = string.Concat(body.Split("\r\n").Where((_, i) => i % 2 == 1));
        }

        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal(JsonValueKind.Object, json.ValueKind);
        Assert.DoesNotContain("CarrierSim bug", body, StringComparison.Ordinal);
    }

    public static TheoryData<string, int> OversizeRequests => new()
    {
        // 40 KiB of headers: beyond Kestrel's 32 KiB limit.
        { "GET /dialstack/v1/available-phone-numbers?area_code=919 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer sk_test_carriersim\r\nDialStack-Account: acct_1\r\nX-Filler: " + new string('x', 40 * 1024) + "\r\n\r\n", 431 },
        // Many small headers adding up past the limit.
        { "GET /agentmessage/v1/phone-numbers HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer am_live_carriersim\r\n" + string.Concat(Enumerable.Range(0, 400).Select(i => $"X-H{i}: {new string('y', 100)}\r\n")) + "\r\n", 431 },
        // A request line of 20 KB: beyond the 8 KiB request-line limit.
        { "GET /dialnexa/v1/organization-phone-numbers?x=" + new string('z', 20_000) + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer key_a:secret_a\r\n\r\n", 414 },
    };

    /// <summary>
    /// Oversize headers and request lines are refused by Kestrel before any application code runs
    /// (so the answer is Kestrel's bare 431 / 414, not a vendor envelope), never a 5xx, and the
    /// server answers normally afterwards.
    /// </summary>
    [Theory]
    [MemberData(nameof(OversizeRequests))]
    public async Task OversizeHeadersAreRefusedAndTheServerStaysHealthy(string raw, int expected)
    {
        var cancel = TestContext.Current.CancellationToken;
        using (var client = new TcpClient())
        {
            await client.ConnectAsync(IPAddress.Loopback, _port, cancel);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(raw), cancel);
            await stream.FlushAsync(cancel);
            using var reader = new StreamReader(stream, Encoding.ASCII);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            timeout.CancelAfter(TimeSpan.FromSeconds(20));
            var statusLine = await reader.ReadLineAsync(timeout.Token);

            Assert.Equal($"HTTP/1.1 {expected}", statusLine?[..12]);
        }

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}/") };
        using var health = await http.GetAsync("__admin/health", cancel);
        using var search = new HttpRequestMessage(HttpMethod.Get, "dialstack/v1/available-phone-numbers?area_code=919&quantity=1");
        search.Headers.TryAddWithoutValidation("Authorization", "Bearer sk_test_carriersim");
        search.Headers.TryAddWithoutValidation("DialStack-Account", "acct_1");
        using var found = await http.SendAsync(search, cancel);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
    }
}
