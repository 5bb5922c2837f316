namespace McpSecure.PrometheusMcp.Results;

/// <summary>The structuredContent of <c>get_alerts</c>.</summary>
internal sealed record AlertsResult(int Total, IReadOnlyList<ActiveAlert> Alerts, string? Truncated = null);
