namespace McpSecure.Identity.Realm;

/// <summary>A realm user; seeded as an ASP.NET Core Identity user, or read at token time for a service account.</summary>
internal sealed class KeycloakUser
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

    /// <summary>
    /// Keycloak user attributes (name → values). <see cref="TenantAttribute"/> becomes the <c>tenant</c> claim of the
    /// user's access tokens (as a Keycloak user-attribute mapper would); other attributes are ignored.
    /// </summary>
    public Dictionary<string, List<string>> Attributes { get; init; } = [];

    /// <summary>The attribute that names the user's tenant (data per tenant).</summary>
    public const string TenantAttribute = "tenant";

    /// <summary>Set on the service-account user of a client: its realm roles go into client credentials tokens.</summary>
    public string? ServiceAccountClientId { get; init; }
}
