using McpSecure.GatewayIdentity;
using McpSecure.GatewayIdentity.ToolAccess;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpSecure.PrometheusMcp.Authorization;

/// <summary>
/// The MCP server's own enforcement of the tool rules (section <c>ToolAccess</c>), the same rules the gateway checks
/// before proxying (defence in depth): <c>tools/list</c> shows a caller only the tools they may call, and a
/// <c>tools/call</c> of any other tool is refused with a JSON-RPC error that names what is missing.
/// </summary>
internal static class ToolAccessFilters
{
    public static IMcpServerBuilder WithToolAccessFilters(this IMcpServerBuilder builder)
    {
        builder.Services.AddToolAccess();
        return builder.WithRequestFilters(filters => filters
            .AddListToolsFilter(next => async (context, cancellationToken) =>
            {
                var result = await next(context, cancellationToken);
                var policy = context.Services!.GetRequiredService<ToolAccessPolicy>();
                var caller = GatewayCaller.From(context.User);
                result.Tools = result.Tools.Where(tool => policy.Allows(tool.Name, caller)).ToList();
                return result;
            })
            .AddCallToolFilter(next => async (context, cancellationToken) =>
            {
                var policy = context.Services!.GetRequiredService<ToolAccessPolicy>();
                var caller = GatewayCaller.From(context.User);
                var tool = context.Params?.Name ?? "";
                if (!policy.Allows(tool, caller))
                {
                    var description = policy.Evaluate(tool, caller)?.Describe() ?? $"The tool '{tool}' requires a signed-in caller.";
                    ToolAccessLog.Refused(context.Services!.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ToolAccessFilters)),
                        tool, caller?.Subject, description);
                    throw new McpProtocolException($"Access denied: {description}", McpErrorCode.InvalidRequest);
                }
                return await next(context, cancellationToken);
            }));
    }
}
