namespace McpSecure.PrometheusMcp.Results;

internal sealed record AlertsResult(int Total, IReadOnlyList<ActiveAlert> Alerts, string? Truncated = null);
