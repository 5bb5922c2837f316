namespace McpSecure.GatewayIdentity;

/// <summary>
/// The fixed parts of the contract. Both sides must agree on them, so they live here and nowhere else.
/// </summary>
public static class GatewayIdentityDefaults
{
    /// <summary>The authentication scheme MCP servers register (<see cref="GatewayIdentityAuthenticationExtensions"/>).</summary>
    public const string AuthenticationScheme = "GatewayIdentity";

    /// <summary>Configuration section of the MCP server's side (<c>GatewayIdentity:SigningKey</c>).</summary>
    public const string SectionName = "GatewayIdentity";

    /// <summary>The one request header that carries the caller's identity.</summary>
    public const string HeaderName = "X-McpSecure-Identity";

    /// <summary>Every request header with this prefix is the gateway's to set: it drops any that a client sends.</summary>
    public const string ReservedHeaderPrefix = "X-McpSecure-";

    /// <summary>The <c>iss</c> of a forwarded identity.</summary>
    public const string Issuer = "mcpsecure-gateway";

    /// <summary>The <c>aud</c> of a forwarded identity: only an MCP server behind the gateway accepts it.</summary>
    public const string Audience = "mcpsecure-mcp-server";

    /// <summary>HMAC-SHA256 wants a key at least as long as its output.</summary>
    public const int MinimumKeyBytes = 32;

    /// <summary>How long a forwarded identity is valid: it covers one proxied request, not a session.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    /// <summary>Tolerated clock difference between the gateway and the MCP server.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    /// <summary>Policy: the request must carry a verified gateway identity.</summary>
    public const string RequireCallerPolicy = "GatewayIdentity.RequireCaller";

    /// <summary>Policy: a request without an identity is served anonymously, but one whose identity does not verify is refused.</summary>
    public const string VerifiedOrAnonymousPolicy = "GatewayIdentity.VerifiedOrAnonymous";

    /// <summary>The error code of the 401 answer to a request whose identity does not verify.</summary>
    public const string InvalidIdentityError = "invalid_gateway_identity";

    /// <summary>The error code of the 401 answer to a request without an identity where one is required.</summary>
    public const string MissingIdentityError = "gateway_identity_required";
}
