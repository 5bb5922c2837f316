namespace McpSecure.Gateway.Proxy;

/// <summary>The MCP server sent no response headers within <see cref="UpstreamOptions.ResponseHeadersTimeout"/>.</summary>
internal sealed class UpstreamTimeoutException(TimeSpan timeout, Exception inner)
    : TimeoutException($"The MCP server sent no response headers within {timeout} ({UpstreamOptions.SectionName}:ResponseHeadersTimeout).", inner)
{
    public TimeSpan Timeout { get; } = timeout;
}
