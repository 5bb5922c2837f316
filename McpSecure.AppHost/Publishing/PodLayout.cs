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

    /// <summary>The layout is offered when the chart runs exactly one MCP server next to the gateway.</summary>
    public static bool Applies(ChartApplication app) => app.Internal.Count() == 1;

    /// <summary>Both conditions: <paramref name="condition"/> (if any) and <paramref name="layout"/>.</summary>
    public static string And(string? condition, string layout) => condition is null ? layout : $"and ({condition}) ({layout})";
}
