using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace McpSecure.Gateway;

/// <summary>
/// RFC 8414 authorization-server metadata served on the gateway's own host, for clients that look for it only
/// next to the resource (older MCP clients do). It mirrors the provider's discovery document, cached, with the
/// registration endpoint replaced by the gateway's when the gateway registers clients on the provider's behalf.
/// </summary>
public static class AuthorizationServerMetadataEndpoints
{
    public static IServiceCollection AddAuthorizationServerMetadata(this IServiceCollection services)
    {
        services.AddSingleton<AuthorizationServerMetadataCache>();
        // Answer fast when the provider is down: one attempt with a short timeout, then the 503 (or the stale copy).
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked experimental; it is the documented way to opt out.
        services.AddHttpClient(AuthorizationServerMetadataCache.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(10))
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        return services;
    }

    public static IEndpointRouteBuilder MapAuthorizationServerMetadata(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/.well-known/oauth-authorization-server", GetMetadataAsync).AllowAnonymous().RequireCors(BrowserOriginPolicy.PublicMetadataCorsPolicy);
        endpoints.MapGet("/.well-known/openid-configuration", GetMetadataAsync).AllowAnonymous().RequireCors(BrowserOriginPolicy.PublicMetadataCorsPolicy);
        return endpoints;
    }

    private static async Task<IResult> GetMetadataAsync(AuthorizationServerMetadataCache cache, IOptions<GatewayOptions> options,
        HttpContext context, CancellationToken cancellationToken)
    {
        var result = await cache.GetAsync(cancellationToken);
        if (result.Document is not { } document)
        {
            context.Response.Headers.RetryAfter = "10";
            return Results.Json(new JsonObject
            {
                ["error"] = "temporarily_unavailable",
                ["error_description"] = $"The authorization server {options.Value.AuthorizationServer.Issuer} is unreachable: {result.Problem}",
            }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        context.Response.Headers.CacheControl = "public, max-age=300";
        return Results.Text(document.ToJsonString(), "application/json");
    }
}
