using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace McpSecure.AppHost;

/// <summary>
/// Prometheus, with a scrape configuration the AppHost writes at start-up so that it scrapes our own
/// services' <c>/metrics</c> (there is real data to query from the first minute).
/// </summary>
public static class PrometheusResourceExtensions
{
    public const string ResourceName = "prometheus";
    public const string Image = "prom/prometheus";
    public const string ImageTag = "v3.7.3";
    public const string ContainerConfigDirectory = "/etc/prometheus";
    public const string InstallHint =
        "Install Prometheus (Debian/Ubuntu: `sudo apt install prometheus`; macOS: `brew install prometheus`; " +
        "Windows: download it from prometheus.io and put it on PATH), or start Docker/Podman and run with McpSecure:Mode=Containers.";

    /// <summary>Prometheus as the <c>prom/prometheus</c> container image, config bind-mounted read-only.</summary>
    public static IResourceBuilder<ContainerResource> AddPrometheusContainer(this IDistributedApplicationBuilder builder, string dataPath)
    {
        var configDirectory = Path.Combine(dataPath, "prometheus-config");
        var prometheus = builder.AddContainer(ResourceName, Image, ImageTag)
            .WithBindMount(configDirectory, ContainerConfigDirectory, isReadOnly: true)
            .WithVolume("mcpsecure-prometheus-data", "/prometheus")
            .WithArgs(
                $"--config.file={ContainerConfigDirectory}/{PrometheusScrapeConfig.FileName}",
                "--storage.tsdb.path=/prometheus",
                "--web.listen-address=:9090")
            .WithHttpEndpoint(targetPort: 9090, name: "http")
            .WithHttpHealthCheck("/-/ready");

        // From inside the container, our services (processes on the host) are reached through host.docker.internal.
        return prometheus.WithScrapeConfig(configDirectory, selfTarget: "localhost:9090", serviceHost: "host.docker.internal");
    }

    /// <summary>Prometheus as a local process: the <c>prometheus</c> executable from PATH.</summary>
    public static IResourceBuilder<ExecutableResource> AddPrometheusExecutable(this IDistributedApplicationBuilder builder, string dataPath)
    {
        var configDirectory = Path.Combine(dataPath, "prometheus-config");
        var storage = Path.Combine(dataPath, "prometheus-data");
        var executable = ExecutableLocator.Find("prometheus");

        var prometheus = builder.AddExecutable(ResourceName, executable ?? "prometheus", dataPath)
            .WithHttpEndpoint(name: "http")
            .WithHttpHealthCheck("/-/ready");
        var endpoint = prometheus.GetEndpoint("http");

        // The port comes from the endpoint so that Aspire (and the test host) choose it, not a constant.
        prometheus.WithArgs(context =>
        {
            context.Args.Add($"--config.file={Path.Combine(configDirectory, PrometheusScrapeConfig.FileName)}");
            context.Args.Add($"--storage.tsdb.path={storage}");
            context.Args.Add(ReferenceExpression.Create($"--web.listen-address=127.0.0.1:{endpoint.Property(EndpointProperty.TargetPort)}"));
        });

        if (executable is null)
        {
            builder.Eventing.Subscribe<BeforeResourceStartedEvent>(prometheus.Resource, (e, _) =>
            {
                var logger = e.Services.GetRequiredService<ResourceLoggerService>().GetLogger(e.Resource);
                logger.LogError("The `prometheus` executable is not on PATH. {InstallHint}", InstallHint);
                return Task.CompletedTask;
            });
        }

        return prometheus.WithScrapeConfig(configDirectory, selfTarget: null, serviceHost: null);
    }

    /// <summary>Adds a resource whose <c>/metrics</c> Prometheus scrapes, as job <paramref name="job"/>.</summary>
    public static IResourceBuilder<T> WithScrapeTarget<T>(this IResourceBuilder<T> prometheus, IResourceBuilder<IResourceWithEndpoints> target, string job)
        where T : IResource
    {
        prometheus.WithAnnotation(new ScrapeTargetAnnotation(job, target.GetEndpoint("http")));
        return prometheus;
    }

    private static IResourceBuilder<T> WithScrapeConfig<T>(this IResourceBuilder<T> prometheus, string configDirectory, string? selfTarget, string? serviceHost)
        where T : IResourceWithEndpoints
    {
        var self = prometheus.GetEndpoint("http");
        // Endpoints are allocated before any resource starts, so every target's port is known here.
        prometheus.OnBeforeResourceStarted(async (resource, e, cancellationToken) =>
        {
            var targets = resource.Annotations.OfType<ScrapeTargetAnnotation>()
                .Select(a => new PrometheusScrapeConfig.Target(a.Job, $"{serviceHost ?? a.Endpoint.Host}:{a.Endpoint.Port}"))
                .Prepend(new PrometheusScrapeConfig.Target("prometheus", selfTarget ?? $"{self.Host}:{self.Port}"));
            Directory.CreateDirectory(configDirectory);
            await File.WriteAllTextAsync(Path.Combine(configDirectory, PrometheusScrapeConfig.FileName),
                PrometheusScrapeConfig.Render(targets), cancellationToken);
            // Rule file paths in prometheus.yml are relative to it, so this works in the container too.
            await File.WriteAllTextAsync(Path.Combine(configDirectory, PrometheusRules.FileName), PrometheusRules.Yaml, cancellationToken);
        });
        return prometheus;
    }

    private sealed record ScrapeTargetAnnotation(string Job, EndpointReference Endpoint) : IResourceAnnotation;
}
