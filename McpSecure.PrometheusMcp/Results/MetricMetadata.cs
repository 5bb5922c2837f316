namespace McpSecure.PrometheusMcp.Results;

internal sealed record MetricMetadata(string Metric, string Type, string Unit, string Help);
