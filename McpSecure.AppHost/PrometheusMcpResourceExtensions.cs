namespace McpSecure.AppHost;

internal static class PrometheusMcpResourceExtensions
{
    /// <summary>
    /// The Prometheus MCP server: it knows nothing about OAuth and has no external endpoint, so the gateway is the
    /// only way in.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddPrometheusMcp(this IDistributedApplicationBuilder builder, IResourceBuilder<IResourceWithEndpoints> prometheus) =>
        builder.AddProject<Projects.McpSecure_PrometheusMcp>(AppModelNames.Resources.PrometheusMcp, launchProfileName: null)
            .WithHttpEndpoint(name: AppModelNames.Endpoints.Http)
            .WithReference(prometheus.GetEndpoint(AppModelNames.Endpoints.Http))
            .WaitFor(prometheus)
            .WithHttpHealthCheck(AppModelNames.Paths.Health);
}
