namespace McpSecure.Gateway.Challenges;

/// <summary>The <c>error</c> values the gateway answers with.</summary>
internal static class OAuthErrorCodes
{
    /// <summary>RFC 6750 §3.1: the request carries its token in a forbidden way.</summary>
    public const string InvalidRequest = "invalid_request";
    /// <summary>RFC 6750 §3.1: the token is expired, revoked, malformed or not for this resource.</summary>
    public const string InvalidToken = "invalid_token";
    /// <summary>RFC 6750 §3.1: the token lacks a required scope.</summary>
    public const string InsufficientScope = "insufficient_scope";
    /// <summary>RFC 6749 §4.1.2.1: the authorization server cannot answer now.</summary>
    public const string TemporarilyUnavailable = "temporarily_unavailable";
    /// <summary>No token at all; the challenge itself tells the client where to get one.</summary>
    public const string Unauthorized = "unauthorized";
    /// <summary>A browser request from an origin that is not allowed (DNS-rebinding protection).</summary>
    public const string OriginNotAllowed = "origin_not_allowed";
    /// <summary>RFC 7591 §3.2.2.</summary>
    public const string InvalidRedirectUri = "invalid_redirect_uri";
    /// <summary>RFC 7591 §3.2.2.</summary>
    public const string InvalidClientMetadata = "invalid_client_metadata";
}
