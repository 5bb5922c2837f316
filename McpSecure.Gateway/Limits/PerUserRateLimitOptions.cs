namespace McpSecure.Gateway.Limits;

/// <summary>
/// A fixed window per user (the token's <c>sub</c>, not the address: many users may share one NAT, one user may move):
/// at most <see cref="PermitLimit"/> MCP requests per <see cref="Window"/>, then 429 with <c>Retry-After</c>. Counted
/// in memory by each gateway replica. Section <c>Gateway:Limits:RequestsPerUser</c>.
/// </summary>
public sealed class PerUserRateLimitOptions
{
    /// <summary>Requests per window (600: ten a second on average, far above an agent's tool calls); 0 turns the limit off.</summary>
    public int PermitLimit { get; set; } = 600;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
