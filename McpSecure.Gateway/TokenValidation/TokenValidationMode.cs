namespace McpSecure.Gateway.TokenValidation;

public enum TokenValidationMode
{
    /// <summary>Local validation of JWT access tokens against the provider's published keys (the default, and fastest).</summary>
    Jwt,
    /// <summary>RFC 7662 token introspection at the provider, for opaque tokens; verdicts cached.</summary>
    Introspection,
    /// <summary>
    /// The provider's userinfo endpoint must accept the token: proves the token is live, but not for which
    /// audience nor with which scopes. For compatibility with deployments that only had this check.
    /// </summary>
    UserInfo,
}
