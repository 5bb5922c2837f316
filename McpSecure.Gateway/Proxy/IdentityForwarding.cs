using McpSecure.Gateway.Configuration;
using McpSecure.Gateway.TokenValidation;
using McpSecure.GatewayIdentity;
using Microsoft.Extensions.Caching.Memory;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace McpSecure.Gateway.Proxy;

/// <summary>
/// What the MCP server learns about the caller. Client copies of our headers (<c>X-McpSecure-*</c>) are dropped;
/// the gateway adds its own signed identity (subject, name, scopes, roles, client) that the MCP server verifies
/// with the gateway identity authentication scheme (McpSecure.GatewayIdentity). The caller's access token itself
/// stays at the gateway unless <see cref="IdentityForwardingOptions.ForwardAccessToken"/> is set.
/// </summary>
internal static class IdentityForwarding
{
    public static TransformBuilderContext AddIdentityForwarding(this TransformBuilderContext transforms, GatewayOptions gateway, TimeProvider time,
        IMemoryCache cache)
    {
        var forwarding = gateway.IdentityForwarding;
        var lifetime = forwarding.Lifetime;
        // The header for a token is signed once and reused for half its lifetime (never past the token's expiry).
        var identities = forwarding.SigningKey is { } key
            ? new ForwardedIdentityCache(new GatewayIdentityTokenWriter(key, time, lifetime), cache, time, lifetime)
            : null;

        if (!forwarding.ForwardAccessToken)
        {
            transforms.AddRequestHeaderRemove("Authorization");
        }
        transforms.AddRequestTransform(context =>
        {
            var headers = context.ProxyRequest.Headers;
            // No list is allocated unless a client actually sent one of our headers (the usual case is none).
            List<string>? reserved = null;
            foreach (var header in headers)
            {
                if (header.Key.StartsWith(GatewayIdentityDefaults.ReservedHeaderPrefix, StringComparison.OrdinalIgnoreCase))
                {
                    (reserved ??= []).Add(header.Key);
                }
            }
            if (reserved is not null)
            {
                foreach (var name in reserved)
                {
                    headers.Remove(name);
                }
            }

            var user = context.HttpContext.User;
            if (identities is not null && user.Identity?.IsAuthenticated == true
                && TokenTransportRules.BearerToken(context.HttpContext.Request.Headers.Authorization.ToString()) is { Length: > 0 } token)
            {
                headers.TryAddWithoutValidation(GatewayIdentityDefaults.HeaderName, identities.HeaderFor(TokenHash.Of("identity", token), user));
            }
            return ValueTask.CompletedTask;
        });
        return transforms;
    }
}
