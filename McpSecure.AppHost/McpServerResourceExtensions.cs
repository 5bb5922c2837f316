using McpSecure.AppHost.Health;
namespace McpSecure.AppHost;

internal static class McpServerResourceExtensions
{
    /// <summary>
    /// Your MCP server (McpSecure.McpServer, tools in its <c>Tools/</c> folder): it knows nothing about OAuth and has no
    /// external endpoint, so the gateway is the only way in.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddMcpServer(this IDistributedApplicationBuilder builder) =>
        builder.AddProject<Projects.McpSecure_McpServer>(AppModelNames.Resources.McpServer, launchProfileName: null)
            .WithHttpEndpoint(name: AppModelNames.Endpoints.Http)
            .WithReadinessHealthCheck(AppModelNames.Paths.Health);
}
