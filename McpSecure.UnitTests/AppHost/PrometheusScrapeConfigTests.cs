using Aspire.Hosting;
using McpSecure.AppHost;
using McpSecure.AppHost.Prometheus;

namespace McpSecure.UnitTests.AppHost;

public sealed class PrometheusScrapeConfigTests
{
    private static string[] Lines(string yaml) => yaml.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void Each_target_becomes_one_job_scraping_its_metrics_path_in_order()
    {
        var yaml = PrometheusScrapeConfig.Render([new("prometheus", "localhost:9090"), new("gateway", "host.docker.internal:5100")]);

        var lines = Lines(yaml);
        var jobs = lines.Where(l => l.StartsWith("- job_name:")).ToList();
        Assert.Equal(["- job_name: 'prometheus'", "- job_name: 'gateway'"], jobs);
        Assert.Contains("- targets: ['host.docker.internal:5100']", lines);
        Assert.Equal(2, lines.Count(l => l == $"metrics_path: {PrometheusScrapeConfig.MetricsPath}"));
        // The gateway's job follows its own target, not the one before.
        Assert.True(Array.IndexOf(lines, "- targets: ['host.docker.internal:5100']") > Array.IndexOf(lines, "- job_name: 'gateway'"));
    }

    [Fact]
    public void A_target_with_a_tenant_labels_its_series_and_one_without_does_not()
    {
        var lines = Lines(PrometheusScrapeConfig.Render([new("prometheus", "localhost:9090", "team-a"), new("gateway", "localhost:5100")]));

        Assert.Equal("labels: { tenant: 'team-a' }", lines[Array.IndexOf(lines, "- targets: ['localhost:9090']") + 1]);
        Assert.Single(lines, l => l.StartsWith("labels:", StringComparison.Ordinal));
        Assert.Equal("team-a", DemoTenantsAnnotation.For("identity"));
        Assert.Equal("team-b", DemoTenantsAnnotation.For("prometheus-mcp"));
    }

    [Fact]
    public void The_config_loads_the_rules_file_and_scrapes_at_the_development_interval()
    {
        var lines = Lines(PrometheusScrapeConfig.Render([]));

        Assert.Equal("rule_files:", lines[Array.IndexOf(lines, $"- {PrometheusRules.FileName}") - 1]);
        Assert.Contains($"scrape_interval: {PrometheusScrapeConfig.ScrapeInterval}", lines);
        Assert.Equal("scrape_configs:", lines[^1]);
        Assert.Contains("alert: ScrapeTargetDown", PrometheusRules.Yaml);
    }

    [Fact]
    public void A_scrape_target_is_the_http_endpoint_of_a_resource_under_the_resources_name()
    {
        var builder = AppModel.CreateBuilder();
        var prometheus = builder.AddPrometheusContainer(Path.GetTempPath());
        var service = builder.AddContainer("some-service", "example/image").WithHttpEndpoint(targetPort: 8080, name: "http");

        prometheus.WithScrapeTarget(service);

        var target = Assert.Single(prometheus.Resource.Annotations.OfType<ScrapeTargetAnnotation>());
        Assert.Equal("some-service", target.Job);
        Assert.Same(service.Resource, target.Endpoint.Resource);
        Assert.Equal("http", target.Endpoint.EndpointName);
    }
}
