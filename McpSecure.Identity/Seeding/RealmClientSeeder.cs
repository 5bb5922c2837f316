using McpSecure.Identity.Authorization;
using McpSecure.Identity.Configuration;
using McpSecure.Identity.Realm;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace McpSecure.Identity.Seeding;

/// <summary>
/// Stores every enabled realm client as an OpenIddict application with the standard and realm scopes and every
/// <c>Identity:Resources</c> entry as a permitted resource:
/// <list type="bullet">
/// <item>public clients (<c>publicClient: true</c>): no secret, authorization code with PKCE, refresh tokens;</item>
/// <item>confidential clients: their <c>secret</c>, client credentials when <c>serviceAccountsEnabled</c>, and
/// authorization code with PKCE when <c>standardFlowEnabled</c>, and the token exchange for upstream tokens when
/// <c>Identity:Federation:UpstreamTokens:ExchangeClients</c> names them.</item>
/// </list>
/// </summary>
internal sealed partial class RealmClientSeeder(
    IOpenIddictApplicationManager applicationManager,
    IOptions<IdentityProviderOptions> options,
    IOptions<UpstreamTokens.UpstreamTokenOptions> upstreamTokens,
    Federation.FederationMode federation,
    ILogger<RealmClientSeeder> logger)
{
    // Keycloak: "+" means "the same as the redirect URIs"; several URIs are separated by "##".
    private const string PostLogoutRedirectUrisAttribute = "post.logout.redirect.uris";
    private const string SameAsRedirectUris = "+";
    private const string UriListSeparator = "##";

    public async Task SeedAsync(KeycloakRealm realm, CancellationToken cancellationToken)
    {
        foreach (var client in realm.Clients)
        {
            if (string.IsNullOrWhiteSpace(client.ClientId))
            {
                continue;
            }

            if (!client.PublicClient && string.IsNullOrEmpty(client.Secret))
            {
                LogSkippedWithoutSecret(logger, client.ClientId);
                continue;
            }

            var existing = await applicationManager.FindByClientIdAsync(client.ClientId, cancellationToken);
            if (!client.Enabled)
            {
                if (existing is not null)
                {
                    await applicationManager.DeleteAsync(existing, cancellationToken);
                    LogDeletedDisabled(logger, client.ClientId);
                }

                continue;
            }

            var descriptor = Describe(realm, client);
            if (existing is null)
            {
                await applicationManager.CreateAsync(descriptor, cancellationToken);
                LogCreated(logger, descriptor.ClientType, client.ClientId, descriptor.RedirectUris);
            }
            else
            {
                await applicationManager.UpdateAsync(existing, descriptor, cancellationToken);
                LogUpdated(logger, client.ClientId);
            }
        }
    }

    private OpenIddictApplicationDescriptor Describe(KeycloakRealm realm, KeycloakClient client)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = client.ClientId,
            ClientSecret = client.PublicClient ? null : client.Secret,
            DisplayName = string.IsNullOrWhiteSpace(client.Name) ? client.ClientId : client.Name,
            ClientType = client.PublicClient ? ClientTypes.Public : ClientTypes.Confidential,
            ApplicationType = client.PublicClient ? ApplicationTypes.Native : ApplicationTypes.Web,
            // Pre-registered realm clients get implicit consent unless the realm asks for consent.
            ConsentType = client.ConsentRequired ? ConsentTypes.Explicit : ConsentTypes.Implicit,
        };

        if (client.PublicClient || client.StandardFlowEnabled)
        {
            ClientPermissions.AllowInteractiveLogin(descriptor);
        }

        if (!client.PublicClient && client.ServiceAccountsEnabled)
        {
            ClientPermissions.AllowClientCredentials(descriptor);
        }

        ClientPermissions.AllowRealmScopesAndResources(descriptor, realm, options.Value.ResourceIdentifiers);

        // The MCP server's own confidential client, when it may exchange a user's token for their upstream token.
        var exchange = upstreamTokens.Value;
        if (!client.PublicClient && federation.IsEnabled && exchange.Keep &&
            exchange.ExchangeClients.Contains(client.ClientId!, StringComparer.Ordinal))
        {
            ClientPermissions.AllowUpstreamTokenExchange(descriptor, exchange.Audiences);
        }

        var redirectUris = ParseUris(client.ClientId!, client.RedirectUris);
        descriptor.RedirectUris.UnionWith(redirectUris);

        var postLogout = client.Attributes.GetValueOrDefault(PostLogoutRedirectUrisAttribute);
        descriptor.PostLogoutRedirectUris.UnionWith(postLogout switch
        {
            null or "" => [],
            SameAsRedirectUris => redirectUris,
            _ => ParseUris(client.ClientId!, postLogout.Split(UriListSeparator, StringSplitOptions.RemoveEmptyEntries)),
        });

        return descriptor;
    }

    private List<Uri> ParseUris(string clientId, IEnumerable<string> values)
    {
        var uris = new List<Uri>();
        foreach (var value in values)
        {
            // Keycloak also accepts relative URIs and bare "*", which have no meaning without a client base URL.
            if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && string.IsNullOrEmpty(uri.Fragment))
            {
                uris.Add(uri);
            }
            else
            {
                LogIgnoredRedirectUri(logger, value, clientId);
            }
        }

        return uris;
    }

    [LoggerMessage(EventId = 1410, Level = LogLevel.Warning, Message = "Skipped realm client {ClientId}: a confidential client needs a secret")]
    private static partial void LogSkippedWithoutSecret(ILogger logger, string clientId);

    [LoggerMessage(EventId = 1411, Level = LogLevel.Information, Message = "Deleted application {ClientId}: disabled in the realm")]
    private static partial void LogDeletedDisabled(ILogger logger, string clientId);

    [LoggerMessage(EventId = 1412, Level = LogLevel.Information, Message = "Created {ClientType} application {ClientId} with redirect URIs {RedirectUris}")]
    private static partial void LogCreated(ILogger logger, string? clientType, string clientId, IEnumerable<Uri> redirectUris);

    [LoggerMessage(EventId = 1413, Level = LogLevel.Debug, Message = "Updated application {ClientId}")]
    private static partial void LogUpdated(ILogger logger, string clientId);

    [LoggerMessage(EventId = 1414, Level = LogLevel.Warning, Message = "Ignored redirect URI {RedirectUri} of realm client {ClientId}: not an absolute URI")]
    private static partial void LogIgnoredRedirectUri(ILogger logger, string redirectUri, string clientId);
}
