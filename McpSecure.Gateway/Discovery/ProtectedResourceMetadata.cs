using System.Text.Json.Serialization;

namespace McpSecure.Gateway.Discovery;

/// <summary>The RFC 9728 §2 document: which authorization server issues tokens for this resource.</summary>
internal sealed record ProtectedResourceMetadata(
    [property: JsonPropertyName("resource")] string Resource,
    [property: JsonPropertyName("authorization_servers")] string[] AuthorizationServers,
    [property: JsonPropertyName("scopes_supported")] string[] ScopesSupported,
    [property: JsonPropertyName("bearer_methods_supported")] string[] BearerMethodsSupported,
    [property: JsonPropertyName("resource_name")] string ResourceName);
