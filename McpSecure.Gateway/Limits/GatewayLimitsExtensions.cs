using McpSecure.Gateway.Configuration;
using McpSecure.Gateway.Limits.Shared;
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
        // Redis for the shared per-user count: Gateway:Limits:RequestsPerUser:Redis, else ConnectionStrings:redis (Aspire's WithReference).
        services.AddOptions<GatewayOptions>().PostConfigure<IConfiguration>((gateway, configuration) =>
        {
            var perUser = gateway.Limits.RequestsPerUser;
            if (string.IsNullOrWhiteSpace(perUser.Redis))
            {
                perUser.Redis = configuration.GetConnectionString(PerUserRateLimitOptions.RedisConnectionStringName);
            }
            perUser.Redis = string.IsNullOrWhiteSpace(perUser.Redis) ? null : perUser.Redis.Trim();
        });
        services.TryAddSingleton<IRateLimitCounterStore, RedisRateLimitCounterStore>();
        services.TryAddSingleton(sp => new SharedRateLimitStatus(sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<GatewayOptions>>().Value.Limits.RequestsPerUser,
            sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), sp.GetRequiredService<ILogger<SharedRateLimitStatus>>()));
        services.TryAddSingleton<SharedUserRateLimiters>();
        services.AddHostedService<SharedRateLimitConnector>();
        services.AddHealthChecks().AddCheck<SharedRateLimitHealthCheck>(SharedRateLimitHealthCheck.Name);
        services.AddRateLimiter(_ => { });
        services.AddOptions<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>().Configure<IOptions<GatewayOptions>>((limiter, gateway) =>
            PerUserRateLimiting.Configure(limiter, gateway.Value.Limits.RequestsPerUser));
        return services;
    }

    /// <summary>Early in the pipeline: an oversized body is refused before authentication reads anything.</summary>
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) => app.UseMiddleware<RequestBodyLimitMiddleware>();
}
