using McpSecure.Gateway.Configuration;

namespace McpSecure.Gateway.TokenValidation;

/// <summary>How the gateway checks access tokens. Section <c>Gateway:TokenValidation</c>.</summary>
public sealed class TokenValidationOptions
{
    public const string SectionName = GatewayOptions.SectionName + ":TokenValidation";

    public TokenValidationMode Mode { get; set; } = TokenValidationMode.Jwt;

    /// <summary>The gateway's own confidential client at the provider, for RFC 7662 introspection.</summary>
    public string? ClientId { get; set; }

    /// <summary>Its secret; keep it in a secret store, never in appsettings.json.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>
    /// How long a verdict is reused (at most one hour). Introspection results are never kept past the token's own
    /// expiry; a revoked token can pass for at most this long. UserInfo answers are not cached unless this is set.
    /// </summary>
    public TimeSpan? CacheDuration { get; set; }
}
