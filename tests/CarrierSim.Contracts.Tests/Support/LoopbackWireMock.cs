using System.Net;
using System.Net.Sockets;
using WireMock.Server;
using WireMock.Settings;

namespace CarrierSim.Contracts.Tests.Support;

/// <summary>WireMock.Net bound to 127.0.0.1 only, on a free port, with a bounded request log.</summary>
internal static class LoopbackWireMock
{
    public static WireMockServer Start()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            try
            {
                return WireMockServer.Start(new WireMockServerSettings
                {
                    Urls = [$"http://127.0.0.1:{port}"],
                    StartAdminInterface = false,
                    MaxRequestLogCount = 200,
                });
            }
            catch (Exception) when (attempt < 3)
            {
                // Another process took the port between probing and binding: try another.
            }
        }
    }

    public static Uri BaseUri(this WireMockServer server) => new($"http://127.0.0.1:{server.Ports[0]}");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
