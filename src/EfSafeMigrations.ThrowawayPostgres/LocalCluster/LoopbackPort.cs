using System.Net;
using System.Net.Sockets;

namespace EfSafeMigrations.ThrowawayPostgres.LocalCluster;

/// <summary>A loopback port free right now (another process may still take it before it is bound: callers retry).</summary>
internal static class LoopbackPort
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
