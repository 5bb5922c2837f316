namespace McpSecure.Identity.Realm;

/// <summary>
/// A role scope mapping of a realm export (<c>scopeMappings</c>): a client scope that only users with one of
/// <see cref="Roles"/> may be granted (Keycloak leaves such a scope out of other users' tokens; this provider refuses
/// the request with a message instead, so that a client asking for it does not loop).
/// </summary>
internal sealed class KeycloakScopeMapping
{
    public string? ClientScope { get; init; }
    public List<string> Roles { get; init; } = [];
}
