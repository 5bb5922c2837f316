namespace McpSecure.McpServer.Tools;

public sealed record CallerDescription(
    string Subject,
    string? Name,
    string? Username,
    string? Email,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string> Roles,
    string? ClientId);
