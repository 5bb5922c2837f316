using McpSecure.Gateway.Configuration;

namespace McpSecure.Gateway.Limits;

/// <summary>What one request and one user may cost the gateway. Section <c>Gateway:Limits</c>; checked by <see cref="GatewayLimitsValidator"/>.</summary>
public sealed class GatewayLimitsOptions
{
    public const string SectionName = GatewayOptions.SectionName + ":Limits";

    /// <summary>The largest request body, in bytes (1 MiB): JSON-RPC messages are small. Larger ones get 413.</summary>
    public long MaxRequestBodySize { get; set; } = 1024 * 1024;

    /// <summary>The largest total size of a request's headers, in bytes (32 KiB, Kestrel's default); larger ones get 431.</summary>
    public int MaxRequestHeadersTotalSize { get; set; } = 32 * 1024;

    /// <summary>
    /// The longest time a client may take to send its request headers (15 s; Kestrel's own default is 30 s). A client
    /// that trickles them (slowloris) is disconnected after it, so that it cannot hold connections open forever.
    /// </summary>
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The slowest a request body may arrive, in bytes per second, averaged after <see cref="MinRequestBodyDataRateGracePeriod"/>
    /// (240 B/s after 5 s): a client that trickles its body is disconnected. 0 turns the check off.
    /// </summary>
    public double MinRequestBodyDataRate { get; set; } = 240;

    public TimeSpan MinRequestBodyDataRateGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Requests per user to the MCP endpoint.</summary>
    public PerUserRateLimitOptions RequestsPerUser { get; set; } = new();
}
