namespace McpSecure.PrometheusMcp.Results;

/// <summary>The structuredContent of <c>get_targets</c>: a page of targets.</summary>
internal sealed record TargetsResult(int Total, int Offset, IReadOnlyList<ScrapeTarget> Targets, string? Truncated = null);
