namespace McpSecure.Gateway.Origins;

/// <summary>Headers of MCP's streamable HTTP transport that browsers must be allowed to send and read.</summary>
internal static class McpHeaderNames
{
    public const string SessionId = "Mcp-Session-Id";
    public const string ProtocolVersion = "MCP-Protocol-Version";
    /// <summary>Resumes an SSE stream (HTML Living Standard, server-sent events).</summary>
    public const string LastEventId = "Last-Event-ID";
}
