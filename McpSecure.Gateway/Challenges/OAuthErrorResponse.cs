using System.Text.Json.Serialization;

namespace McpSecure.Gateway.Challenges;

/// <summary>The JSON body of every error the gateway answers itself (RFC 6749 §5.2 shape).</summary>
internal sealed record OAuthErrorResponse(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string Description);
