using McpSecure.Gateway.Configuration;
using McpSecure.GatewayIdentity;
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
    public static TransformBuilderContext AddIdentityForwarding(this TransformBuilderContext transforms, GatewayOptions gateway, TimeProvider time)
    {
        var forwarding = gateway.IdentityForwarding;
        var writer = forwarding.SigningKey is { } key ? new GatewayIdentityTokenWriter(key, time, forwarding.Lifetime) : null;

        if (!forwarding.ForwardAccessToken)
        {
            transforms.AddRequestHeaderRemove("Authorization");
        }
        transforms.AddRequestTransform(context =>
        {
            var headers = context.ProxyRequest.Headers;
            foreach (var reserved in headers.Select(h => h.Key)
                         .Where(name => name.StartsWith(GatewayIdentityDefaults.ReservedHeaderPrefix, StringComparison.OrdinalIgnoreCase))
                         .ToList())
            {
                headers.Remove(reserved);
            }

            var user = context.HttpContext.User;
            if (writer is not null && user.Identity?.IsAuthenticated == true)
            {
                headers.TryAddWithoutValidation(GatewayIdentityDefaults.HeaderName, writer.Write(user));
            }
            return ValueTask.CompletedTask;
        });
        return transforms;
    }
}
