namespace McpSecure.Identity.Federation;

/// <summary>
/// Upstream claim names, section <c>Identity:Federation:Claims</c>. The defaults are the OpenID Connect standard
/// names; Entra ID users set <c>Subject</c> to <c>oid</c>, Keycloak users with a group mapper <c>Roles:0</c> to <c>groups</c>.
/// </summary>
internal sealed class FederationClaimOptions
{
    /// <summary>The claim that identifies the user (the local subject, <c>sub</c> in our tokens).</summary>
    public string Subject { get; set; } = "sub";

    public string Name { get; set; } = "name";

    /// <summary>Becomes <c>preferred_username</c>; falls back to the subject.</summary>
    public string Username { get; set; } = "preferred_username";

    public string Email { get; set; } = "email";

    /// <summary>Claims whose values are mapped to realm roles (see <see cref="FederationOptions.RoleMap"/>).</summary>
    public List<string> Roles { get; set; } = [];

    public IReadOnlyList<string> EffectiveRoles => Roles.Count > 0 ? Roles : ["roles", "groups"];
}
