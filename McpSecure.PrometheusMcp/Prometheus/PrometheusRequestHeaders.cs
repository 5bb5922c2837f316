using System.Net.Http.Headers;

namespace McpSecure.PrometheusMcp.Prometheus;

/// <summary>
/// The headers every request to Prometheus carries: the configured credentials, tenant and extra headers. They are
/// the client's defaults, so nothing of the inbound MCP request (its OAuth token above all) can reach Prometheus.
/// </summary>
internal static class PrometheusRequestHeaders
{
    /// <summary>The tenant header of multi-tenant backends (Mimir, Cortex, Thanos, Loki).</summary>
    public const string TenantHeader = "X-Scope-OrgID";

    public static void Apply(HttpRequestHeaders headers, PrometheusOptions options)
    {
        if (!string.IsNullOrEmpty(options.BearerToken))
        {
            headers.Authorization = new AuthenticationHeaderValue("Bearer", options.BearerToken);
        }
        else if (!string.IsNullOrEmpty(options.Username))
        {
            var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.Username}:{options.Password}"));
            headers.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        }
        if (!string.IsNullOrEmpty(options.TenantId))
        {
            headers.Add(TenantHeader, options.TenantId);
        }
        foreach (var (name, value) in options.Headers)
        {
            headers.TryAddWithoutValidation(name, value);
        }
    }
}
