namespace McpSecure.Tests.Infrastructure;

/// <summary>
/// Finds the external tools the real-client tests drive (Node, the npm packages of tools/clients, Chromium) and
/// fails with what to install when one is missing: these tests must never be skipped silently.
/// </summary>
public static class ClientTools
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private const string NpmInstallHint = "Install the client packages with `npm ci --prefix tools/clients` (.ci/run does it).";

    public static string ClientsFolder => Path.Combine(RepositoryTools.Root, "tools", "clients");

    /// <summary>Artefacts kept after a run (screenshots): &lt;repository&gt;/TestResults/artifacts.</summary>
    public static string ArtifactsFolder => Directory.CreateDirectory(Path.Combine(RepositoryTools.Root, "TestResults", "artifacts")).FullName;

    public static string RequireNode() =>
        McpSecure.AppHost.ExecutableLocator.Find("node")
        ?? throw new InvalidOperationException("Node.js (20 or later) is not on PATH: install it (e.g. `apt-get install -y nodejs npm`), then " + NpmInstallHint);

    /// <summary>A file inside tools/clients/node_modules, e.g. <c>mcp-remote/dist/proxy.js</c>.</summary>
    public static string RequireNodePackageFile(string relativePath)
    {
        RequireNode();
        return RepositoryTools.Require(Path.Combine(ClientsFolder, "node_modules", relativePath), "tools/clients");
    }

    public static string RequireChromium() =>
        File.Exists(ChromiumPath)
            ? ChromiumPath
            : throw new InvalidOperationException($"Chromium is missing at {ChromiumPath}: install it with `apt-get install -y chromium` (.ci/run does it).");

    /// <summary>The $BROWSER script that completes a login headlessly in Chromium (tools/clients/browser-login.sh).</summary>
    public static string RequireBrowserLoginScript()
    {
        RequireChromium();
        RequireNodePackageFile("playwright-core/package.json");
        return Path.Combine(ClientsFolder, "browser-login.sh");
    }
}
