namespace McpSecure.AppHost.Prometheus;

/// <summary>One scrape job of <c>prometheus.yml</c>: <paramref name="Address"/> is <c>host:port</c> as Prometheus reaches it.</summary>
internal sealed record PrometheusScrapeTarget(string Job, string Address);
