using McpSecure.Gateway.Configuration;
using McpSecure.Gateway.Proxy;
using McpSecure.Gateway.Telemetry;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace McpSecure.Gateway.Origins;

/// <summary>
/// Browser-facing rules: <see cref="OriginValidationMiddleware"/> refuses foreign origins; allowed origins get
/// CORS with the MCP headers; the public discovery documents are readable from any origin.
/// </summary>
internal static class BrowserOriginExtensions
{
    public static IServiceCollection AddBrowserOriginPolicy(this IServiceCollection services)
    {
        services.AddGatewayTelemetry();
        services.AddCors();
        services.AddOptions<CorsOptions>()
            .Configure<IOptions<GatewayOptions>>((cors, gatewayOptions) =>
            {
                var gateway = gatewayOptions.Value;
                cors.AddPolicy(GatewayCorsPolicies.McpClients, policy => policy
                    .WithOrigins(gateway.AllowedBrowserOrigins.ToArray())
                    .WithMethods(McpRoute.Methods)
                    .WithHeaders("Authorization", "Content-Type", "Accept",
                        McpHeaderNames.SessionId, McpHeaderNames.ProtocolVersion, McpHeaderNames.LastEventId)
                    .WithExposedHeaders("WWW-Authenticate", McpHeaderNames.SessionId, McpHeaderNames.ProtocolVersion)
                    .SetPreflightMaxAge(TimeSpan.FromMinutes(10)));
                cors.AddPolicy(GatewayCorsPolicies.PublicMetadata, policy => policy
                    .AllowAnyOrigin().WithMethods("GET").WithHeaders(McpHeaderNames.ProtocolVersion));
            });
        return services;
    }

    /// <summary>Refuses requests from disallowed origins before anything else runs.</summary>
    public static IApplicationBuilder UseOriginValidation(this IApplicationBuilder app) => app.UseMiddleware<OriginValidationMiddleware>();
}
