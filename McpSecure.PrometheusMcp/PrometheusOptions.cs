using System.ComponentModel.DataAnnotations;

namespace McpSecure.PrometheusMcp;

/// <summary>Where and how the MCP server reaches Prometheus. Section <c>Prometheus</c>.</summary>
public sealed class PrometheusOptions
{
    public const string SectionName = "Prometheus";

    /// <summary>
    /// Base URL of the Prometheus HTTP API. The default, <c>http://prometheus</c>, is resolved by
    /// service discovery (the AppHost injects the real address); set an absolute URL to bypass it.
    /// </summary>
    [Required]
    public Uri BaseUrl { get; set; } = new("http://prometheus");

    /// <summary>Timeout of one Prometheus request, sent to Prometheus too so that it stops evaluating.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
