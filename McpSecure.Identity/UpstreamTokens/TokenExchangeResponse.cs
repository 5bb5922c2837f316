using System.Text.Json.Serialization;

namespace McpSecure.Identity.UpstreamTokens;

/// <summary>The RFC 8693 §2.2.1 response: the upstream access token, its type and lifetime.</summary>
internal sealed record TokenExchangeResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("issued_token_type")] string IssuedTokenType,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? ExpiresIn);
