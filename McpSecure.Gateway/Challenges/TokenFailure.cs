using McpSecure.Gateway.Configuration;
using McpSecure.Gateway.TokenValidation;
using Microsoft.IdentityModel.Tokens;

namespace McpSecure.Gateway.Challenges;

/// <summary>Why a token was refused: a reason tag for metrics and a description for the client; neither contains the token.</summary>
internal sealed record TokenFailure(string Reason, string Description)
{
    public static TokenFailure Describe(Exception failure, GatewayOptions gateway) => failure switch
    {
        SecurityTokenExpiredException e => new("expired", $"The token expired at {e.Expires:yyyy-MM-ddTHH:mm:ssZ}."),
        SecurityTokenNotYetValidException e => new("not_yet_valid", $"The token is not valid before {e.NotBefore:yyyy-MM-ddTHH:mm:ssZ}."),
        SecurityTokenNoExpirationException => new("no_expiry", "The token has no expiry time (exp)."),
        SecurityTokenInvalidAudienceException => new("audience",
            $"The token's audience is not this resource: request a token with resource={gateway.ResourceUri.AbsoluteUri}."),
        SecurityTokenInvalidIssuerException => new("issuer",
            $"The token was not issued by {gateway.AuthorizationServer.Issuer}."),
        SecurityTokenInvalidAlgorithmException e => new("algorithm", $"The token's signing algorithm '{Truncate(e.InvalidAlgorithm, 16)}' is not allowed."),
        SecurityTokenInvalidTypeException e => new("type",
            $"The token is not an access token (typ '{Truncate(e.InvalidType, 32)}'); accepted: {string.Join(", ", gateway.TokenValidation.EffectiveTokenTypes)} ({Configuration.GatewayOptions.SectionName}:TokenValidation:AcceptedTokenTypes)."),
        SecurityTokenSignatureKeyNotFoundException => new("signature_key",
            "The token is signed with a key that the authorization server does not publish."),
        SecurityTokenInvalidSignatureException => new("signature", "The token signature is invalid or missing."),
        SecurityTokenMalformedException or ArgumentException => new("malformed", "The token is not a well-formed JWT."),
        InactiveTokenException e => new("inactive", e.Message),
        _ => new("invalid", "The token is invalid."),
    };

    private static string Truncate(string? value, int length) =>
        value is null ? "" : value.Length <= length ? value : value[..length] + "...";
}
