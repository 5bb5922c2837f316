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
    /// How long a verdict is reused (at most one hour; 5 minutes when not set). No verdict is kept past the token's own
    /// expiry. Introspection: a revoked token can pass for at most this long. Jwt: a token that passed every check is
    /// not checked again for this long (a signing key the provider withdraws is noticed within it); <c>0</c> checks every
    /// request in full. UserInfo answers are not cached unless this is set.
    /// </summary>
    public TimeSpan? CacheDuration { get; set; }
}
