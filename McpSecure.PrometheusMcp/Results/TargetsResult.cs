namespace McpSecure.PrometheusMcp.Results;

internal sealed record TargetsResult(int Total, int Offset, IReadOnlyList<ScrapeTarget> Targets, string? Truncated = null);
