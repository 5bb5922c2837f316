namespace McpSecure.PrometheusMcp.Authorization;

internal static partial class ToolAccessLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning,
        Message = "Tool call {Tool} refused for subject {Subject}: {Description} (the gateway should have refused it first)")]
    public static partial void Refused(ILogger logger, string tool, string? subject, string description);
}
