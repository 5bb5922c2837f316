using McpSecure.GatewayIdentity.Audit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Server;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the tool-call audit (log, span, counter) on an MCP server.</summary>
public static class ToolCallAuditExtensions
{
    /// <summary>
    /// Audits every <c>tools/call</c> of this MCP server: a structured log entry (caller, OAuth client, tool, arguments
    /// with secrets removed, outcome, duration), a span tagged <c>enduser.id</c> and <c>mcp.tool.name</c>, and the counter
    /// <c>mcpsecure.mcp.tool.calls</c> by caller and tool. Call it after <c>AddAuthorizationFilters()</c>: it then wraps
    /// the SDK's authorization and every other call-tool filter, so refused calls are audited too.
    /// </summary>
    public static IMcpServerBuilder WithToolCallAudit(this IMcpServerBuilder builder)
    {
        builder.Services.AddMetrics();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<ToolCallAuditTelemetry>();
        builder.Services.TryAddSingleton<ToolCallAuditFilter>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<McpServerOptions>, ToolCallAuditFilterSetup>());
        return builder;
    }
}
