using Microsoft.IdentityModel.Tokens;

namespace McpSecure.Gateway.TokenValidation;

/// <summary>
/// <c>typ</c> is optional in JWTs; when present it must say "access token" (RFC 9068 <c>at+jwt</c>, or Keycloak's
/// <c>JWT</c>), so that an ID token cannot be replayed as an access token.
/// </summary>
internal static class AccessTokenTypes
{
    public static readonly string[] Allowed = ["at+jwt", "application/at+jwt", "JWT"];

    /// <summary>A <see cref="TokenValidationParameters.TypeValidator"/> accepting <see cref="Allowed"/>.</summary>
    public static string Validate(string? type, SecurityToken token, TokenValidationParameters parameters) =>
        ValidatorFor(Allowed)(type, token, parameters);

    /// <summary>A <see cref="TokenValidationParameters.TypeValidator"/> accepting <paramref name="accepted"/> (and no <c>typ</c>).</summary>
    public static TypeValidator ValidatorFor(IReadOnlyList<string> accepted) => (type, _, _) =>
        string.IsNullOrEmpty(type) || accepted.Contains(type, StringComparer.OrdinalIgnoreCase)
            ? type ?? ""
            : throw new SecurityTokenInvalidTypeException(
                $"The token type '{type}' is not an accepted access token type ({string.Join(", ", accepted)}; Gateway:TokenValidation:AcceptedTokenTypes).")
            { InvalidType = type };
}
