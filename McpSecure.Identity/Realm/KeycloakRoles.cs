namespace McpSecure.Identity.Realm;

/// <summary>The <c>roles</c> member of a realm export; only the realm roles are read.</summary>
internal sealed class KeycloakRoles
{
    public List<KeycloakRole> Realm { get; init; } = [];
}
