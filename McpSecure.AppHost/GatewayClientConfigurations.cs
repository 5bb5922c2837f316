using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;

namespace McpSecure.AppHost;

/// <summary>
/// Ready-to-paste client configurations for the gateway's public MCP URL, shown on the gateway resource in the
/// dashboard (resource properties, plus the MCP URL among its links) and printed in README.md:
/// VS Code <c>mcp.json</c> (plain URL: the client discovers the login itself), Cursor or any stdio client through
/// <c>mcp-remote</c> with the pre-registered public client, and the Claude Code command line.
/// </summary>
internal static class GatewayClientConfigurations
{
    private const string PropertyPrefix = "mcpsecure.";
    public const string VsCodeProperty = "mcpsecure.client.vscode_mcp_json";
    public const string StdioProperty = "mcpsecure.client.cursor_stdio_mcp_remote";
    public const string ClaudeCodeProperty = "mcpsecure.client.claude_code";
    public const string McpUrlProperty = "mcpsecure.mcp_url";

    /// <summary>
    /// The port of mcp-remote's loopback OAuth callback (<c>http://127.0.0.1:3334/oauth/callback</c>); any port works,
    /// because the public client accepts loopback redirect URIs on every port.
    /// </summary>
    public const int DefaultCallbackPort = 3334;

    /// <summary>The name clients list the server under.</summary>
#if (ServerBlank || ServerExternal)
    public const string ServerName = "mcpsecure";
#else
    public const string ServerName = "prometheus";
#endif

    /// <summary>The configurations for a given MCP URL, as dashboard property names and values.</summary>
    public static ImmutableArray<(string Name, string Value)> For(string mcpUrl, string clientId, int callbackPort = DefaultCallbackPort) =>
    [
        (McpUrlProperty, mcpUrl),
        (VsCodeProperty, $$"""{ "servers": { "{{ServerName}}": { "type": "http", "url": "{{mcpUrl}}" } } }"""),
        (StdioProperty, $$"""{ "mcpServers": { "{{ServerName}}": { "command": "npx", "args": ["-y", "mcp-remote", "{{mcpUrl}}", "{{callbackPort}}", "--host", "127.0.0.1", "--allow-http", "--transport", "http-only", "--static-oauth-client-info", "{\"client_id\":\"{{clientId}}\"}"] } } }"""),
        (ClaudeCodeProperty, $"claude mcp add --transport http {ServerName} {mcpUrl}"),
    ];

    public static IResourceBuilder<ProjectResource> WithClientConfigurations(this IResourceBuilder<ProjectResource> gateway, string clientId)
    {
        gateway.WithUrlForEndpoint(AppModelNames.Endpoints.Http, _ => new ResourceUrlAnnotation { Url = AppModelNames.Paths.Mcp, DisplayText = "MCP URL (paste into your client)" });
        gateway.ApplicationBuilder.Eventing.Subscribe<ResourceEndpointsAllocatedEvent>(gateway.Resource, async (@event, cancellationToken) =>
        {
            var mcpUrl = $"{gateway.GetEndpoint(AppModelNames.Endpoints.Http).Url}{AppModelNames.Paths.Mcp}";
            var notifications = @event.Services.GetRequiredService<ResourceNotificationService>();
            await notifications.PublishUpdateAsync(gateway.Resource, snapshot => snapshot with
            {
                Properties = [
                    .. snapshot.Properties.Where(p => !p.Name.StartsWith(PropertyPrefix, StringComparison.Ordinal)),
                    .. For(mcpUrl, clientId).Select(c => new ResourcePropertySnapshot(c.Name, c.Value)),
                ],
            });
        });
        return gateway;
    }
}
