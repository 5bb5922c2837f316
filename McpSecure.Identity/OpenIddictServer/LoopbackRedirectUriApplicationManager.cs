using McpSecure.Identity.ClientMetadataDocuments;
using McpSecure.Identity.Realm;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;

namespace McpSecure.Identity.OpenIddictServer;

/// <summary>
/// The OpenIddict application manager, extended to accept the Keycloak loopback patterns of the realm
/// (<c>http://127.0.0.1/*</c>: any port, any path) as RFC 8252 §7.3 requires for native clients.
/// </summary>
/// <remarks>
/// Why a manager and not an event handler: <see cref="OpenIddictApplicationManager{TApplication}.ValidateRedirectUriAsync"/>
/// and <see cref="OpenIddictApplicationManager{TApplication}.ValidatePostLogoutRedirectUriAsync"/> are the
/// extension points OpenIddict provides for this decision (openiddict-core PR #1506 introduced the latter
/// "to allow tweaking the validation logic"). Every built-in caller goes through them: the authorization
/// endpoint, pushed authorization requests and the end-session endpoint, and the rest of OpenIddict's
/// validation (endpoint, grant type, scope, PKCE, resource checks) stays untouched. Replacing the built-in
/// ValidateClientRedirectUri handler instead would duplicate its logic per endpoint. The token endpoint
/// needs nothing: OpenIddict still requires its redirect_uri to equal the one of the authorization request.
/// Registered patterns that are not loopback fall through to OpenIddict's exact, ordinal comparison.
/// </remarks>
internal sealed class LoopbackRedirectUriApplicationManager<TApplication>(
    IOpenIddictApplicationCache<TApplication> cache,
    ILogger<OpenIddictApplicationManager<TApplication>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictApplicationStore<TApplication> store)
    : OpenIddictApplicationManager<TApplication>(cache, logger, options, store)
    where TApplication : class
{
    public override async ValueTask<bool> ValidateRedirectUriAsync(
        TApplication application, string uri, CancellationToken cancellationToken = default)
    {
        // A client known from its metadata document gets the exact comparison only: its document is not a realm file.
        var properties = await GetPropertiesAsync(application, cancellationToken);
        if (properties.ContainsKey(ClientMetadataDocumentMarker.PropertyName))
        {
            return await base.ValidateRedirectUriAsync(application, uri, cancellationToken);
        }

        var registered = await GetRedirectUrisAsync(application, cancellationToken);
        return MatchesLoopbackPattern(registered, uri)
            || await base.ValidateRedirectUriAsync(application, uri, cancellationToken);
    }

    public override async ValueTask<bool> ValidatePostLogoutRedirectUriAsync(
        TApplication application, string uri, CancellationToken cancellationToken = default)
    {
        var registered = await GetPostLogoutRedirectUrisAsync(application, cancellationToken);
        return MatchesLoopbackPattern(registered, uri)
            || await base.ValidatePostLogoutRedirectUriAsync(application, uri, cancellationToken);
    }

    private static bool MatchesLoopbackPattern(IEnumerable<string> registered, string uri) =>
        registered.Any(pattern => KeycloakRedirectUriPattern.Matches(pattern, uri));
}
