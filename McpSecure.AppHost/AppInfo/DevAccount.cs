namespace McpSecure.AppHost.AppInfo;

/// <summary>A user of the realm file with its password. Dev only: the password is committed to the repository.</summary>
internal sealed record DevAccount(string Username, string? Password, IReadOnlyList<string> Roles)
{
    /// <summary><c>alice / alice-dev-password (reader)</c>, as the dashboard shows it.</summary>
    public string WithPassword => $"{Username} / {Password ?? "(no password)"} ({RoleList})";

    /// <summary><c>alice (reader)</c>, for places that must not show passwords (logs).</summary>
    public string WithoutPassword => $"{Username} ({RoleList})";

    private string RoleList => Roles.Count == 0 ? "no roles" : string.Join(", ", Roles);
}
