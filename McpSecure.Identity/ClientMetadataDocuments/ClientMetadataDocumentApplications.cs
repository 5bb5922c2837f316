using System.Text.Json;
using McpSecure.Identity.Authorization;
using McpSecure.Identity.ClientRegistration;
using McpSecure.Identity.Configuration;
using McpSecure.Identity.Realm;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace McpSecure.Identity.ClientMetadataDocuments;

/// <summary>
/// Keeps the OpenIddict application of a metadata-document client in step with its document: created on first use as a
/// public client (PKCE, code and refresh grants, the realm's scopes and resources, systematic consent), its redirect
/// URIs and name replaced whenever the document says otherwise. OpenIddict then validates the request as for any client:
/// redirect URIs compared exactly, scopes, resources, PKCE.
/// </summary>
internal sealed partial class ClientMetadataDocumentApplications(
    IOpenIddictApplicationManager applications,
    RealmFileReader realmFile,
    IOptions<IdentityProviderOptions> identityOptions,
    TimeProvider time,
    ILogger<ClientMetadataDocumentApplications> logger)
{
    public async Task ApplyAsync(string clientId, ClientMetadata metadata, CancellationToken cancellationToken)
    {
        var existing = await applications.FindByClientIdAsync(clientId, cancellationToken);
        if (existing is not null && await IsUpToDateAsync(existing, clientId, metadata, cancellationToken))
        {
            return;
        }

        var descriptor = Describe(clientId, metadata);
        if (existing is null)
        {
            try
            {
                await applications.CreateAsync(descriptor, cancellationToken);
                LogCreated(logger, clientId, metadata.RedirectUris);
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Two first requests at once: the other one created it; update that one instead.
                existing = await applications.FindByClientIdAsync(clientId, cancellationToken);
                if (existing is null)
                {
                    throw;
                }
            }
        }

        await applications.UpdateAsync(existing, descriptor, cancellationToken);
        LogUpdated(logger, clientId, metadata.RedirectUris);
    }

    private async Task<bool> IsUpToDateAsync(object application, string clientId, ClientMetadata metadata, CancellationToken cancellationToken)
    {
        var redirectUris = await applications.GetRedirectUrisAsync(application, cancellationToken);
        var displayName = await applications.GetDisplayNameAsync(application, cancellationToken);
        var properties = await applications.GetPropertiesAsync(application, cancellationToken);
        return properties.ContainsKey(ClientMetadataDocumentMarker.PropertyName)
            && redirectUris.ToHashSet(StringComparer.Ordinal).SetEquals(metadata.RedirectUris.Select(uri => uri.OriginalString))
            && string.Equals(displayName, DisplayName(clientId, metadata), StringComparison.Ordinal);
    }

    private OpenIddictApplicationDescriptor Describe(string clientId, ClientMetadata metadata)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            DisplayName = DisplayName(clientId, metadata),
            ClientType = ClientTypes.Public,
            ApplicationType = ApplicationTypes.Native,
            ConsentType = ConsentTypes.Systematic,
        };
        descriptor.Properties[ClientMetadataDocumentMarker.PropertyName] = JsonSerializer.SerializeToElement(time.GetUtcNow().ToUnixTimeSeconds());
        foreach (var uri in metadata.RedirectUris)
        {
            // The string as the document wrote it: OpenIddict compares redirect URIs ordinally.
            descriptor.RedirectUris.Add(new Uri(uri.OriginalString, UriKind.Absolute));
        }
        ClientPermissions.AllowInteractiveLogin(descriptor);
        ClientPermissions.AllowRealmScopesAndResources(descriptor, realmFile.Realm, identityOptions.Value.ResourceIdentifiers);
        return descriptor;
    }

    /// <summary>The document's <c>client_name</c>, or the host that serves the document.</summary>
    private static string DisplayName(string clientId, ClientMetadata metadata) => metadata.ClientName ?? new Uri(clientId).Host;

    [LoggerMessage(EventId = 1210, Level = LogLevel.Information,
        Message = "Registered the metadata-document client {ClientId} with redirect URIs {RedirectUris}")]
    private static partial void LogCreated(ILogger logger, string clientId, IReadOnlyList<Uri> redirectUris);

    [LoggerMessage(EventId = 1211, Level = LogLevel.Information,
        Message = "Updated the metadata-document client {ClientId} from its document: redirect URIs {RedirectUris}")]
    private static partial void LogUpdated(ILogger logger, string clientId, IReadOnlyList<Uri> redirectUris);
}
