using System.Text.Json;

namespace McpSecure.Identity.ClientMetadataDocuments;

/// <summary>A metadata document as fetched: its JSON and how long its HTTP cache headers let it be reused.</summary>
/// <param name="Document">The document's root element (a detached clone).</param>
/// <param name="CacheFor">Zero when it must not be cached (<c>no-store</c>, <c>no-cache</c>, <c>max-age=0</c>).</param>
internal sealed record FetchedClientMetadataDocument(JsonElement Document, TimeSpan CacheFor);
