using System.ComponentModel.DataAnnotations;

namespace McpSecure.Gateway;

/// <summary>How the gateway checks access tokens. Section <c>Gateway:TokenValidation</c>.</summary>
public sealed class TokenValidationOptions
{
    public TokenValidationMode Mode { get; set; } = TokenValidationMode.Jwt;

    /// <summary>The gateway's own confidential client at the provider, for RFC 7662 introspection.</summary>
    public string? ClientId { get; set; }

    /// <summary>Its secret; keep it in a secret store, never in appsettings.json.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>
    /// How long a verdict is reused. Introspection results are never kept past the token's own expiry; a revoked
    /// token can pass for at most this long. UserInfo answers are not cached unless this is set.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan? CacheDuration { get; set; }

    internal IEnumerable<ValidationResult> Validate(GatewayOptions gateway)
    {
        if (Mode == TokenValidationMode.Introspection && (string.IsNullOrWhiteSpace(ClientId) || string.IsNullOrWhiteSpace(ClientSecret)))
        {
            yield return new ValidationResult(
                "Gateway:TokenValidation:ClientId and Gateway:TokenValidation:ClientSecret are required in Introspection mode: the gateway's confidential client at the provider.");
        }
        if (Mode == TokenValidationMode.UserInfo && gateway.RequiredScopes.Length > 0)
        {
            yield return new ValidationResult(
                "Gateway:TokenValidation:Mode=UserInfo cannot check Gateway:RequiredScopes (userinfo answers carry no scopes and no audience). " +
                "Use Jwt or Introspection mode, or remove the required scopes to accept the nginx design's weaker check knowingly.");
        }
    }
}

public enum TokenValidationMode
{
    /// <summary>Local validation of JWT access tokens against the provider's published keys (the default, and fastest).</summary>
    Jwt,
    /// <summary>RFC 7662 token introspection at the provider, for opaque tokens; verdicts cached.</summary>
    Introspection,
    /// <summary>The nginx design's check: the provider's userinfo endpoint must accept the token. No audience, no scopes.</summary>
    UserInfo,
}

/// <summary>The token is unknown, expired or revoked, according to the provider.</summary>
public sealed class InactiveTokenException(string message) : Exception(message);

/// <summary>The provider could not be asked about the token.</summary>
public sealed class AuthorizationServerUnavailableException(string message) : Exception(message);
