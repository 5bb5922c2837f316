using McpSecure.Gateway.Configuration;
using McpSecure.Gateway.Limits;

namespace McpSecure.UnitTests.Gateway.Reliability;

public sealed class GatewayLimitsValidatorTests
{
    [Fact]
    public void Defaults_pass()
    {
        var defaults = new GatewayLimitsOptions();
        Assert.True(new GatewayLimitsValidator().Validate(null, new GatewayOptions()).Succeeded);
        Assert.Equal((1024 * 1024, 32 * 1024, 600, TimeSpan.FromMinutes(1)),
            (defaults.MaxRequestBodySize, defaults.MaxRequestHeadersTotalSize, defaults.RequestsPerUser.PermitLimit, defaults.RequestsPerUser.Window));
        Assert.Equal((TimeSpan.FromSeconds(15), 240d, TimeSpan.FromSeconds(5)),
            (defaults.RequestHeadersTimeout, defaults.MinRequestBodyDataRate, defaults.MinRequestBodyDataRateGracePeriod));
    }

    [Fact]
    public void Slow_client_limits_that_cannot_work_are_named()
    {
        var options = new GatewayOptions
        {
            Limits = { RequestHeadersTimeout = TimeSpan.FromMilliseconds(100), MinRequestBodyDataRate = 100, MinRequestBodyDataRateGracePeriod = TimeSpan.FromSeconds(1) },
        };
        var negativeRate = new GatewayOptions { Limits = { RequestHeadersTimeout = TimeSpan.FromHours(1), MinRequestBodyDataRate = -1 } };

        Assert.Equal(
        [
            "Gateway:Limits:RequestHeadersTimeout must be between 00:00:01 and 00:05:00 (got 00:00:00.1000000).",
            "Gateway:Limits:MinRequestBodyDataRateGracePeriod must be at least 00:00:02 (got 00:00:01).",
        ], new GatewayLimitsValidator().Validate(null, options).Failures);
        Assert.Equal(
        [
            "Gateway:Limits:RequestHeadersTimeout must be between 00:00:01 and 00:05:00 (got 01:00:00).",
            "Gateway:Limits:MinRequestBodyDataRate must be 0 (no check) or a positive number of bytes per second (got -1).",
        ], new GatewayLimitsValidator().Validate(null, negativeRate).Failures);
        Assert.True(new GatewayLimitsValidator().Validate(null, new GatewayOptions { Limits = { MinRequestBodyDataRate = 0, MinRequestBodyDataRateGracePeriod = TimeSpan.Zero } }).Succeeded);
    }

    [Fact]
    public void Each_bad_limit_is_named()
    {
        var options = new GatewayOptions
        {
            Limits = { MaxRequestBodySize = 10, MaxRequestHeadersTotalSize = 100, RequestsPerUser = { PermitLimit = -1, Window = TimeSpan.FromHours(2) } },
        };

        Assert.Equal(
        [
            "Gateway:Limits:MaxRequestBodySize must be at least 1024 bytes (got 10).",
            "Gateway:Limits:MaxRequestHeadersTotalSize must be at least 4096 bytes: a token alone takes 1-2 KiB (got 100).",
            "Gateway:Limits:RequestsPerUser:PermitLimit must be 0 (no limit) or more (got -1).",
            "Gateway:Limits:RequestsPerUser:Window must be between 00:00:01 and 01:00:00 (got 02:00:00).",
        ], new GatewayLimitsValidator().Validate(null, options).Failures);
    }

    [Fact]
    public void Partition_key_is_the_subject_then_the_client_never_the_address()
    {
        static System.Security.Claims.ClaimsPrincipal User(params (string Type, string Value)[] claims) =>
            new(new System.Security.Claims.ClaimsIdentity(claims.Select(c => new System.Security.Claims.Claim(c.Type, c.Value)), "test"));

        Assert.Equal("sub:alice-id", PerUserRateLimiting.PartitionKey(User(("sub", "alice-id"), ("client_id", "mcp-client"))));
        Assert.Equal("client:mcp-machine", PerUserRateLimiting.PartitionKey(User(("client_id", "mcp-machine"))));
        Assert.Equal("anonymous", PerUserRateLimiting.PartitionKey(User()));
    }

    [Fact]
    public void Bad_redis_settings_are_named_and_a_connection_string_is_never_repeated()
    {
        var options = new GatewayOptions
        {
            Limits =
            {
                RequestsPerUser =
                {
                    Redis = "password=s3cret-redis-pass,ssl=maybe",
                    RedisTimeout = TimeSpan.FromMilliseconds(1),
                    RedisRetryInterval = TimeSpan.FromHours(1),
                    RedisKeyPrefix = "has space:",
                },
            },
        };

        var failures = new GatewayLimitsValidator().Validate(null, options).Failures!;

        Assert.Equal(
        [
            "Gateway:Limits:RequestsPerUser:Redis (or ConnectionStrings:redis) is not a valid StackExchange.Redis connection string, e.g. host:6379,password=... (the value is not shown: it may hold a password).",
            "Gateway:Limits:RequestsPerUser:RedisTimeout must be between 00:00:00.0100000 and 00:00:10 (got 00:00:00.0010000).",
            "Gateway:Limits:RequestsPerUser:RedisRetryInterval must be between 00:00:00.1000000 and 00:05:00 (got 01:00:00).",
            "Gateway:Limits:RequestsPerUser:RedisKeyPrefix must be a non-empty prefix without spaces (got 'has space:').",
        ], failures);
        Assert.DoesNotContain("s3cret", string.Join('\n', failures), StringComparison.Ordinal);
        Assert.True(new GatewayLimitsValidator().Validate(null, new GatewayOptions { Limits = { RequestsPerUser = { Redis = "redis:6379,password=x" } } }).Succeeded);
    }

    [Fact]
    public void Redis_defaults_are_a_quarter_second_time_limit_and_a_five_second_retry()
    {
        var defaults = new PerUserRateLimitOptions();

        Assert.Equal((null, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5), "mcpsecure:rate:"),
            (defaults.Redis, defaults.RedisTimeout, defaults.RedisRetryInterval, defaults.RedisKeyPrefix));
    }
}
