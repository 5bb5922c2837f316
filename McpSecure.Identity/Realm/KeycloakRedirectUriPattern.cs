namespace McpSecure.Identity.Realm;

/// <summary>
/// Matches a redirect URI against a Keycloak-style registered pattern, for loopback hosts only.
/// </summary>
/// <remarks>
/// RFC 8252 §7.3: a native app listens on an ephemeral loopback port, so the authorization server must
/// accept any port for a loopback redirect URI. Keycloak realms express this as <c>http://127.0.0.1/*</c>
/// (any port, any path). This matcher honours such patterns only when the registered host is a loopback
/// address; the requested URI must then use the same scheme and the same host spelling (127.0.0.1,
/// localhost and [::1] are distinct), any port when the pattern names none, a path under the pattern's
/// prefix, and no user info or fragment. Patterns on any other host are never expanded: for them
/// OpenIddict's exact comparison applies.
/// </remarks>
internal static class KeycloakRedirectUriPattern
{
    private const char Wildcard = '*';

    /// <summary>Whether <paramref name="registered"/> is a loopback pattern this matcher understands.</summary>
    public static bool IsLoopbackPattern(string registered) => TryParse(registered, out _, out _);

    public static bool Matches(string registered, string requested)
    {
        if (!TryParse(registered, out var pattern, out var pathPrefix) ||
            !Uri.TryCreate(requested, UriKind.Absolute, out var candidate))
        {
            return false;
        }

        if (!string.Equals(candidate.Scheme, pattern.Scheme, StringComparison.OrdinalIgnoreCase) ||
            !string.Equals(candidate.Host, pattern.Host, StringComparison.OrdinalIgnoreCase) ||
            !string.IsNullOrEmpty(candidate.UserInfo) ||
            !string.IsNullOrEmpty(candidate.Fragment))
        {
            return false;
        }

        // A pattern without an explicit port accepts any port (RFC 8252 §7.3); an explicit port must match.
        if (!pattern.IsDefaultPort && candidate.Port != pattern.Port)
        {
            return false;
        }

        return pathPrefix is null
            ? string.Equals(candidate.AbsolutePath, pattern.AbsolutePath, StringComparison.Ordinal)
            : candidate.AbsolutePath.StartsWith(pathPrefix, StringComparison.Ordinal);
    }

    /// <param name="pathPrefix">The path before a trailing <c>*</c>, or null when the pattern's path is exact.</param>
    private static bool TryParse(string registered, out Uri pattern, out string? pathPrefix)
    {
        pathPrefix = null;
        if (!Uri.TryCreate(registered, UriKind.Absolute, out pattern!) ||
            (pattern.Scheme != Uri.UriSchemeHttp && pattern.Scheme != Uri.UriSchemeHttps) ||
            !pattern.IsLoopback ||
            !string.IsNullOrEmpty(pattern.UserInfo) ||
            !string.IsNullOrEmpty(pattern.Query) ||
            !string.IsNullOrEmpty(pattern.Fragment))
        {
            return false;
        }

        var path = pattern.AbsolutePath;
        var wildcard = path.IndexOf(Wildcard);
        if (wildcard >= 0)
        {
            // Only a single trailing wildcard is meaningful ("/*", "/callback/*").
            if (wildcard != path.Length - 1)
            {
                return false;
            }

            pathPrefix = path[..wildcard];
        }

        // An exact loopback URI with an explicit port is left to OpenIddict's exact comparison.
        return pathPrefix is not null || pattern.IsDefaultPort;
    }
}
