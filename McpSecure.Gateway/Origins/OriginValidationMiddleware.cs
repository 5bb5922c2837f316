using McpSecure.Gateway.Hosting;
using McpSecure.Gateway.Challenges;
using McpSecure.Gateway.Configuration;
using McpSecure.Gateway.Discovery;
using McpSecure.Gateway.Telemetry;
using Microsoft.Extensions.Options;

namespace McpSecure.Gateway.Origins;

/// <summary>
/// The MCP spec requires servers to validate <c>Origin</c> (DNS-rebinding protection): a request that carries an
/// <c>Origin</c> not in <see cref="GatewayOptions.AllowedOrigins"/> (or the gateway's own) gets 403 before anything
/// else happens. Requests without <c>Origin</c> are not browser requests; discovery documents and health endpoints
/// are exempt.
/// </summary>
internal sealed class OriginValidationMiddleware(RequestDelegate next, IOptions<GatewayOptions> options, GatewayTelemetry telemetry)
{
    private readonly HashSet<string> _allowed = options.Value.AllowedBrowserOrigins.ToHashSet(StringComparer.OrdinalIgnoreCase);

    public async Task InvokeAsync(HttpContext context)
    {
        var origin = context.Request.Headers.Origin;
        if (origin.Count == 0 || IsExempt(context.Request.Path) || (origin.Count == 1 && _allowed.Contains(origin.ToString())))
        {
            await next(context);
            return;
        }
        telemetry.RecordRefused(OAuthErrorCodes.OriginNotAllowed, StatusCodes.Status403Forbidden);
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await context.Response.WriteAsJsonAsync(new OAuthErrorResponse(OAuthErrorCodes.OriginNotAllowed,
            $"Requests from origin '{origin}' are not allowed. Add it to {GatewayOptions.SectionName}:AllowedOrigins if it is a trusted browser client."), GatewayJsonContext.Default.OAuthErrorResponse);
    }

    private static bool IsExempt(PathString path) =>
        path.StartsWithSegments(WellKnown.Prefix) ||
        path.StartsWithSegments(ServiceDefaultsExtensions.HealthEndpointPath) ||
        path.StartsWithSegments(ServiceDefaultsExtensions.AlivenessEndpointPath);
}
