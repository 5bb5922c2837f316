namespace McpSecure.Gateway.Authorization;

/// <summary>The MCP route's policy: a valid token (authentication) that carries the required scopes.</summary>
internal static class McpAuthorizationPolicy
{
    public const string Name = "mcp";
}
