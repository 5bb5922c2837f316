namespace McpSecure.AppHost.Configuration;

/// <summary>
/// The MCP server that already exists and that the gateway protects unchanged (section <c>McpSecure:Upstream</c>):
/// one that runs elsewhere (<see cref="Url"/>), or one the app starts, as a container image in Containers mode
/// (<see cref="Image"/>) or as a command in Embedded mode (<see cref="Command"/>).
/// </summary>
internal sealed class UpstreamOptions
{
    public const string SectionName = "Upstream";

    /// <summary>The MCP endpoint of a server that runs elsewhere, e.g. <c>http://localhost:3001/mcp</c>.</summary>
    public string? Url { get; set; }

    /// <summary>Containers mode: the image to run, e.g. <c>docker.io/mcp/everything:latest</c>.</summary>
    public string? Image { get; set; }

    /// <summary>Embedded mode: the command to start, e.g. <c>npx</c> (found on PATH) or a path.</summary>
    public string? Command { get; set; }

    /// <summary>The command's or container's arguments.</summary>
    public string[] Arguments { get; set; } = [];

    /// <summary>The command's working directory (relative to the AppHost project); the AppHost's by default.</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>The environment variable that tells a started server its port (<c>PORT</c> by default).</summary>
    public string PortVariable { get; set; } = "PORT";

    /// <summary>The port a container listens on.</summary>
    public int ContainerPort { get; set; } = 3001;

    /// <summary>The path of the MCP endpoint of a started server.</summary>
    public string Path { get; set; } = "/mcp";
}
