using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace McpSecure.Gateway;

/// <summary>
/// The reverse proxy from the gateway's MCP endpoint to the unchanged MCP server. Only authorized requests
/// reach it; the caller's token stays at the gateway.
/// </summary>
public static class McpProxyExtensions
{
    public const string McpAuthorizationPolicy = "mcp";
    private const string RouteId = "mcp";
    private const string ClusterId = "mcp-server";

    public static IServiceCollection AddMcpProxy(this IServiceCollection services)
    {
        services.AddReverseProxy()
            .AddServiceDiscoveryDestinationResolver()
            .AddTransforms(transforms =>
                transforms.AddIdentityForwarding(transforms.Services.GetRequiredService<IOptions<GatewayOptions>>().Value));
        services.AddSingleton<IProxyConfigProvider, McpProxyConfigProvider>();
        return services;
    }

    /// <summary>The proxy pipeline: YARP's standard steps, measured (upstream latency and outcome).</summary>
    public static IEndpointConventionBuilder MapMcpProxy(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapReverseProxy(pipeline =>
        {
            pipeline.Use(async (context, next) =>
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                await next();
                GatewayTelemetry.RecordProxied(System.Diagnostics.Stopwatch.GetElapsedTime(started), context.Response.StatusCode);
            });
            pipeline.UseSessionAffinity();
            pipeline.UseLoadBalancing();
            pipeline.UsePassiveHealthChecks();
        });

    /// <summary>Routes <c>GET</c>, <c>POST</c> and <c>DELETE</c> on the MCP path to the upstream, behind the MCP policy.</summary>
    private sealed class McpProxyConfigProvider(IOptions<GatewayOptions> options) : IProxyConfigProvider
    {
        private readonly InMemoryConfigProvider _inner = Build(options.Value);

        public IProxyConfig GetConfig() => _inner.GetConfig();

        private static InMemoryConfigProvider Build(GatewayOptions gateway)
        {
            var route = new RouteConfig
            {
                RouteId = RouteId,
                ClusterId = ClusterId,
                AuthorizationPolicy = McpAuthorizationPolicy,
                CorsPolicy = BrowserOriginPolicy.McpCorsPolicy,
                Match = new RouteMatch { Path = gateway.ResourcePath, Methods = ["GET", "POST", "DELETE"] },
            };
            var cluster = new ClusterConfig
            {
                ClusterId = ClusterId,
                Destinations = new Dictionary<string, DestinationConfig>
                {
                    ["mcp-server"] = new() { Address = gateway.UpstreamUrl!.AbsoluteUri },
                },
                HttpRequest = new ForwarderRequestConfig
                {
                    // Streamable HTTP keeps SSE responses open while tools run: allow long idle gaps.
                    ActivityTimeout = TimeSpan.FromMinutes(10),
                },
            };
            return new InMemoryConfigProvider([route], [cluster]);
        }
    }
}
