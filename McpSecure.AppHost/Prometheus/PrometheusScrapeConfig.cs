using System.Text;

namespace McpSecure.AppHost.Prometheus;

/// <summary>Renders the <c>prometheus.yml</c> the AppHost gives Prometheus.</summary>
internal static class PrometheusScrapeConfig
{
    public const string FileName = "prometheus.yml";

    /// <summary>Short enough that a fresh app has data within seconds; fine for a development app.</summary>
    public const string ScrapeInterval = "5s";

    public const string MetricsPath = "/metrics";

    public static string Render(IEnumerable<PrometheusScrapeTarget> targets)
    {
        var yaml = new StringBuilder()
            .AppendLine("# Written by McpSecure.AppHost at every start; edits are overwritten.")
            .AppendLine("global:")
            .AppendLine($"  scrape_interval: {ScrapeInterval}")
            .AppendLine($"  evaluation_interval: {ScrapeInterval}")
            .AppendLine("rule_files:")
            .AppendLine($"  - {PrometheusRules.FileName}")
            .AppendLine("scrape_configs:");
        foreach (var target in targets)
        {
            yaml.AppendLine($"  - job_name: '{target.Job}'")
                .AppendLine($"    metrics_path: {MetricsPath}")
                .AppendLine("    static_configs:")
                .AppendLine($"      - targets: ['{target.Address}']");
            if (target.Tenant is not null)
            {
                yaml.AppendLine($"        labels: {{ tenant: '{target.Tenant}' }}");
            }
        }
        return yaml.ToString();
    }
}
