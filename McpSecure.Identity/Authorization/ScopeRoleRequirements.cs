using McpSecure.Identity.Realm;

namespace McpSecure.Identity.Authorization;

/// <summary>
/// Which scopes need which realm role (the realm's <c>scopeMappings</c>): <c>prometheus:admin</c> only for <c>admin</c>,
/// for example. A user who asks for a scope they cannot hold is refused with <c>access_denied</c> and a description
/// naming the scope and the role, rather than given a token without it, which a client would then step up for again.
/// </summary>
internal static class ScopeRoleRequirements
{
    /// <summary>Why <paramref name="username"/> (with <paramref name="roles"/>) may not have <paramref name="scopes"/>, or null when they may.</summary>
    public static string? Refusal(KeycloakRealm realm, IEnumerable<string> scopes, IEnumerable<string> roles, string? username)
    {
        var held = roles.ToHashSet(StringComparer.Ordinal);
        var requested = scopes.ToHashSet(StringComparer.Ordinal);
        var unavailable = realm.ScopeMappings
            .Where(mapping => mapping.ClientScope is { } scope && requested.Contains(scope) && mapping.Roles.Count > 0)
            .GroupBy(mapping => mapping.ClientScope!, StringComparer.Ordinal)
            .Select(group => (Scope: group.Key, Roles: group.SelectMany(mapping => mapping.Roles).Distinct(StringComparer.Ordinal).ToList()))
            .Where(requirement => !requirement.Roles.Any(held.Contains))
            .OrderBy(requirement => requirement.Scope, StringComparer.Ordinal)
            .ToList();
        if (unavailable.Count == 0)
        {
            return null;
        }
        var who = string.IsNullOrEmpty(username) ? "The user" : $"The user '{username}'";
        var reasons = unavailable.Select(requirement =>
            $"the scope {requirement.Scope} requires the role {string.Join(" or ", requirement.Roles)}");
        return $"{who} may not be granted every requested scope: {string.Join("; ", reasons)}. " +
               "Ask for fewer scopes, or ask an administrator for the role.";
    }
}
