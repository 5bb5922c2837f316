using McpSecure.Gateway.Configuration;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace McpSecure.Gateway.Limits;

/// <summary>Request body and header sizes (Kestrel and a JSON 413 up front) and the per-user request rate on the MCP route.</summary>
internal static class GatewayLimitsExtensions
{
    public static IServiceCollection AddGatewayLimits(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GatewayOptions>, GatewayLimitsValidator>());
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<GatewayOptions>>((kestrel, gateway) =>
        {
            kestrel.Limits.MaxRequestBodySize = gateway.Value.Limits.MaxRequestBodySize;
            kestrel.Limits.MaxRequestHeadersTotalSize = gateway.Value.Limits.MaxRequestHeadersTotalSize;
        });
        services.AddRateLimiter(_ => { });
        services.AddOptions<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>().Configure<IOptions<GatewayOptions>>((limiter, gateway) =>
            PerUserRateLimiting.Configure(limiter, gateway.Value.Limits.RequestsPerUser));
        return services;
    }

    /// <summary>Early in the pipeline: an oversized body is refused before authentication reads anything.</summary>
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) => app.UseMiddleware<RequestBodyLimitMiddleware>();
}
