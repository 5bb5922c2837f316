using McpSecure.Gateway.Configuration;
using McpSecure.Gateway.Telemetry;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;

namespace McpSecure.Gateway.Proxy;

/// <summary>
/// The reverse proxy from the gateway's MCP endpoint to the unchanged MCP server. Only authorized requests
/// reach it; the caller's token stays at the gateway.
/// </summary>
internal static class McpProxyExtensions
{
    public static IServiceCollection AddMcpProxy(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddGatewayTelemetry();
        // Signed identities are reused per token (ForwardedIdentityCache); every entry has a size, the limit is set with the token caches.
        services.AddMemoryCache();
        services.AddReverseProxy()
            .AddServiceDiscoveryDestinationResolver()
            .AddTransforms(transforms => transforms.AddIdentityForwarding(
                transforms.Services.GetRequiredService<IOptions<GatewayOptions>>().Value,
                transforms.Services.GetRequiredService<TimeProvider>(),
                transforms.Services.GetRequiredService<IMemoryCache>()));
        services.AddSingleton<IProxyConfigProvider, McpProxyConfigProvider>();
        // Fault tolerance: a time limit for the response headers, a quick passive health check, JSON 502/503 answers.
        services.Replace(ServiceDescriptor.Singleton<IForwarderHttpClientFactory, UpstreamHttpClientFactory>());
        services.AddSingleton<IPassiveHealthCheckPolicy, UpstreamFailurePolicy>();
        services.AddSingleton<UpstreamTelemetry>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GatewayOptions>, UpstreamOptionsValidator>());
        return services;
    }

    /// <summary>The proxy pipeline: YARP's standard steps, measured (upstream latency and outcome).</summary>
    public static IEndpointConventionBuilder MapMcpProxy(this IEndpointRouteBuilder endpoints)
    {
        var telemetry = endpoints.ServiceProvider.GetRequiredService<GatewayTelemetry>();
        var time = endpoints.ServiceProvider.GetRequiredService<TimeProvider>();
        return endpoints.MapReverseProxy(pipeline =>
        {
            pipeline.UseMiddleware<UpstreamErrorMiddleware>();
            pipeline.Use(async (context, next) =>
            {
                var started = time.GetTimestamp();
                await next();
                telemetry.RecordProxied(time.GetElapsedTime(started), context.Response.StatusCode);
            });
            pipeline.UseSessionAffinity();
            pipeline.UseLoadBalancing();
            pipeline.UsePassiveHealthChecks();
        });
    }
}
