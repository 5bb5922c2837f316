namespace McpSecure.AppHost.Publishing;

/// <summary>
/// <c>layout</c> in values: <c>separate</c> (default: one Deployment per workload, the MCP server behind its own
/// ClusterIP Service and NetworkPolicy) or <c>sidecar</c> (the nginx design's layout: the MCP server in the
/// gateway's pod, reached over localhost, with no Service at all).
/// </summary>
internal static class PodLayout
{
    public const string ValuePath = ".Values.layout";
    public const string Separate = "separate";
    public const string Sidecar = "sidecar";

    public const string IsSidecar = "eq " + ValuePath + " \"" + Sidecar + "\"";
    public const string IsSeparate = "ne " + ValuePath + " \"" + Sidecar + "\"";

    /// <summary>The port the MCP server listens on inside the gateway's pod (the gateway has <see cref="HelmNames.ProjectPort"/>).</summary>
    public static int SidecarPort(ChartWorkload workload) => workload.IsProject ? HelmNames.ProjectPort + 1 : workload.Port;

    /// <summary>The layout is offered when the chart runs exactly one MCP server next to the gateway, on a port of its own.</summary>
    public static bool Applies(ChartApplication app) => app.Internal.Count() == 1 && Conflict(app) is null;

    /// <summary>
    /// Why the MCP server cannot share the gateway's pod, or null: in one pod both listen on one network namespace, so
    /// an image that listens on the gateway's port would fail to bind (or, worse, answer in its place).
    /// </summary>
    public static string? Conflict(ChartApplication app)
    {
        if (app.Internal.Count() != 1)
        {
            return null;
        }
        var server = app.Internal.Single();
        var port = SidecarPort(server);
        return port == app.Gateway.Port
            ? $"layout: sidecar is not possible: {server.Name} listens on port {port}, the gateway's port in the same pod. " +
              "Keep layout: separate, or run the MCP server on another port (McpSecure:Upstream:ContainerPort) and publish again."
            : null;
    }

    /// <summary>Both conditions: <paramref name="condition"/> (if any) and <paramref name="layout"/>.</summary>
    public static string And(string? condition, string layout) => condition is null ? layout : $"and ({condition}) ({layout})";
}
