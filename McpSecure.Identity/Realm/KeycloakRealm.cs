namespace McpSecure.Identity.Realm;

// The subset of a Keycloak realm export (https://www.keycloak.org/server/importExport) that the
// development provider understands. Unknown members are ignored.

public sealed class KeycloakRealm
{
    public string? Realm { get; init; }
    public string? DisplayName { get; init; }
    public KeycloakRoles? Roles { get; init; }
    public List<KeycloakClientScope> ClientScopes { get; init; } = [];
    public List<KeycloakClient> Clients { get; init; } = [];
    public List<KeycloakUser> Users { get; init; } = [];
}

public sealed class KeycloakRoles
{
    public List<KeycloakRole> Realm { get; init; } = [];
}

public sealed class KeycloakRole
{
    public string? Name { get; init; }
    public string? Description { get; init; }
}

public sealed class KeycloakClientScope
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
        mapper.Config.GetValueOrDefault("access.token.claim") == "true");
}

public sealed class KeycloakProtocolMapper
{
    public const string AudienceMapper = "oidc-audience-mapper";

    public string? Name { get; init; }
    public string? ProtocolMapper { get; init; }
    public Dictionary<string, string> Config { get; init; } = [];
}

public sealed class KeycloakClient
{
    public string? ClientId { get; init; }
    public string? Name { get; init; }
    public bool Enabled { get; init; } = true;
    public bool PublicClient { get; init; }
    public bool ConsentRequired { get; init; }
    public bool StandardFlowEnabled { get; init; } = true;

    /// <summary>Keycloak's name for the client credentials grant (a service account for the client).</summary>
    public bool ServiceAccountsEnabled { get; init; }

    /// <summary>The secret of a confidential client.</summary>
    public string? Secret { get; init; }

    /// <summary>Scopes granted when the client asks for none (client credentials).</summary>
    public List<string> DefaultClientScopes { get; init; } = [];

    /// <summary>Keycloak syntax: a trailing <c>*</c> is a wildcard, e.g. <c>http://127.0.0.1/*</c>.</summary>
    public List<string> RedirectUris { get; init; } = [];

    public Dictionary<string, string> Attributes { get; init; } = [];
}

public sealed class KeycloakUser
{
    public string? Id { get; init; }
    public string? Username { get; init; }
    public string? Email { get; init; }
    public bool EmailVerified { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public bool Enabled { get; init; } = true;
    public List<KeycloakCredential> Credentials { get; init; } = [];
    public List<string> RealmRoles { get; init; } = [];

    /// <summary>Set on the service-account user of a client: its realm roles go into client credentials tokens.</summary>
    public string? ServiceAccountClientId { get; init; }
}

public sealed class KeycloakCredential
{
    public string? Type { get; init; }
    public string? Value { get; init; }
}
