using McpSecure.AppHost.Health;
namespace McpSecure.AppHost;

internal static class PrometheusMcpResourceExtensions
{
    /// <summary>
    /// The Prometheus MCP server: it knows nothing about OAuth and has no external endpoint, so the gateway is the
    /// only way in. It does not wait for Prometheus: it starts and answers without it, and its tools say that
    /// Prometheus is unreachable until it runs (a machine without the <c>prometheus</c> executable still gets a
    /// working gateway, identity provider and MCP server).
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddPrometheusMcp(this IDistributedApplicationBuilder builder, IResourceBuilder<IResourceWithEndpoints> prometheus) =>
        builder.AddProject<Projects.McpSecure_PrometheusMcp>(AppModelNames.Resources.PrometheusMcp, launchProfileName: null)
            .WithHttpEndpoint(name: AppModelNames.Endpoints.Http)
            .WithReference(prometheus.GetEndpoint(AppModelNames.Endpoints.Http))
            .WithReadinessHealthCheck(AppModelNames.Paths.Health);
}
