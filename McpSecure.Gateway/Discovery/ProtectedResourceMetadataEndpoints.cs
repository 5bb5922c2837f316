using McpSecure.Gateway.Hosting;
using McpSecure.Gateway.Configuration;
using McpSecure.Gateway.Origins;
using Microsoft.Extensions.Options;

namespace McpSecure.Gateway.Discovery;

/// <summary>
/// RFC 9728 protected-resource metadata: tells a client which authorization server issues tokens for this
/// MCP endpoint. Served at the path-specific URL (<c>/.well-known/oauth-protected-resource/mcp</c>, the one the
/// 401 challenge names) and at the root form for clients that only try that.
/// </summary>
internal static class ProtectedResourceMetadataEndpoints
{
    public static IEndpointRouteBuilder MapProtectedResourceMetadata(this IEndpointRouteBuilder endpoints)
    {
        var gateway = endpoints.ServiceProvider.GetRequiredService<IOptions<GatewayOptions>>().Value;

        var group = endpoints.MapGroup(WellKnown.ProtectedResource).AllowAnonymous().RequireCors(GatewayCorsPolicies.PublicMetadata);
        // RequestDelegate handlers: minimal-API delegates need run-time code generation, which the AOT analyzers refuse.
        group.MapGet(gateway.ResourcePath, WriteMetadataAsync);
        group.MapGet("/", WriteMetadataAsync);
        return endpoints;
    }

    private static Task WriteMetadataAsync(HttpContext context)
    {
        var gateway = context.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value;
        context.Response.Headers.CacheControl = WellKnown.CacheControl;
        return Results.Json(new ProtectedResourceMetadata(
            Resource: gateway.ResourceUri.AbsoluteUri,
            AuthorizationServers: [gateway.AuthorizationServer.Issuer!],
            ScopesSupported: gateway.AdvertisedScopes,
            BearerMethodsSupported: ["header"],
            ResourceName: gateway.ResourceName), GatewayJsonContext.Default.ProtectedResourceMetadata).ExecuteAsync(context);
    }
}
