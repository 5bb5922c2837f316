namespace McpSecure.PrometheusMcp.Tenancy;

/// <summary>A call that would reach beyond the caller's tenant, refused before it reaches Prometheus; the message says why.</summary>
internal sealed class TenantViolationException(string message) : Exception(message);
