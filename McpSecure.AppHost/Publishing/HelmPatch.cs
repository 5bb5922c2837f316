namespace McpSecure.AppHost.Publishing;

/// <summary>
/// A field of a typed Kubernetes object whose value is a Helm template expression (a value, a <c>toJson</c> of a
/// values map), written unquoted; typed fields such as <c>replicas</c> cannot hold one themselves.
/// </summary>
/// <param name="Path">The field, dotted, with list indices: <c>spec.template.spec.containers[0].resources</c>. Created if absent.</param>
/// <param name="Expression">The Helm expression, e.g. <c>{{ .Values.parameters.gateway.replicas }}</c>.</param>
/// <param name="Condition">When set, the field is written only when this Helm condition holds (<c>{{- if … }}</c> around the line).</param>
internal sealed record HelmPatch(string Path, string Expression, string? Condition = null);
