namespace McpSecure.PrometheusMcp.Results;

/// <summary>What one scraped target says about a metric (one entry per distinct description).</summary>
internal sealed record MetricMetadata(string Metric, string Type, string Unit, string Help);
