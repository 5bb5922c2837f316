namespace McpSecure.PrometheusMcp.Results;

internal sealed record RangeSeries(IReadOnlyDictionary<string, string> Metric, IReadOnlyList<string?> Values);
