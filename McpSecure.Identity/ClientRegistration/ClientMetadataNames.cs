namespace McpSecure.Identity.ClientRegistration;

/// <summary>The RFC 7591 member names the registration request and response use.</summary>
internal static class ClientMetadataNames
{
    public const string RedirectUris = "redirect_uris";
    public const string ClientName = "client_name";
    public const string TokenEndpointAuthMethod = "token_endpoint_auth_method";
    public const string GrantTypes = "grant_types";
    public const string ResponseTypes = "response_types";
    public const string Scope = "scope";
    public const string ClientId = "client_id";
    public const string ClientIdIssuedAt = "client_id_issued_at";
}
