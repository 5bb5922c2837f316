using System.Collections.Immutable;
using System.Security.Claims;
using McpSecure.Identity.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace McpSecure.Identity.Authorization;

/// <summary>
/// Builds the principal OpenIddict turns into tokens, and decides which claim goes into which token.
/// </summary>
/// <remarks>
/// Access token: <c>sub</c>, <c>name</c>, <c>preferred_username</c>, <c>email</c>, <c>role</c> (realm roles) and
/// <c>tenant</c> (the realm user attribute, for data per tenant) always, as Keycloak's default client scopes would; OpenIddict adds <c>iss</c>, <c>aud</c>, <c>scope</c>,
/// <c>client_id</c>, <c>exp</c>, <c>iat</c>, <c>jti</c>. Identity token: only what the granted OpenID scopes allow.
/// </remarks>
internal sealed class TokenPrincipalFactory(UserManager<AccountUser> userManager)
{
    /// <summary>The caller's tenant, from the realm user attribute of that name (see <c>KeycloakUser.TenantAttribute</c>).</summary>
    public const string TenantClaim = "tenant";

    /// <summary>Authorization endpoint: a new principal for <paramref name="user"/> with the granted scopes.</summary>
    public async Task<ClaimsPrincipal> CreateAsync(AccountUser user, ImmutableArray<string> scopes)
    {
        var identity = NewIdentity([]);
        await SetUserClaimsAsync(identity, user);
        identity.SetScopes(scopes);
        identity.SetDestinations(claim => DestinationsOf(claim, scopes));
        return new ClaimsPrincipal(identity);
    }

    /// <summary>
    /// Token endpoint: the principal stored in the authorization code or refresh token (scopes, resources,
    /// authorization id, ...) with the user claims refreshed from the store, so role changes apply on refresh.
    /// </summary>
    public async Task<ClaimsPrincipal> RefreshAsync(ClaimsPrincipal issued, AccountUser user)
    {
        var identity = NewIdentity(issued.Claims);
        await SetUserClaimsAsync(identity, user);
        var scopes = identity.GetScopes();
        identity.SetDestinations(claim => DestinationsOf(claim, scopes));
        return new ClaimsPrincipal(identity);
    }

    private static ClaimsIdentity NewIdentity(IEnumerable<Claim> claims) =>
        new(claims, TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);

    private async Task SetUserClaimsAsync(ClaimsIdentity identity, AccountUser user)
    {
        var roles = await userManager.GetRolesAsync(user);
        var tenants = (await userManager.GetClaimsAsync(user)).Where(c => c.Type == TenantClaim).Select(c => c.Value).ToArray();

        identity
            .SetClaim(Claims.Subject, user.Id)
            .SetClaim(Claims.Name, user.DisplayName)
            .SetClaim(Claims.PreferredUsername, user.UserName)
            .SetClaim(Claims.GivenName, user.FirstName)
            .SetClaim(Claims.FamilyName, user.LastName)
            .SetClaim(Claims.Email, user.Email)
            .SetClaim(Claims.EmailVerified, user.EmailConfirmed)
            .SetClaims(Claims.Role, [.. roles])
            .SetClaims(TenantClaim, [.. tenants]);
    }

    private static IEnumerable<string> DestinationsOf(Claim claim, ImmutableArray<string> scopes)
    {
        string[] accessOnly = [Destinations.AccessToken];
        string[] accessAndIdentity = [Destinations.AccessToken, Destinations.IdentityToken];
        string[] identityOnly = [Destinations.IdentityToken];

        return claim.Type switch
        {
            Claims.Subject => accessAndIdentity,
            Claims.Name or Claims.PreferredUsername => scopes.Contains(Scopes.Profile) ? accessAndIdentity : accessOnly,
            Claims.GivenName or Claims.FamilyName => scopes.Contains(Scopes.Profile) ? identityOnly : [],
            Claims.Email => scopes.Contains(Scopes.Email) ? accessAndIdentity : accessOnly,
            Claims.EmailVerified => scopes.Contains(Scopes.Email) ? identityOnly : [],
            Claims.Role => scopes.Contains(Scopes.Roles) ? accessAndIdentity : accessOnly,
            TenantClaim => accessOnly,
            // Anything else (OpenIddict's private claims included) stays out of the tokens' payload.
            _ => [],
        };
    }
}
