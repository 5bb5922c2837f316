using System.Security.Claims;
using McpSecure.Gateway.Configuration;
using McpSecure.ServiceDefaults.GatewayIdentity;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace McpSecure.Gateway.Proxy;

/// <summary>
/// What the MCP server learns about the caller. Client copies of our headers (<c>X-McpSecure-*</c>) are dropped;
/// the gateway adds its own signed identity (subject, name, scopes, roles, client) that the MCP server verifies.
/// The caller's access token itself stays at the gateway unless <see cref="IdentityForwardingOptions.ForwardAccessToken"/> is set.
/// </summary>
internal static class IdentityForwarding
{
    /// <summary>Claims copied from the access token into the forwarded identity.</summary>
    private static readonly string[] ForwardedClaims = ["sub", "name", "preferred_username", "email", "scope", "role", "client_id"];

    public static TransformBuilderContext AddIdentityForwarding(this TransformBuilderContext transforms, GatewayOptions gateway, TimeProvider time)
    {
        var forwarding = gateway.IdentityForwarding;
        var credentials = forwarding.SigningKey is { } key
            ? new SigningCredentials(new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256)
            : null;
        var handler = new JsonWebTokenHandler();

        if (!forwarding.ForwardAccessToken)
        {
            transforms.AddRequestHeaderRemove("Authorization");
        }
        transforms.AddRequestTransform(context =>
        {
            var headers = context.ProxyRequest.Headers;
            foreach (var reserved in headers.Select(h => h.Key)
                         .Where(name => name.StartsWith(GatewayIdentityOptions.ReservedHeaderPrefix, StringComparison.OrdinalIgnoreCase))
                         .ToList())
            {
                headers.Remove(reserved);
            }

            var user = context.HttpContext.User;
            if (credentials is not null && user.Identity?.IsAuthenticated == true)
            {
                headers.TryAddWithoutValidation(GatewayIdentityOptions.HeaderName,
                    Mint(handler, credentials, user, time.GetUtcNow().UtcDateTime, forwarding.Lifetime));
            }
            return ValueTask.CompletedTask;
        });
        return transforms;
    }

    private static string Mint(JsonWebTokenHandler handler, SigningCredentials credentials, ClaimsPrincipal user, DateTime now, TimeSpan lifetime)
    {
        var claims = new Dictionary<string, object>();
        foreach (var type in ForwardedClaims)
        {
            var values = user.FindAll(type).Select(c => c.Value).ToArray();
            if (values.Length > 0)
            {
                claims[type] = values.Length == 1 ? values[0] : values;
            }
        }
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = GatewayIdentityOptions.Issuer,
            Audience = GatewayIdentityOptions.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Claims = claims,
            SigningCredentials = credentials,
        });
    }
}
