using McpSecure.Identity.Endpoints;

namespace McpSecure.Identity.ClientRegistration;

/// <summary>The error codes of the registration endpoint: RFC 7591 §3.2.2, and ours for the rate limit.</summary>
internal static class ClientRegistrationErrors
{
    public const string InvalidRedirectUri = "invalid_redirect_uri";
    public const string InvalidClientMetadata = "invalid_client_metadata";

    /// <summary>Answered with 429 by <see cref="RegistrationRateLimiter"/>'s caller; not an RFC 7591 code.</summary>
    public const string TooManyRegistrations = "too_many_registrations";

    public static OAuthErrorResponse RedirectUri(string description) => new(InvalidRedirectUri, description);

    public static OAuthErrorResponse Metadata(string description) => new(InvalidClientMetadata, description);
}
