using Names = McpSecure.AppHost.AppModelNames;

namespace McpSecure.AppHost;

internal static class PrometheusMcpResourceExtensions
{
    /// <summary>
    /// The Prometheus MCP server: it knows nothing about OAuth and has no external endpoint, so the gateway is the
    /// only way in.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddPrometheusMcp(this IDistributedApplicationBuilder builder, IResourceBuilder<IResourceWithEndpoints> prometheus) =>
        builder.AddProject<Projects.McpSecure_PrometheusMcp>(Names.Resources.PrometheusMcp, launchProfileName: null)
            .WithHttpEndpoint(name: Names.Endpoints.Http)
            .WithReference(prometheus.GetEndpoint(Names.Endpoints.Http))
            .WaitFor(prometheus)
            .WithHttpHealthCheck(Names.Paths.Health);
}
