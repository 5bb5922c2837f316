using Microsoft.Extensions.Options;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace McpSecure.Identity.ClientMetadataDocuments;

/// <summary>
/// <c>client_id_metadata_document_supported: true</c> in the discovery documents (draft-ietf-oauth-client-id-metadata-document
/// §4; MCP clients use a metadata-document client id only where it is advertised).
/// </summary>
internal sealed class AdvertiseClientMetadataDocuments(IOptions<ClientMetadataDocumentOptions> options)
    : IOpenIddictServerHandler<HandleConfigurationRequestContext>
{
    public const string SupportedMetadata = "client_id_metadata_document_supported";

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleConfigurationRequestContext>()
            .UseSingletonHandler<AdvertiseClientMetadataDocuments>()
            .SetOrder(OpenIddictServerHandlers.Discovery.AttachAdditionalMetadata.Descriptor.Order + 1_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(HandleConfigurationRequestContext context)
    {
        if (options.Value.Enabled)
        {
            context.Metadata[SupportedMetadata] = true;
        }
        return ValueTask.CompletedTask;
    }
}
