using Microsoft.IdentityModel.Tokens;

namespace McpSecure.Gateway.TokenValidation;

/// <summary>
/// <c>typ</c> is optional in JWTs; when present it must say "access token" (RFC 9068 <c>at+jwt</c>, or Keycloak's
/// <c>JWT</c>), so that an ID token cannot be replayed as an access token.
/// </summary>
internal static class AccessTokenTypes
{
    public static readonly string[] Allowed = ["at+jwt", "application/at+jwt", "JWT"];

    /// <summary>A <see cref="TokenValidationParameters.TypeValidator"/>.</summary>
    public static string Validate(string? type, SecurityToken token, TokenValidationParameters parameters)
    {
        if (string.IsNullOrEmpty(type) || Allowed.Contains(type, StringComparer.OrdinalIgnoreCase))
        {
            return type ?? "";
        }
        throw new SecurityTokenInvalidTypeException($"The token type '{type}' is not an access token type.") { InvalidType = type };
    }
}
