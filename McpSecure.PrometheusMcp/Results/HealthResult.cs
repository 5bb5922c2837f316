namespace McpSecure.PrometheusMcp.Results;

internal sealed record HealthResult(bool Ready, string Detail);
