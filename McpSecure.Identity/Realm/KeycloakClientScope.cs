namespace McpSecure.Identity.Realm;

/// <summary>A realm client scope; seeded as an OpenIddict scope.</summary>
internal sealed class KeycloakClientScope
{
    public string? Name { get; init; }
    public string? Description { get; init; }
    public string? Protocol { get; init; }
    public Dictionary<string, string> Attributes { get; init; } = [];
    public List<KeycloakProtocolMapper> ProtocolMappers { get; init; } = [];

    /// <summary>
    /// Whether tokens with this scope are meant for the MCP resource: Keycloak adds the audience through the
    /// scope's <c>oidc-audience-mapper</c>; the embedded provider gives such a scope <c>Identity:Resources</c>.
    /// </summary>
    public bool AddsAudience => ProtocolMappers.Any(mapper =>
        mapper.ProtocolMapper == KeycloakProtocolMapper.AudienceMapper &&
        mapper.Config.GetValueOrDefault(KeycloakProtocolMapper.AccessTokenClaimSetting) == "true");
}
