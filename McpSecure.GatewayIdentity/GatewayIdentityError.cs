using System.Text.Json.Serialization;

namespace McpSecure.GatewayIdentity;

/// <summary>The JSON body of a refusal, in the OAuth error shape (<c>error</c>, <c>error_description</c>).</summary>
internal sealed record GatewayIdentityError(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string Description);
