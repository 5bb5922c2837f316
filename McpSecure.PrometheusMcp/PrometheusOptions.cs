using System.ComponentModel.DataAnnotations;

namespace McpSecure.PrometheusMcp;

/// <summary>Where and how the MCP server reaches Prometheus. Section <c>Prometheus</c>; validated at start-up.</summary>
public sealed class PrometheusOptions
{
    public const string SectionName = "Prometheus";

    /// <summary>
    /// Base URL of the Prometheus HTTP API. The default, <c>http://prometheus</c>, is resolved by
    /// service discovery (the AppHost injects the real address); set an absolute URL to bypass it.
    /// A path prefix is kept (e.g. <c>https://mimir.example/prometheus/</c>).
    /// </summary>
    [Required]
    public Uri BaseUrl { get; set; } = new("http://prometheus");

    /// <summary>
    /// How long Prometheus may evaluate one query. Sent to Prometheus as <c>timeout</c> so that it stops evaluating;
    /// the HTTP timeouts of the client are derived from it (see <see cref="PrometheusHttpClientSetup"/>).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Basic authentication to Prometheus (user name); requires <see cref="Password"/>.</summary>
    public string? Username { get; set; }

    /// <summary>Basic authentication to Prometheus (password). Never logged.</summary>
    public string? Password { get; set; }

    /// <summary>A bearer token for Prometheus (e.g. a service account token). Exclusive with basic auth. Never logged.</summary>
    public string? BearerToken { get; set; }

    /// <summary>Tenant for multi-tenant backends (Mimir, Cortex, Thanos, Loki): sent as <c>X-Scope-OrgID</c>.</summary>
    public string? TenantId { get; set; }

    /// <summary>Extra request headers sent to Prometheus (e.g. an API gateway key). Not for Authorization.</summary>
    public Dictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public PrometheusTlsOptions Tls { get; set; } = new();

    /// <summary>Most series a query tool returns when the caller raises <c>limit</c> (the default limit is 100).</summary>
    [Range(1, 100_000)]
    public int MaxSeries { get; set; } = 1_000;

    /// <summary>Most points per series a range query may ask for (Prometheus itself refuses more than 11,000).</summary>
    [Range(10, 11_000)]
    public int MaxPointsPerSeries { get; set; } = 11_000;

    /// <summary>Most characters of text a tool returns before it truncates (config files, long tables).</summary>
    [Range(1_000, 10_000_000)]
    public int MaxOutputCharacters { get; set; } = 50_000;
}

/// <summary>TLS to Prometheus. Section <c>Prometheus:Tls</c>.</summary>
public sealed class PrometheusTlsOptions
{
    /// <summary>PEM file of the CA that signed Prometheus's certificate (private PKI).</summary>
    public string? CaCertificatePath { get; set; }

    /// <summary>PEM client certificate for mutual TLS; requires <see cref="ClientKeyPath"/>.</summary>
    public string? ClientCertificatePath { get; set; }

    /// <summary>PEM private key of the client certificate.</summary>
    public string? ClientKeyPath { get; set; }

    /// <summary>Accept any server certificate. For development only; refused when a CA file is also set.</summary>
    public bool InsecureSkipVerify { get; set; }
}
