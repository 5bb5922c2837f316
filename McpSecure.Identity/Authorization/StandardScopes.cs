using McpSecure.Identity.Realm;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace McpSecure.Identity.Authorization;

/// <summary>
/// The OpenID Connect scopes every realm client may request, besides the realm's own client scopes.
/// They carry no resource: they describe the user, not access to a resource server.
/// </summary>
internal static class StandardScopes
{
    public static IReadOnlyDictionary<string, string> Descriptions { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Scopes.OpenId] = "Sign you in with your McpSecure account.",
        [Scopes.Profile] = "Read your name and user name.",
        [Scopes.Email] = "Read your email address.",
        [Scopes.OfflineAccess] = "Keep access while you are away (refresh tokens).",
        [Scopes.Roles] = "Read your roles.",
    };

    public static IEnumerable<string> Names => Descriptions.Keys;

    public static bool Contains(string scope) => Descriptions.ContainsKey(scope);

    /// <summary>Every scope this provider offers: the standard scopes, then the realm's client scopes (once each).</summary>
    public static IReadOnlyList<string> WithRealmScopes(KeycloakRealm realm) =>
        Names.Concat(realm.ClientScopeNames).Distinct(StringComparer.Ordinal).ToList();
}
