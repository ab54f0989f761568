using System.Net;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

// The peers of the HTTP load benchmark, each answering every GET with the bytes of one saved
// simulator answer:
//   kestrel  <port> <body-file> <content-type>            a bare Kestrel minimal API
//   wiremock <port> <body-file> <content-type> [log|nolog] WireMock.Net, one stub, default settings
//                                                          (log) or with its request log off (nolog)
if (args.Length < 4 || !int.TryParse(args[1], out var port) || !File.Exists(args[2]))
{
    await Console.Error.WriteLineAsync("usage: CarrierSim.LoadPeers kestrel|wiremock <port> <body-file> <content-type> [log|nolog]");
    return 2;
}

var body = await File.ReadAllBytesAsync(args[2]);
var contentType = args[3];
switch (args[0])
{
    case "kestrel":
        await Peers.RunKestrelAsync(port, body, contentType);
        return 0;
    case "wiremock":
        await Peers.RunWireMockAsync(port, body, contentType, requestLog: args.Length < 5 || args[4] != "nolog");
        return 0;
    default:
        await Console.Error.WriteLineAsync($"unknown peer '{args[0]}': use kestrel or wiremock");
        return 2;
}

internal static class Peers
{
    public static async Task RunKestrelAsync(int port, byte[] body, string contentType)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.MapGet("/{**path}", () => Results.Bytes(body, contentType));
        await app.RunAsync();
    }

    // In a method of its own so the bare Kestrel peer never loads WireMock.Net's assemblies.
    public static async Task RunWireMockAsync(int port, byte[] body, string contentType, bool requestLog)
    {
        var settings = new WireMockServerSettings { Urls = [$"http://127.0.0.1:{port}"] };
        if (!requestLog)
        {
            settings.MaxRequestLogCount = 0;
        }

        using var server = WireMockServer.Start(settings);
        server.Given(Request.Create().UsingGet().WithPath("/*"))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", contentType).WithBody(body));
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, stop.Token);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
