using System.Text.Json;
using McpSecure.Identity.ClientRegistration;

namespace McpSecure.Identity.ClientMetadataDocuments;

/// <summary>
/// The client metadata an https <c>client_id</c> stands for: from the cache, or fetched and checked: the document's
/// <c>client_id</c> must equal the URL exactly, and the rest is held to the rules of dynamic registration
/// (<see cref="ClientMetadataValidator"/>: public client, code flow, https or loopback redirect URIs).
/// </summary>
internal sealed class ClientMetadataDocumentResolver(
    ClientMetadataDocumentFetcher fetcher,
    ClientMetadataDocumentCache cache,
    ClientMetadataValidator validator)
{
    public async Task<ClientMetadata> ResolveAsync(string clientId, CancellationToken cancellationToken)
    {
        var url = ClientIdMetadataDocumentUrl.Parse(clientId);
        if (cache.TryGet(clientId, out var cached))
        {
            return cached!;
        }

        var fetched = await fetcher.FetchAsync(url, cancellationToken);
        var metadata = Validate(clientId, fetched.Document);
        cache.Set(clientId, metadata, fetched.CacheFor);
        return metadata;
    }

    private ClientMetadata Validate(string clientId, JsonElement document)
    {
        if (!document.TryGetProperty(ClientMetadataNames.ClientId, out var declared) || declared.ValueKind != JsonValueKind.String)
        {
            throw new ClientMetadataDocumentException($"The client metadata document '{clientId}' has no 'client_id' string.");
        }
        if (!string.Equals(declared.GetString(), clientId, StringComparison.Ordinal))
        {
            throw new ClientMetadataDocumentException(
                $"The client metadata document '{clientId}' names a different client_id ('{declared.GetString()}'): it must equal the document's URL exactly.");
        }
        if (document.TryGetProperty("client_secret", out _) || document.TryGetProperty("client_secret_expires_at", out _))
        {
            throw new ClientMetadataDocumentException($"The client metadata document '{clientId}' must not contain a client secret.");
        }

        if (document.TryGetProperty(ClientMetadataNames.TokenEndpointAuthMethod, out var method) &&
            (method.ValueKind != JsonValueKind.String || method.GetString() != OpenIddict.Abstractions.OpenIddictConstants.ClientAuthenticationMethods.None))
        {
            throw new ClientMetadataDocumentException(
                $"The client metadata document '{clientId}' must declare '{ClientMetadataNames.TokenEndpointAuthMethod}' 'none' (or leave it out): this server accepts only public clients with PKCE.");
        }

        if (!validator.TryValidate(document, out var metadata, out var error))
        {
            throw new ClientMetadataDocumentException($"The client metadata document '{clientId}' is not acceptable: {error!.ErrorDescription}");
        }
        return metadata!;
    }
}
