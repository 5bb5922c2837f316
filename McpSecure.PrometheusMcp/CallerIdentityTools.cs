using System.ComponentModel;
using McpSecure.GatewayIdentity;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpSecure.PrometheusMcp;

/// <summary>Shows who the MCP server believes is calling: the identity McpSecure.Gateway verified and forwarded.</summary>
[McpServerToolType]
public sealed class CallerIdentityTools
{
    [McpServerTool(Name = "whoami", Title = "Show the signed-in caller", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Shows the signed-in user as this MCP server sees it (subject, name, scopes, roles, client). " +
                 "Use it to check which account and permissions a session runs with.")]
    public static string WhoAmI(RequestContext<CallToolRequestParams> context)
    {
        if (GatewayCaller.From(context.User) is not { } caller)
        {
            return "anonymous: no identity was forwarded by McpSecure.Gateway";
        }

        return string.Join('\n',
            $"subject: {caller.Subject}",
            $"name: {caller.Name}",
            $"username: {caller.Username}",
            $"scopes: {string.Join(' ', caller.Scopes)}",
            $"roles: {string.Join(' ', caller.Roles)}",
            $"client: {caller.ClientId}");
    }
}
