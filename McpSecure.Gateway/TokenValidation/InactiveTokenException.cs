namespace McpSecure.Gateway.TokenValidation;

/// <summary>The token is unknown, expired or revoked, according to the provider.</summary>
internal sealed class InactiveTokenException(string message) : Exception(message);
