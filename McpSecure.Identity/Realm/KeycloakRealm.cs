namespace McpSecure.Identity.Realm;

/// <summary>
/// The subset of a Keycloak realm export (https://www.keycloak.org/server/importExport) that the
/// development provider understands. Unknown members are ignored.
/// </summary>
internal sealed class KeycloakRealm
{
    public string? Realm { get; init; }
    public string? DisplayName { get; init; }
    public KeycloakRoles? Roles { get; init; }
    public List<KeycloakClientScope> ClientScopes { get; init; } = [];
    public List<KeycloakClient> Clients { get; init; } = [];
    public List<KeycloakUser> Users { get; init; } = [];
    /// <summary>Client scopes tied to realm roles (<c>scopeMappings</c> with a <c>clientScope</c>).</summary>
    public List<KeycloakScopeMapping> ScopeMappings { get; init; } = [];

    /// <summary>The names of the realm's client scopes, those without a name left out.</summary>
    public IEnumerable<string> ClientScopeNames =>
        ClientScopes.Select(scope => scope.Name).Where(name => !string.IsNullOrWhiteSpace(name)).Select(name => name!);
}
