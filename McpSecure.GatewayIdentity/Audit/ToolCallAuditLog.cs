using Microsoft.Extensions.Logging;

namespace McpSecure.GatewayIdentity.Audit;

/// <summary>
/// The audit trail of tool calls, one structured entry per call (category <c>McpSecure.GatewayIdentity.Audit</c>):
/// who (subject, user name, OAuth client), what (tool, arguments with secrets removed), how it ended and how long it took.
/// </summary>
internal static partial class ToolCallAuditLog
{
    public const string Category = "McpSecure.GatewayIdentity.Audit";

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information,
        Message = "Tool call {Tool} by {User} (subject {Subject}, client {ClientId}): {Outcome} in {DurationMs} ms, arguments {Arguments}")]
    public static partial void Completed(ILogger logger, string tool, string user, string subject, string clientId,
        string outcome, double durationMs, string arguments);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning,
        Message = "Tool call {Tool} by {User} (subject {Subject}, client {ClientId}): {Outcome} in {DurationMs} ms, arguments {Arguments}: {Error}")]
    public static partial void Failed(ILogger logger, string tool, string user, string subject, string clientId,
        string outcome, double durationMs, string arguments, string error);
}
