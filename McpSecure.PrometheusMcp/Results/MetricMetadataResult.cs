namespace McpSecure.PrometheusMcp.Results;

/// <summary>The structuredContent of <c>get_metric_metadata</c>: a page of metadata entries.</summary>
internal sealed record MetricMetadataResult(int Total, int Offset, IReadOnlyList<MetricMetadata> Metadata, string? Truncated = null);
