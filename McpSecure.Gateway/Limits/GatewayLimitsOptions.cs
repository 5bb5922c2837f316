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

    /// <summary>Requests per user to the MCP endpoint.</summary>
    public PerUserRateLimitOptions RequestsPerUser { get; set; } = new();
}
