namespace McpSecure.Gateway.TokenValidation;

/// <summary>A request whose way of carrying the token breaks RFC 6750; answered with 400 <c>invalid_request</c>.</summary>
internal sealed class InvalidTokenRequestException(string message) : Exception(message);
