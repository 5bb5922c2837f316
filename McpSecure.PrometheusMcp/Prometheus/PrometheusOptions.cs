namespace McpSecure.PrometheusMcp.Prometheus;

/// <summary>
/// Where and how the MCP server reaches Prometheus. Section <c>Prometheus</c>; validated at start-up by
/// <see cref="PrometheusOptionsValidator"/>.
/// </summary>
internal sealed class PrometheusOptions
{
    public const string SectionName = "Prometheus";

    /// <summary>
    /// Base URL of the Prometheus HTTP API. The default, <c>http://prometheus</c>, is resolved by
    /// service discovery (the AppHost injects the real address); set an absolute URL to bypass it.
    /// A path prefix is kept (e.g. <c>https://mimir.example/prometheus/</c>).
    /// </summary>
    public Uri BaseUrl { get; set; } = new("http://prometheus");

    /// <summary>
    /// How long Prometheus may evaluate one query (1 second to 10 minutes). Sent to Prometheus as <c>timeout</c> so that
    /// it stops evaluating; the HTTP timeouts of the client are derived from it (see <see cref="PrometheusTimeouts"/>).
    /// </summary>
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a call may go without any answer before the client asks <c>/-/ready</c> whether Prometheus is there at all,
    /// and how long that probe may take (100 ms to 30 s, at most <see cref="QueryTimeout"/>): a dead Prometheus is reported
    /// after about twice this time instead of after the query timeouts (see <see cref="PrometheusReachabilityHandler"/>).
    /// </summary>
    public TimeSpan ReachabilityTimeout { get; set; } = TimeSpan.FromSeconds(2);

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

    /// <summary>Most series a query tool returns when the caller raises <c>limit</c> (the default limit is 100); 1 to 100,000.</summary>
    public int MaxSeries { get; set; } = 1_000;

    /// <summary>Most points per series a range query may ask for, 10 to 11,000 (Prometheus itself refuses more than 11,000).</summary>
    public int MaxPointsPerSeries { get; set; } = 11_000;

    /// <summary>Most characters of text a tool returns before it truncates (config files, long tables); 1,000 to 10,000,000.</summary>
    public int MaxOutputCharacters { get; set; } = 50_000;

    /// <summary>
    /// Whether tools also return their data as <c>structuredContent</c> (and advertise an output schema). On for clients
    /// that use the typed copy; off where only the text reaches the model, which halves to thirds the bytes on the wire.
    /// </summary>
    public bool StructuredContent { get; set; } = true;
}
