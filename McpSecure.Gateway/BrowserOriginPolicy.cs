using Microsoft.Extensions.Options;

namespace McpSecure.Gateway;

/// <summary>
/// Browser-facing rules. The MCP spec requires servers to validate <c>Origin</c> (DNS-rebinding protection):
/// a request that carries an <c>Origin</c> not in <see cref="GatewayOptions.AllowedOrigins"/> (or the gateway's own)
/// gets 403 before anything else happens. Allowed origins get CORS with the MCP headers; the public discovery
/// documents are readable from any origin.
/// </summary>
public static class BrowserOriginPolicy
{
    public const string McpCorsPolicy = "mcp-clients";
    public const string PublicMetadataCorsPolicy = "public-metadata";

    public static IServiceCollection AddBrowserOriginPolicy(this IServiceCollection services)
    {
        services.AddCors();
        services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>()
            .Configure<IOptions<GatewayOptions>>((cors, gatewayOptions) =>
            {
                var gateway = gatewayOptions.Value;
                cors.AddPolicy(McpCorsPolicy, policy => policy
                    .WithOrigins(gateway.AllowedBrowserOrigins.ToArray())
                    .WithMethods("GET", "POST", "DELETE")
                    .WithHeaders("Authorization", "Content-Type", "Accept", "Mcp-Session-Id", "MCP-Protocol-Version", "Last-Event-ID")
                    .WithExposedHeaders("WWW-Authenticate", "Mcp-Session-Id", "MCP-Protocol-Version")
                    .SetPreflightMaxAge(TimeSpan.FromMinutes(10)));
                cors.AddPolicy(PublicMetadataCorsPolicy, policy => policy.AllowAnyOrigin().WithMethods("GET").WithHeaders("MCP-Protocol-Version"));
            });
        return services;
    }

    /// <summary>Refuses requests from disallowed origins; discovery documents and health endpoints are exempt.</summary>
    public static IApplicationBuilder UseOriginValidation(this IApplicationBuilder app)
    {
        var gateway = app.ApplicationServices.GetRequiredService<IOptions<GatewayOptions>>().Value;
        var allowed = gateway.AllowedBrowserOrigins.ToHashSet(StringComparer.OrdinalIgnoreCase);

        return app.Use(async (context, next) =>
        {
            var origin = context.Request.Headers.Origin;
            if (origin.Count == 0 || IsExempt(context.Request.Path) || (origin.Count == 1 && allowed.Contains(origin.ToString())))
            {
                await next(context);
                return;
            }
            GatewayTelemetry.RecordRefused("origin_not_allowed", StatusCodes.Status403Forbidden);
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsJsonAsync(new
            {
                error = "origin_not_allowed",
                error_description = $"Requests from origin '{origin}' are not allowed. Add it to Gateway:AllowedOrigins if it is a trusted browser client.",
            });
        });
    }

    private static bool IsExempt(PathString path) =>
        path.StartsWithSegments("/.well-known") ||
        path.StartsWithSegments(ServiceDefaultsExtensions.HealthEndpointPath) ||
        path.StartsWithSegments(ServiceDefaultsExtensions.AlivenessEndpointPath);
}
