using System.ComponentModel;
using McpSecure.GatewayIdentity;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpSecure.McpServer.Tools;

[McpServerToolType]
public sealed class WhoAmITool
{
    [McpServerTool(Name = "whoami", Title = "Show the signed-in caller", ReadOnly = true, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Shows the signed-in user as this MCP server sees them: subject, name, username, scopes, roles and client.")]
    public static CallerDescription WhoAmI(RequestContext<CallToolRequestParams> context)
    {
        var caller = GatewayCaller.From(context.User)
            ?? throw new InvalidOperationException("The endpoint requires a gateway identity, so a caller is always known here.");
        return new CallerDescription(caller.Subject, caller.Name, caller.Username, caller.Email,
            [.. caller.Scopes.Order(StringComparer.Ordinal)], [.. caller.Roles.Order(StringComparer.Ordinal)], caller.ClientId);
    }
}
