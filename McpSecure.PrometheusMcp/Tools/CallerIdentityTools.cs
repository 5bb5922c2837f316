using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpSecure.PrometheusMcp.Tools;

/// <summary>Shows who the MCP server believes is calling: the identity McpSecure.Gateway verified and forwarded.</summary>
[McpServerToolType]
public sealed class CallerIdentityTools
{
    [McpServerTool(Name = "whoami", Title = "Show the signed-in caller", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Shows the signed-in user as this MCP server sees it (subject, name, scopes, roles, client). " +
                 "Use it to check which account and permissions a session runs with.")]
    public static string WhoAmI(RequestContext<CallToolRequestParams> context)
    {
        var user = context.User;
        if (user?.Identity?.IsAuthenticated != true)
        {
            return "anonymous: no identity was forwarded by McpSecure.Gateway";
        }

        string Values(string type) => string.Join(' ', user.FindAll(type).Select(c => c.Value));
        return string.Join('\n',
            $"subject: {Values("sub")}",
            $"name: {Values("name")}",
            $"username: {Values("preferred_username")}",
            $"scopes: {Values("scope")}",
            $"roles: {Values("role")}",
            $"client: {Values("client_id")}");
    }
}
