using McpSecure.Gateway.Configuration;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace McpSecure.Gateway.Limits;

/// <summary>Request body and header sizes (Kestrel and a JSON 413 up front), slow-client limits and the per-user request rate on the MCP route.</summary>
internal static class GatewayLimitsExtensions
{
    public static IServiceCollection AddGatewayLimits(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GatewayOptions>, GatewayLimitsValidator>());
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<GatewayOptions>>((kestrel, gateway) =>
        {
            var limits = gateway.Value.Limits;
            kestrel.Limits.MaxRequestBodySize = limits.MaxRequestBodySize;
            kestrel.Limits.MaxRequestHeadersTotalSize = limits.MaxRequestHeadersTotalSize;
            // Slow clients (slowloris): headers and bodies that trickle in are cut off, so they cannot hold connections.
            kestrel.Limits.RequestHeadersTimeout = limits.RequestHeadersTimeout;
            kestrel.Limits.MinRequestBodyDataRate = limits.MinRequestBodyDataRate > 0
                ? new MinDataRate(limits.MinRequestBodyDataRate, limits.MinRequestBodyDataRateGracePeriod)
                : null;
        });
        services.AddRateLimiter(_ => { });
        services.AddOptions<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>().Configure<IOptions<GatewayOptions>>((limiter, gateway) =>
            PerUserRateLimiting.Configure(limiter, gateway.Value.Limits.RequestsPerUser));
        return services;
    }

    /// <summary>Early in the pipeline: an oversized body is refused before authentication reads anything.</summary>
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) => app.UseMiddleware<RequestBodyLimitMiddleware>();
}
