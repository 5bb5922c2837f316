using McpSecure.Gateway.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace McpSecure.Gateway.Limits.Shared;

/// <summary>
/// Degraded (not unhealthy: the gateway still limits every user, per replica) while Redis cannot answer for the
/// per-user rate limit; healthy when the limit is shared.
/// </summary>
internal sealed class SharedRateLimitHealthCheck(IOptions<GatewayOptions> gateway, IServiceProvider services) : IHealthCheck
{
    public const string Name = "rate-limit-redis";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(!PerUserRateLimiting.SharesCounts(gateway.Value.Limits.RequestsPerUser)
            ? HealthCheckResult.Healthy("No Redis configured: the per-user rate limit is counted per replica.")
            : services.GetRequiredService<SharedRateLimitStatus>() is { FailingSince: { } since } status
            ? HealthCheckResult.Degraded(
                $"Redis has not answered for the per-user rate limit since {since:O} ({status.LastReason}): the limit is counted per replica.",
                data: new Dictionary<string, object> { ["fallbacks"] = status.FallbacksTotal })
            : HealthCheckResult.Healthy("The per-user rate limit is shared through Redis."));
}
