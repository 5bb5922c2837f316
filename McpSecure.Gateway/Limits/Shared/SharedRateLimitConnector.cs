using McpSecure.Gateway.Configuration;
using Microsoft.Extensions.Options;

namespace McpSecure.Gateway.Limits.Shared;

/// <summary>With Redis configured, starts its connection when the gateway starts (without waiting for it).</summary>
internal sealed class SharedRateLimitConnector(IOptions<GatewayOptions> gateway, IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (PerUserRateLimiting.SharesCounts(gateway.Value.Limits.RequestsPerUser) && services.GetRequiredService<IRateLimitCounterStore>() is RedisRateLimitCounterStore redis)
        {
            redis.ConnectInBackground();
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
