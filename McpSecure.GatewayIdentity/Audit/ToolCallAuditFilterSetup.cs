using Microsoft.Extensions.Options;
using ModelContextProtocol.Server;

namespace McpSecure.GatewayIdentity.Audit;

/// <summary>
/// Puts <see cref="ToolCallAuditFilter"/> first in the alternate-result call-tool pipeline, after everything else has
/// configured the server (the SDK's authorization filter inserts itself first there in its own post-configuration,
/// so this one must be registered after <c>AddAuthorizationFilters()</c>).
/// </summary>
internal sealed class ToolCallAuditFilterSetup(ToolCallAuditFilter filter) : IPostConfigureOptions<McpServerOptions>
{
    public void PostConfigure(string? name, McpServerOptions options)
    {
#pragma warning disable MCPEXP002 // The only pipeline that wraps the SDK's authorization filter and task dispatch.
        options.Filters.Request.CallToolWithAlternateFilters.Insert(0, filter.InvokeAsync);
#pragma warning restore MCPEXP002
    }
}
