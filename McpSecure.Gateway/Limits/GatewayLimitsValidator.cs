using McpSecure.Gateway.Configuration;
using Microsoft.Extensions.Options;

namespace McpSecure.Gateway.Limits;

/// <summary>Refuses limits that cannot work; every message names the full key and the value it got.</summary>
internal sealed class GatewayLimitsValidator : IValidateOptions<GatewayOptions>
{
    private const string Prefix = GatewayLimitsOptions.SectionName + ":";
    private const long MinBodySize = 1024;
    private const int MinHeadersSize = 4 * 1024;
    private static readonly TimeSpan MinWindow = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MinHeadersTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxHeadersTimeout = TimeSpan.FromMinutes(5);
    // Kestrel checks data rates once a second and needs a grace period longer than that.
    private static readonly TimeSpan MinGracePeriod = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxWindow = TimeSpan.FromHours(1);
    private static readonly TimeSpan MinRedisTimeout = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaxRedisTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MinRetryInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxRetryInterval = TimeSpan.FromMinutes(5);

    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var failures = Problems(options.Limits).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsRedisConnectionString(string value)
    {
        try
        {
            return StackExchange.Redis.ConfigurationOptions.Parse(value).EndPoints.Count > 0;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static IEnumerable<string> Problems(GatewayLimitsOptions limits)
    {
        if (limits.MaxRequestBodySize < MinBodySize)
        {
            yield return $"{Prefix}MaxRequestBodySize must be at least {MinBodySize} bytes (got {limits.MaxRequestBodySize}).";
        }
        if (limits.MaxRequestHeadersTotalSize < MinHeadersSize)
        {
            yield return $"{Prefix}MaxRequestHeadersTotalSize must be at least {MinHeadersSize} bytes: a token alone takes 1-2 KiB (got {limits.MaxRequestHeadersTotalSize}).";
        }
        if (limits.RequestHeadersTimeout < MinHeadersTimeout || limits.RequestHeadersTimeout > MaxHeadersTimeout)
        {
            yield return $"{Prefix}RequestHeadersTimeout must be between {MinHeadersTimeout} and {MaxHeadersTimeout} (got {limits.RequestHeadersTimeout}).";
        }
        if (limits.MinRequestBodyDataRate < 0 || double.IsNaN(limits.MinRequestBodyDataRate) || double.IsInfinity(limits.MinRequestBodyDataRate))
        {
            yield return $"{Prefix}MinRequestBodyDataRate must be 0 (no check) or a positive number of bytes per second (got {limits.MinRequestBodyDataRate}).";
        }
        if (limits.MinRequestBodyDataRate > 0 && limits.MinRequestBodyDataRateGracePeriod < MinGracePeriod)
        {
            yield return $"{Prefix}MinRequestBodyDataRateGracePeriod must be at least {MinGracePeriod} (got {limits.MinRequestBodyDataRateGracePeriod}).";
        }
        var perUser = limits.RequestsPerUser;
        if (perUser.PermitLimit < 0)
        {
            yield return $"{Prefix}RequestsPerUser:PermitLimit must be 0 (no limit) or more (got {perUser.PermitLimit}).";
        }
        if (perUser.Window < MinWindow || perUser.Window > MaxWindow)
        {
            yield return $"{Prefix}RequestsPerUser:Window must be between {MinWindow} and {MaxWindow} (got {perUser.Window}).";
        }
        if (perUser.Redis is { Length: > 0 } redis && !IsRedisConnectionString(redis))
        {
            // The value is not repeated: a connection string may hold a password.
            yield return $"{Prefix}RequestsPerUser:Redis (or ConnectionStrings:{PerUserRateLimitOptions.RedisConnectionStringName}) is not a valid StackExchange.Redis connection string, e.g. host:6379,password=... (the value is not shown: it may hold a password).";
        }
        if (perUser.RedisTimeout < MinRedisTimeout || perUser.RedisTimeout > MaxRedisTimeout)
        {
            yield return $"{Prefix}RequestsPerUser:RedisTimeout must be between {MinRedisTimeout} and {MaxRedisTimeout} (got {perUser.RedisTimeout}).";
        }
        if (perUser.RedisRetryInterval < MinRetryInterval || perUser.RedisRetryInterval > MaxRetryInterval)
        {
            yield return $"{Prefix}RequestsPerUser:RedisRetryInterval must be between {MinRetryInterval} and {MaxRetryInterval} (got {perUser.RedisRetryInterval}).";
        }
        if (string.IsNullOrWhiteSpace(perUser.RedisKeyPrefix) || perUser.RedisKeyPrefix.Any(char.IsWhiteSpace))
        {
            yield return $"{Prefix}RequestsPerUser:RedisKeyPrefix must be a non-empty prefix without spaces (got '{perUser.RedisKeyPrefix}').";
        }
    }
}
