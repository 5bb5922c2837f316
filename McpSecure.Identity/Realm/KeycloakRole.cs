namespace McpSecure.Identity.Realm;

/// <summary>A realm role; seeded as an ASP.NET Core Identity role.</summary>
internal sealed class KeycloakRole
{
    public string? Name { get; init; }
    public string? Description { get; init; }
}
