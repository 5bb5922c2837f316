using System.Net.Sockets;

namespace McpSecure.Tests.Infrastructure;

/// <summary>Ports and addresses on this machine's loopback interface, for listeners and redirect URIs a test owns.</summary>
public static class Loopback
{
    /// <summary>A TCP port no one listens on at the moment (the operating system's choice).</summary>
    public static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A native client's loopback redirect URI (RFC 8252 §7.3) on a free port, e.g. <c>http://127.0.0.1:40123/callback</c>.</summary>
    public static string RedirectUri(string path = "/callback") => $"http://127.0.0.1:{FreeTcpPort()}{path}";
}
