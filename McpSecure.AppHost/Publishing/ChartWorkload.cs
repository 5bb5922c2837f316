namespace McpSecure.AppHost.Publishing;

/// <summary>
/// A resource of the app model as the chart deploys it: one Deployment, its Service, ConfigMap and policies.
/// </summary>
/// <param name="Name">The resource name (<c>gateway</c>, <c>prometheus-mcp</c>…): the object names' suffix and the Service's DNS name.</param>
/// <param name="ImageRepository">The image the chart runs by default (<c>parameters.&lt;name&gt;.image.repository</c>).</param>
/// <param name="ImageTag">Its default tag.</param>
/// <param name="Port">The container port of the resource's HTTP endpoint.</param>
/// <param name="IsProject">A .NET project of this solution: ServiceDefaults' <c>/health</c> and <c>/alive</c> are its probes.</param>
/// <param name="IsPublic">Reachable from outside the cluster (the gateway); every other workload is reachable only from the gateway.</param>
/// <param name="Settings">Its environment, classified.</param>
/// <param name="Arguments">Its command-line arguments (containers).</param>
internal sealed record ChartWorkload(
    string Name,
    string ImageRepository,
    string ImageTag,
    int Port,
    bool IsProject,
    bool IsPublic,
    IReadOnlyList<ChartSetting> Settings,
    IReadOnlyList<string> Arguments)
{
    /// <summary>The resource name as a values key (<c>prometheus-mcp</c> → <c>prometheus_mcp</c>), as the official publisher writes it.</summary>
    public string ValuesKey => HelmNames.ValuesKey(Name);
}
