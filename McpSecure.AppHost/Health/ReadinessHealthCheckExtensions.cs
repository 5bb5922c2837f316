using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace McpSecure.AppHost.Health;

internal static class ReadinessHealthCheckExtensions
{
    /// <summary>
    /// Like <c>WithHttpHealthCheck(path)</c>, but the check waits for the resource (<see cref="PollingHttpHealthCheck"/>):
    /// it is reported healthy within a poll interval of becoming ready, so what waits for it starts at once.
    /// </summary>
    public static IResourceBuilder<T> WithReadinessHealthCheck<T>(this IResourceBuilder<T> builder, string path,
        string endpointName = AppModelNames.Endpoints.Http) where T : IResourceWithEndpoints
    {
        var endpoint = builder.GetEndpoint(endpointName);
        var key = $"{builder.Resource.Name}_{endpointName}_ready";
        builder.ApplicationBuilder.Services.AddHealthChecks().Add(new HealthCheckRegistration(key,
            services => new PollingHttpHealthCheck(
                () => new Uri(new Uri(endpoint.Url), path),
                ProbeClient,
                ReadinessProbeSettings.Default,
                services.GetService<TimeProvider>() ?? TimeProvider.System),
            failureStatus: null, tags: null));
        return builder.WithHealthCheck(key);
    }

    /// <summary>
    /// Instead of <c>WaitFor(dependency)</c>: the resource starts at once, in parallel with <paramref name="dependency"/>,
    /// and is reported healthy only once the dependency has been healthy too (<see cref="DependencyReadinessHealthCheck"/>),
    /// so what waits for the resource still finds both ready. For a resource that needs the dependency only to serve
    /// requests, not to start.
    /// </summary>
    public static IResourceBuilder<T> WithReadinessAfter<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> dependency)
        where T : IResource
    {
        var name = dependency.Resource.Name;
        var key = $"{builder.Resource.Name}_after_{name}";
        builder.ApplicationBuilder.Services.AddHealthChecks().Add(new HealthCheckRegistration(key,
            services => new DependencyReadinessHealthCheck(name, services.GetRequiredService<ResourceNotificationService>(), ReadinessProbeSettings.Default),
            failureStatus: null, tags: null));
        return builder.WithHealthCheck(key).WithRelationship(dependency.Resource, ReadyAfterRelationship);
    }

    /// <summary>The dashboard's name for the relationship <see cref="WithReadinessAfter"/> adds.</summary>
    public const string ReadyAfterRelationship = "ReadyAfter";

    // One client for every probe: local plain-HTTP requests, no connection kept for long.
    private static readonly HttpClient ProbeClient = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };
}
