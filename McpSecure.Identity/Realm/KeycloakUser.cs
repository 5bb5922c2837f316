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

    /// <summary>Set on the service-account user of a client: its realm roles go into client credentials tokens.</summary>
    public string? ServiceAccountClientId { get; init; }
}
