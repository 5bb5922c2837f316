namespace McpSecure.Identity.ClientMetadataDocuments;

/// <summary>
/// The OpenIddict application property that marks a client known from its metadata document (its value is the time
/// the document was last applied, Unix seconds). Such a client is asked for consent on every authorization.
/// </summary>
internal static class ClientMetadataDocumentMarker
{
    public const string PropertyName = "mcpsecure_metadata_document_at";
}
