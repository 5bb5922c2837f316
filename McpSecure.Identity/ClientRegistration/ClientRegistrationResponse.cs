using System.Text.Json.Serialization;

namespace McpSecure.Identity.ClientRegistration;

/// <summary>The 201 answer of a successful registration (RFC 7591 §3.2.1): the client as it was registered.</summary>
internal sealed record ClientRegistrationResponse(
    [property: JsonPropertyName(ClientMetadataNames.ClientId)] string ClientId,
    [property: JsonPropertyName(ClientMetadataNames.ClientIdIssuedAt)] long ClientIdIssuedAt,
    [property: JsonPropertyName(ClientMetadataNames.ClientName)] string ClientName,
    [property: JsonPropertyName(ClientMetadataNames.RedirectUris)] IReadOnlyList<string> RedirectUris,
    [property: JsonPropertyName(ClientMetadataNames.GrantTypes)] IReadOnlyList<string> GrantTypes,
    [property: JsonPropertyName(ClientMetadataNames.ResponseTypes)] IReadOnlyList<string> ResponseTypes,
    [property: JsonPropertyName(ClientMetadataNames.TokenEndpointAuthMethod)] string TokenEndpointAuthMethod,
    [property: JsonPropertyName(ClientMetadataNames.Scope)] string Scope);
