namespace McpSecure.Gateway.TokenValidation;

/// <summary>The provider could not be asked about the token; the caller gets 503, not 401, since its token may be fine.</summary>
internal sealed class AuthorizationServerUnavailableException(string message) : Exception(message);
