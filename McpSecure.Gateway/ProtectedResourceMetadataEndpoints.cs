using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace McpSecure.Gateway;

/// <summary>
/// RFC 9728 protected-resource metadata: tells a client which authorization server issues tokens for this
/// MCP endpoint. Served at the path-specific URL (<c>/.well-known/oauth-protected-resource/mcp</c>, the one the
/// 401 challenge names) and at the root form for clients that only try that.
/// </summary>
public static class ProtectedResourceMetadataEndpoints
{
    public const string WellKnownPrefix = "/.well-known/oauth-protected-resource";

    public static IEndpointRouteBuilder MapProtectedResourceMetadata(this IEndpointRouteBuilder endpoints)
    {
        var gateway = endpoints.ServiceProvider.GetRequiredService<IOptions<GatewayOptions>>().Value;

        var group = endpoints.MapGroup(WellKnownPrefix).AllowAnonymous().RequireCors(BrowserOriginPolicy.PublicMetadataCorsPolicy);
        group.MapGet(gateway.ResourcePath, GetMetadata);
        group.MapGet("/", GetMetadata);
        return endpoints;
    }

    private static IResult GetMetadata(IOptions<GatewayOptions> options, HttpContext context)
    {
        var gateway = options.Value;
        // Metadata changes only with configuration; a short public cache spares providers of many clients.
        context.Response.Headers.CacheControl = "public, max-age=300";
        return Results.Json(new ProtectedResourceMetadata(
            Resource: gateway.ResourceUri.AbsoluteUri,
            AuthorizationServers: [gateway.AuthorizationServer.Issuer!],
            ScopesSupported: gateway.ScopesSupported,
            BearerMethodsSupported: ["header"],
            ResourceName: gateway.ResourceName));
    }

    public sealed record ProtectedResourceMetadata(
        [property: JsonPropertyName("resource")] string Resource,
        [property: JsonPropertyName("authorization_servers")] string[] AuthorizationServers,
        [property: JsonPropertyName("scopes_supported")] string[] ScopesSupported,
        [property: JsonPropertyName("bearer_methods_supported")] string[] BearerMethodsSupported,
        [property: JsonPropertyName("resource_name")] string ResourceName);
}
