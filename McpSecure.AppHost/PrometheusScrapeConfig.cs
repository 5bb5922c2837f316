using System.Text;

namespace McpSecure.AppHost;

/// <summary>Renders the <c>prometheus.yml</c> the AppHost gives Prometheus.</summary>
public static class PrometheusScrapeConfig
{
    public const string FileName = "prometheus.yml";

    /// <summary>Short enough that a fresh app has data within seconds; fine for a development app.</summary>
    public const string ScrapeInterval = "5s";

    public sealed record Target(string Job, string Address);

    public static string Render(IEnumerable<Target> targets)
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
                .AppendLine("    metrics_path: /metrics")
                .AppendLine("    static_configs:")
                .AppendLine($"      - targets: ['{target.Address}']");
        }
        return yaml.ToString();
    }
}
