using McpSecure.Identity.Realm;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace McpSecure.Identity.Authorization;

/// <summary>The OpenIddict permissions of the kinds of client this provider knows, in one place.</summary>
internal static class ClientPermissions
{
    /// <summary>A client that signs users in: authorization code (PKCE required) and refresh tokens.</summary>
    public static void AllowInteractiveLogin(OpenIddictApplicationDescriptor descriptor)
    {
        descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
        descriptor.Permissions.UnionWith(
        [
            Permissions.Endpoints.Authorization,
            Permissions.Endpoints.Token,
            Permissions.Endpoints.EndSession,
            Permissions.Endpoints.Revocation,
            Permissions.GrantTypes.AuthorizationCode,
            Permissions.GrantTypes.RefreshToken,
            Permissions.ResponseTypes.Code,
        ]);
    }

    /// <summary>A machine client: client credentials at the token endpoint, introspection and revocation.</summary>
    public static void AllowClientCredentials(OpenIddictApplicationDescriptor descriptor)
    {
        descriptor.Permissions.UnionWith(
        [
            Permissions.Endpoints.Token,
            Permissions.Endpoints.Introspection,
            Permissions.Endpoints.Revocation,
            Permissions.GrantTypes.ClientCredentials,
        ]);
    }

    /// <summary>A confidential client that exchanges a user's token for their upstream token (RFC 8693), for these audiences.</summary>
    public static void AllowUpstreamTokenExchange(OpenIddictApplicationDescriptor descriptor, IEnumerable<string> audiences)
    {
        descriptor.Permissions.UnionWith([Permissions.Endpoints.Token, Permissions.GrantTypes.TokenExchange]);
        foreach (var audience in audiences)
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Audience + audience);
        }
    }

    /// <summary>The standard OpenID scopes, every realm client scope, and every configured resource (RFC 8707).</summary>
    public static void AllowRealmScopesAndResources(
        OpenIddictApplicationDescriptor descriptor, KeycloakRealm realm, IEnumerable<string> resources)
    {
        foreach (var scope in StandardScopes.WithRealmScopes(realm))
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }

        foreach (var resource in resources)
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Resource + resource);
        }
    }
}
