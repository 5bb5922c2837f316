using McpSecure.GatewayIdentity;

namespace McpSecure.Gateway.Proxy;

/// <summary>How the caller's identity reaches the MCP server. Section <c>Gateway:IdentityForwarding</c>.</summary>
public sealed class IdentityForwardingOptions
{
    /// <summary>The key shared with the MCP server (<c>GatewayIdentity:SigningKey</c> there); at least <see cref="GatewayIdentityDefaults.MinimumKeyBytes"/> bytes.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Pass the caller's <c>Authorization</c> header on, for MCP servers that validate the token themselves.</summary>
    public bool ForwardAccessToken { get; set; }

    /// <summary>How long a forwarded identity is valid; it covers one proxied request.</summary>
    public TimeSpan Lifetime { get; set; } = GatewayIdentityDefaults.Lifetime;
}
