namespace McpSecure.AppHost.Prometheus;

/// <summary>
/// The alerting and recording rules the AppHost gives Prometheus (<c>rules.yml</c> next to <c>prometheus.yml</c>):
/// an alert when one of our services is down, a per-job recording rule, and the always-firing Watchdog alert
/// (the kube-prometheus convention) that proves the alerting pipeline works end to end.
/// </summary>
internal static class PrometheusRules
{
    public const string FileName = "rules.yml";

    public const string Yaml = """
        # Written by McpSecure.AppHost at every start; edits are overwritten.
        groups:
          - name: mcpsecure
            rules:
              - alert: Watchdog
                expr: vector(1)
                labels:
                  severity: none
                annotations:
                  summary: Always firing, to show that alerting works.
              - alert: ScrapeTargetDown
                expr: up == 0
                for: 1m
                labels:
                  severity: warning
                annotations:
                  summary: 'Prometheus cannot scrape {{ $labels.job }} ({{ $labels.instance }}).'
              - record: job:up:sum
                expr: sum by (job) (up)
        """;
}
