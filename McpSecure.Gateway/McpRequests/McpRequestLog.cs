namespace McpSecure.Gateway.McpRequests;

/// <summary>What the gateway logs about MCP requests it refuses: the reason and the tool, never a token or an argument.</summary>
internal static partial class McpRequestLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "MCP request refused ({Reason}): {Description}")]
    public static partial void Refused(ILogger logger, string reason, string description);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Tool call refused for subject {Subject}: {Description}")]
    public static partial void ToolRefused(ILogger logger, string? subject, string description);
}
