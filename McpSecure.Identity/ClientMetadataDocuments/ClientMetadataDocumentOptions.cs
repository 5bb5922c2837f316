using McpSecure.Identity.Configuration;

namespace McpSecure.Identity.ClientMetadataDocuments;

/// <summary>
/// Client ID Metadata Documents (draft-ietf-oauth-client-id-metadata-document), section
/// <c>Identity:ClientMetadataDocuments</c>, checked at start-up by <see cref="ClientMetadataDocumentOptionsValidator"/>.
/// </summary>
internal sealed class ClientMetadataDocumentOptions
{
    public const string SectionName = $"{IdentityProviderOptions.SectionName}:ClientMetadataDocuments";

    /// <summary>Whether an https <c>client_id</c> is resolved as a metadata document (and advertised as supported).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Development only: also fetch documents from loopback addresses (127.0.0.0/8, ::1), where a test or a local client
    /// serves its document. Private, link-local and other non-public addresses stay refused.
    /// </summary>
    public bool AllowLoopback { get; set; }

    /// <summary>
    /// Development only (requires <see cref="AllowLoopback"/>): a PEM certificate trusted, besides the system's roots,
    /// for the TLS connection to a document on loopback (a self-signed development certificate).
    /// </summary>
    public string? TrustedDevelopmentCertificatePath { get; set; }

    /// <summary>The largest document accepted, in bytes (the draft suggests 5 KB).</summary>
    public int MaxDocumentBytes { get; set; } = 5 * 1024;

    /// <summary>Time allowed for the whole fetch: connection, TLS, headers and body.</summary>
    public TimeSpan FetchTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a document is reused when its response has no cache headers.</summary>
    public TimeSpan DefaultCacheDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest a document is reused, whatever its cache headers say.</summary>
    public TimeSpan MaxCacheDuration { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How many documents the cache holds at most (the oldest-expiring one makes room).</summary>
    public int MaxCacheEntries { get; set; } = 1000;
}
