namespace McpSecure.Gateway.Limits;

/// <summary>
/// A fixed window per user (the token's <c>sub</c>, not the address: many users may share one NAT, one user may move):
/// at most <see cref="PermitLimit"/> MCP requests per <see cref="Window"/>, then 429 with <c>Retry-After</c>. Counted
/// in memory by each gateway replica, or, with <see cref="Redis"/>, in Redis and shared by every replica.
/// Section <c>Gateway:Limits:RequestsPerUser</c>.
/// </summary>
public sealed class PerUserRateLimitOptions
{
    /// <summary>The connection string name Aspire's <c>WithReference(redis)</c> gives the gateway (<c>ConnectionStrings:redis</c>).</summary>
    public const string RedisConnectionStringName = "redis";

    /// <summary>Requests per window (600: ten a second on average, far above an agent's tool calls); 0 turns the limit off.</summary>
    public int PermitLimit { get; set; } = 600;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A StackExchange.Redis connection string (e.g. <c>redis:6379,password=...</c>): the counts are kept there, so the
    /// limit holds across every replica. Empty: <c>ConnectionStrings:redis</c> if the host gives one (Aspire's
    /// <c>WithReference</c>), otherwise no Redis and each replica counts on its own.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>
    /// How long a request waits for Redis (connect or count) before it is counted by this replica instead (250 ms).
    /// </summary>
    public TimeSpan RedisTimeout { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>After Redis failed, requests are counted by this replica for this long before Redis is tried again (5 s).</summary>
    public TimeSpan RedisRetryInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The prefix of the keys in Redis; the rest of a key is a hash of the user, never the user or a token.</summary>
    public string RedisKeyPrefix { get; set; } = "mcpsecure:rate:";
}
