using McpSecure.Gateway.Challenges;
using McpSecure.Gateway.Configuration;
using McpSecure.Gateway.Origins;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace McpSecure.Gateway.Discovery;

/// <summary>
/// RFC 8414 authorization-server metadata served on the gateway's own host, for clients that look for it only
/// next to the resource (older MCP clients do). It mirrors the provider's discovery document, cached, unchanged: its
/// <c>registration_endpoint</c> (if any) is the provider's own, so a client registers there and gets its own client id
/// and the provider's consent page; the gateway registers no clients itself.
/// </summary>
internal static class AuthorizationServerMetadataEndpoints
{
    public static IServiceCollection AddAuthorizationServerMetadata(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AuthorizationServerMetadataCache>();
        // Answer fast when the provider is down: one attempt with a short timeout, then the 503 (or the stale copy).
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked experimental; it is the documented way to opt out.
        services.AddHttpClient(AuthorizationServerMetadataCache.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(10))
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        return services;
    }

    public static IEndpointRouteBuilder MapAuthorizationServerMetadata(this IEndpointRouteBuilder endpoints)
    {
        // RequestDelegate handlers: minimal-API delegates need run-time code generation, which the AOT analyzers refuse.
        endpoints.MapGet(WellKnown.AuthorizationServer, WriteMetadataAsync).AllowAnonymous().RequireCors(GatewayCorsPolicies.PublicMetadata);
        endpoints.MapGet(WellKnown.OpenIdConfiguration, WriteMetadataAsync).AllowAnonymous().RequireCors(GatewayCorsPolicies.PublicMetadata);
        return endpoints;
    }

    private static async Task WriteMetadataAsync(HttpContext context)
    {
        var cache = context.RequestServices.GetRequiredService<AuthorizationServerMetadataCache>();
        var result = await cache.GetAsync(context.RequestAborted);
        if (result.Document is not { } document)
        {
            var issuer = context.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value.AuthorizationServer.Issuer;
            await ProviderUnavailableResult.Create(context, $"The authorization server {issuer} is unreachable: {result.Problem}").ExecuteAsync(context);
            return;
        }

        context.Response.Headers.CacheControl = WellKnown.CacheControl;
        await Results.Text(document.ToJsonString(), "application/json").ExecuteAsync(context);
    }
}
