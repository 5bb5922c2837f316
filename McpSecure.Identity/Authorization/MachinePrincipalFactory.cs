using System.Collections.Immutable;
using System.Security.Claims;
using McpSecure.Identity.Realm;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace McpSecure.Identity.Authorization;

/// <summary>
/// The principal of a client credentials token, shaped like Keycloak's service-account tokens: <c>sub</c> and
/// <c>client_id</c> are the client, <c>role</c> holds the realm roles of the realm user whose
/// <c>serviceAccountClientId</c> names the client, <c>scope</c> is what was asked for (or the client's
/// <c>defaultClientScopes</c> when nothing was), and <c>aud</c> follows RFC 8707 like the user flows.
/// </summary>
internal sealed class MachinePrincipalFactory(
    RealmFileReader realmFile,
    ResourceIndicators resourceIndicators,
    IOpenIddictApplicationManager applicationManager)
{
    public async Task<ClaimsPrincipal> CreateAsync(OpenIddictRequest request, CancellationToken cancellationToken)
    {
        var clientId = request.ClientId!;
        var realm = realmFile.Realm;
        var realmClient = realm.Clients.FirstOrDefault(client => client.ClientId == clientId);

        var scopes = request.GetScopes();
        if (scopes.IsDefaultOrEmpty && realmClient is not null)
        {
            var application = await applicationManager.FindByClientIdAsync(clientId, cancellationToken);
            var permitted = new List<string>();
            foreach (var scope in realmClient.DefaultClientScopes)
            {
                if (application is not null &&
                    await applicationManager.HasPermissionAsync(application, Permissions.Prefixes.Scope + scope, cancellationToken))
                {
                    permitted.Add(scope);
                }
            }

            scopes = [.. permitted];
        }

        var roles = realm.Users
            .Where(user => user.ServiceAccountClientId == clientId)
            .SelectMany(user => user.RealmRoles)
            .Distinct(StringComparer.Ordinal)
            .ToImmutableArray();

        // The service account's roles decide which role-bound scopes (realm scopeMappings) the client may have.
        if (ScopeRoleRequirements.Refusal(realm, scopes, roles, clientId) is { } refusal)
        {
            throw new ScopeNotAllowedException(refusal);
        }

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity
            .SetClaim(Claims.Subject, clientId)
            .SetClaim(Claims.Name, realmClient?.Name ?? clientId)
            .SetClaims(Claims.Role, roles);
        identity.SetScopes(scopes);
        identity.SetResources(await resourceIndicators.SelectForAuthorizationAsync(request, scopes, cancellationToken));
        identity.SetDestinations(claim => claim.Type is Claims.Subject or Claims.Name or Claims.Role
            ? [Destinations.AccessToken]
            : []);

        return new ClaimsPrincipal(identity);
    }
}
