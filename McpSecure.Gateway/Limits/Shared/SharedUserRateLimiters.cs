using System.Threading.RateLimiting;
using McpSecure.Gateway.Configuration;
using Microsoft.Extensions.Options;

namespace McpSecure.Gateway.Limits.Shared;

/// <summary>The partitions of the per-user policy when Redis is configured: one <see cref="SharedUserRateLimiter"/> per user.</summary>
internal sealed class SharedUserRateLimiters(IOptions<GatewayOptions> gateway, IRateLimitCounterStore store, SharedRateLimitStatus status, TimeProvider timeProvider)
{
    private readonly PerUserRateLimitOptions _options = gateway.Value.Limits.RequestsPerUser;

    public RateLimitPartition<string> Partition(string partitionKey) =>
        RateLimitPartition.Get(partitionKey, key => new SharedUserRateLimiter(RateLimitKeys.For(_options.RedisKeyPrefix, key), _options, store, status, timeProvider));
}
