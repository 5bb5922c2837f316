using System.ComponentModel;
using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using ModelContextProtocol.Server;

namespace McpSecure.McpServer.Tools;

[McpServerToolType]
[Authorize(Roles = "admin")]
public sealed class ServerStatusTool(TimeProvider time)
{
    private static readonly DateTimeOffset StartedAt = Process.GetCurrentProcess().StartTime.ToUniversalTime();

    [McpServerTool(Name = "server_status", Title = "Show the server's status", ReadOnly = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Shows this MCP server's version, start time and uptime. Only callers with the admin role see and may call it.")]
    public ServerStatus GetStatus() => new(
        typeof(ServerStatusTool).Assembly.GetName().Version?.ToString() ?? "unknown",
        StartedAt,
        time.GetUtcNow() - StartedAt);
}
