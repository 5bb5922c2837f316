using McpSecure.Gateway.Configuration;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace McpSecure.Gateway.Limits.Shared;

/// <summary>
/// The counts in Redis: one atomic script per request (INCR, and PEXPIRE when the key is new, so every key expires by
/// itself at the end of its window; the window is timed by Redis's clock alone, not the replicas'). The connection
/// is made in the background and remade by the client when Redis comes back; connect and command time limits are
/// <see cref="PerUserRateLimitOptions.RedisTimeout"/>.
/// </summary>
internal sealed class RedisRateLimitCounterStore : IRateLimitCounterStore, IAsyncDisposable
{
    private const string IncrementScript = """
        local count = redis.call('INCR', KEYS[1])
        local ttl = redis.call('PTTL', KEYS[1])
        if ttl < 0 then
          redis.call('PEXPIRE', KEYS[1], ARGV[1])
          ttl = tonumber(ARGV[1])
        end
        return { count, ttl }
        """;

    private readonly Lazy<Task<ConnectionMultiplexer>> _connection;

    public RedisRateLimitCounterStore(IOptions<GatewayOptions> gateway)
    {
        var options = gateway.Value.Limits.RequestsPerUser;
        var configuration = ConfigurationOptions.Parse(options.Redis!);
        var timeout = (int)Math.Ceiling(options.RedisTimeout.TotalMilliseconds);
        configuration.AbortOnConnectFail = false;
        configuration.ConnectTimeout = timeout;
        configuration.SyncTimeout = timeout;
        configuration.AsyncTimeout = timeout;
        configuration.ConnectRetry = 1;
        configuration.ReconnectRetryPolicy = new LinearRetry(500);
        configuration.ClientName ??= "mcpsecure-gateway";
        _connection = new Lazy<Task<ConnectionMultiplexer>>(() => ConnectionMultiplexer.ConnectAsync(configuration));
    }

    /// <summary>Available until a connection attempt is known to have failed; while connecting, requests wait (bounded).</summary>
    public bool IsAvailable => !_connection.IsValueCreated || _connection.Value is { IsCompleted: false } || _connection.Value is { IsCompletedSuccessfully: true, Result.IsConnected: true };

    /// <summary>Starts connecting at start-up, so that the first request does not pay for it.</summary>
    public void ConnectInBackground() => _ = _connection.Value;

    public async Task<WindowCount> IncrementAsync(string key, TimeSpan window, CancellationToken cancellationToken)
    {
        var connection = await _connection.Value;
        var windowMilliseconds = (long)Math.Ceiling(window.TotalMilliseconds);
        var result = (RedisResult[])(await connection.GetDatabase().ScriptEvaluateAsync(IncrementScript, [key], [windowMilliseconds]))!;
        return new WindowCount((long)result[0], TimeSpan.FromMilliseconds((long)result[1]));
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection.IsValueCreated && _connection.Value is { IsCompletedSuccessfully: true } connected)
        {
            await connected.Result.DisposeAsync();
        }
    }
}
