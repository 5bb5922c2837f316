namespace McpSecure.Identity.ClientMetadataDocuments;

/// <summary>
/// A client's metadata document cannot be used; the message names the problem and is safe to show to the client's
/// developer (it carries no secret, only the URL and what was wrong with it or its answer).
/// </summary>
internal sealed class ClientMetadataDocumentException(string message, Exception? inner = null) : Exception(message, inner);
