using Microsoft.AspNetCore.Authentication;

namespace McpSecure.GatewayIdentity;

/// <summary>The MCP server's side of the contract, bound from <see cref="GatewayIdentityDefaults.SectionName"/>.</summary>
public sealed class GatewayIdentityAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>The key shared with the gateway (its <c>Gateway:IdentityForwarding:SigningKey</c>); at least 32 bytes.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Tolerated clock difference between the gateway and this server.</summary>
    public TimeSpan ClockSkew { get; set; } = GatewayIdentityDefaults.ClockSkew;
}
