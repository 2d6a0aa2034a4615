using System.Net;
using System.Net.Sockets;

namespace OneNetStudio.Tests;

internal static class Loopback
{
    /// <summary>A loopback port nothing listens on (free when asked; the caller binds it or expects it refused).</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
