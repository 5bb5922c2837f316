namespace McpSecure.PrometheusMcp.Prometheus;

/// <summary>A Prometheus API error, with Prometheus's own type and message.</summary>
internal sealed class PrometheusApiException(string message) : Exception(message);
