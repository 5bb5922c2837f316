namespace McpSecure.McpServer.Tools;

public sealed record ServerStatus(string Version, DateTimeOffset StartedAt, TimeSpan Uptime);
