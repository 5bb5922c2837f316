namespace McpSecure.AppHost.Publishing;

/// <summary>One template file of the chart: a typed Kubernetes object and the Helm expressions it carries.</summary>
/// <param name="Path">Relative to the chart: <c>templates/gateway/deployment.yaml</c>.</param>
/// <param name="Resource">A KubernetesClient model (or one of ours for Gateway API objects).</param>
/// <param name="Patches">Fields set to Helm expressions.</param>
/// <param name="Condition">When set, the whole object is rendered only when this Helm condition holds.</param>
internal sealed record HelmManifest(string Path, object Resource, IReadOnlyList<HelmPatch> Patches, string? Condition = null);
