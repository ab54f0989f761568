namespace CarrierSim.Server;

internal static class ServerInfo;
