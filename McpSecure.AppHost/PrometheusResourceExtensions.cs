using McpSecure.AppHost.Health;
using McpSecure.AppHost.HostingModes;
using McpSecure.AppHost.Prometheus;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace McpSecure.AppHost;

/// <summary>
/// Prometheus, with a scrape configuration the AppHost writes at start-up so that it scrapes our own
/// services' <c>/metrics</c> (there is real data to query from the first minute).
/// </summary>
internal static partial class PrometheusResourceExtensions
{
    public const string Image = "prom/prometheus";
    public const string ImageTag = "v3.7.3";
    public const string ContainerConfigDirectory = "/etc/prometheus";
    public const int ContainerPort = 9090;
    public const string ReadinessPath = "/-/ready";
    public const string InstallHint =
        "Install Prometheus (Debian/Ubuntu: `sudo apt install prometheus`; macOS: `brew install prometheus`; " +
        "Windows: download it from prometheus.io and put it on PATH), or start Docker/Podman and run with McpSecure:Mode=Containers.";

    /// <summary>The <c>prom/prometheus</c> container in Containers mode, the <c>prometheus</c> executable from PATH otherwise.</summary>
    /// <param name="dataPath">The app's data folder: the generated configuration (and, for the executable, the TSDB) live below it.</param>
    public static IResourceBuilder<IResourceWithEndpoints> AddPrometheus(this IDistributedApplicationBuilder builder, HostingMode mode, string dataPath) =>
        mode == HostingMode.Containers ? builder.AddPrometheusContainer(dataPath) : builder.AddPrometheusExecutable(dataPath);

    /// <summary>Prometheus as the <c>prom/prometheus</c> container image, config bind-mounted read-only.</summary>
    public static IResourceBuilder<ContainerResource> AddPrometheusContainer(this IDistributedApplicationBuilder builder, string dataPath)
    {
        var configDirectory = ConfigDirectory(dataPath);
        var prometheus = builder.AddContainer(AppModelNames.Resources.Prometheus, Image, ImageTag)
            .WithBindMount(configDirectory, ContainerConfigDirectory, isReadOnly: true)
            .WithVolume("mcpsecure-prometheus-data", "/prometheus")
            .WithArgs(
                $"--config.file={ContainerConfigDirectory}/{PrometheusScrapeConfig.FileName}",
                "--storage.tsdb.path=/prometheus",
                $"--web.listen-address=:{ContainerPort}")
            .WithHttpEndpoint(targetPort: ContainerPort, name: AppModelNames.Endpoints.Http)
            .WithHttpHealthCheck(ReadinessPath);

        // From inside the container, our services (processes on the host) are reached through host.docker.internal.
        return prometheus.WithScrapeConfig(configDirectory, selfTarget: $"localhost:{ContainerPort}", serviceHost: "host.docker.internal");
    }

    /// <summary>Prometheus as a local process: the <c>prometheus</c> executable from PATH.</summary>
    public static IResourceBuilder<ExecutableResource> AddPrometheusExecutable(this IDistributedApplicationBuilder builder, string dataPath)
    {
        var configDirectory = ConfigDirectory(dataPath);
        var storage = Path.Combine(dataPath, "prometheus-data");
        var executable = ExecutableLocator.Find("prometheus");

        var prometheus = builder.AddExecutable(AppModelNames.Resources.Prometheus, executable ?? "prometheus", dataPath)
            .WithHttpEndpoint(name: AppModelNames.Endpoints.Http)
            .WithReadinessHealthCheck(ReadinessPath);
        var endpoint = prometheus.GetEndpoint(AppModelNames.Endpoints.Http);

        // The port comes from the endpoint so that Aspire chooses it (it may be randomised), not a constant.
        prometheus.WithArgs(context =>
        {
            context.Args.Add($"--config.file={Path.Combine(configDirectory, PrometheusScrapeConfig.FileName)}");
            context.Args.Add($"--storage.tsdb.path={storage}");
            context.Args.Add(ReferenceExpression.Create($"--web.listen-address=127.0.0.1:{endpoint.Property(EndpointProperty.TargetPort)}"));
        });

        if (executable is null)
        {
            // Aspire's own error says only that the process could not start; this says what to do about it.
            builder.Eventing.Subscribe<BeforeResourceStartedEvent>(prometheus.Resource, (e, _) =>
            {
                LogExecutableMissing(e.Services.GetRequiredService<ResourceLoggerService>().GetLogger(e.Resource), InstallHint);
                return Task.CompletedTask;
            });
        }

        return prometheus.WithScrapeConfig(configDirectory, selfTarget: null, serviceHost: null);
    }

    /// <summary>The demo's two tenants: scrape jobs labelled by tenant (<see cref="DemoTenantsAnnotation"/>).</summary>
    public static IResourceBuilder<T> WithDemoTenants<T>(this IResourceBuilder<T> prometheus)
        where T : IResource =>
        prometheus.WithAnnotation(new DemoTenantsAnnotation());

    /// <summary>Prometheus scrapes <paramref name="target"/>'s <c>/metrics</c>, as a job named after the resource.</summary>
    public static IResourceBuilder<T> WithScrapeTarget<T>(this IResourceBuilder<T> prometheus, IResourceBuilder<IResourceWithEndpoints> target)
        where T : IResource =>
        prometheus.WithAnnotation(new ScrapeTargetAnnotation(target.Resource.Name, target.GetEndpoint(AppModelNames.Endpoints.Http)));

    private static string ConfigDirectory(string dataPath) => Path.Combine(dataPath, "prometheus-config");

    private static IResourceBuilder<T> WithScrapeConfig<T>(this IResourceBuilder<T> prometheus, string configDirectory, string? selfTarget, string? serviceHost)
        where T : IResourceWithEndpoints
    {
        var self = prometheus.GetEndpoint(AppModelNames.Endpoints.Http);
        // Endpoints are allocated before any resource starts, so every target's port is known here.
        prometheus.OnBeforeResourceStarted(async (resource, e, cancellationToken) =>
        {
            var tenants = resource.Annotations.OfType<DemoTenantsAnnotation>().Any();
            var targets = resource.Annotations.OfType<ScrapeTargetAnnotation>()
                .Select(a => new PrometheusScrapeTarget(a.Job, $"{serviceHost ?? a.Endpoint.Host}:{a.Endpoint.Port}"))
                .Prepend(new PrometheusScrapeTarget(AppModelNames.Resources.Prometheus, selfTarget ?? $"{self.Host}:{self.Port}"))
                .Select(t => tenants ? t with { Tenant = DemoTenantsAnnotation.For(t.Job) } : t);
            Directory.CreateDirectory(configDirectory);
            await File.WriteAllTextAsync(Path.Combine(configDirectory, PrometheusScrapeConfig.FileName),
                PrometheusScrapeConfig.Render(targets), cancellationToken);
            // Rule file paths in prometheus.yml are relative to it, so this works in the container too.
            await File.WriteAllTextAsync(Path.Combine(configDirectory, PrometheusRules.FileName), PrometheusRules.Yaml, cancellationToken);
        });
        return prometheus;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The `prometheus` executable is not on PATH. {InstallHint}")]
    private static partial void LogExecutableMissing(ILogger logger, string installHint);
}
