using McpSecure.Gateway.Challenges;
using McpSecure.GatewayIdentity.ToolAccess;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace McpSecure.Gateway.McpRequests;

internal static class McpRequestExtensions
{
    /// <summary>The configuration section of the gateway's tool rules.</summary>
    public const string ToolAccessSection = "Gateway:" + ToolAccessOptions.SectionName;

    /// <summary>Tool rules (<c>Gateway:ToolAccess</c>), validated at start-up. Bodies are bounded by <c>Gateway:Limits:MaxRequestBodySize</c>.</summary>
    public static IServiceCollection AddMcpToolAccess(this IServiceCollection services)
    {
        services.AddToolAccess(ToolAccessSection);
        services.AddBearerChallenges();
        return services;
    }

    /// <summary>After authorization: checks each MCP POST's method, headers and tool calls before it is proxied.</summary>
    public static IApplicationBuilder UseMcpToolAccess(this IApplicationBuilder app) => app.UseMiddleware<McpToolAccessMiddleware>();
}
