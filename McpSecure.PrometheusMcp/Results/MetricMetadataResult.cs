namespace McpSecure.PrometheusMcp.Results;

internal sealed record MetricMetadataResult(int Total, int Offset, IReadOnlyList<MetricMetadata> Metadata, string? Truncated = null);
