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
}

public sealed class KeycloakClient
{
    public string? ClientId { get; init; }
    public string? Name { get; init; }
    public bool Enabled { get; init; } = true;
    public bool PublicClient { get; init; }
    public bool ConsentRequired { get; init; }

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
}

public sealed class KeycloakCredential
{
    public string? Type { get; init; }
    public string? Value { get; init; }
}
