namespace McpSecure.PrometheusMcp.Results;

/// <summary>The structuredContent of <c>health_check</c>.</summary>
internal sealed record HealthResult(bool Ready, string Detail);
