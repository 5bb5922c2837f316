namespace McpSecure.AppHost.Prometheus;

/// <summary>One scrape job of <c>prometheus.yml</c>: <paramref name="Address"/> is <c>host:port</c> as Prometheus reaches it.</summary>
/// <paramref name="Tenant"/>, when set, is added to every scraped series as the label <c>tenant</c> (the demo's two tenants).
internal sealed record PrometheusScrapeTarget(string Job, string Address, string? Tenant = null);
