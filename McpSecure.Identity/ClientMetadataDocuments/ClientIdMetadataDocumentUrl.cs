namespace McpSecure.Identity.ClientMetadataDocuments;

/// <summary>
/// Which <c>client_id</c> values name a metadata document (draft-ietf-oauth-client-id-metadata-document §3): an https
/// URL with a path, without fragment, user information or dot segments. Anything not starting with <c>https://</c> is
/// an ordinary client id.
/// </summary>
internal static class ClientIdMetadataDocumentUrl
{
    /// <summary>OpenIddict's stores keep client ids in a column of this size.</summary>
    public const int MaxLength = 100;

    public static bool IsCandidate(string? clientId) =>
        clientId is not null && clientId.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>The URL to fetch, or an exception naming why <paramref name="clientId"/> is not a valid document URL.</summary>
    public static Uri Parse(string clientId)
    {
        if (clientId.Length > MaxLength)
        {
            throw new ClientMetadataDocumentException(
                $"The client_id URL is {clientId.Length} characters long; this server accepts metadata document URLs of at most {MaxLength}.");
        }

        if (!Uri.TryCreate(clientId, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps)
        {
            throw new ClientMetadataDocumentException($"The client_id '{clientId}' is not a valid https URL.");
        }

        if (url.UserInfo.Length > 0 || url.Fragment.Length > 0 || clientId.Contains('#'))
        {
            throw new ClientMetadataDocumentException($"The client_id URL '{clientId}' must not contain user information or a fragment.");
        }

        if (url.AbsolutePath is "/" or "")
        {
            throw new ClientMetadataDocumentException($"The client_id URL '{clientId}' must have a path (a document, not the root of a host).");
        }

        var rawPath = clientId[(clientId.IndexOf("//", StringComparison.Ordinal) + 2)..];
        var segments = rawPath.Split('?')[0].Split('/');
        if (segments.Any(segment => segment is "." or ".."))
        {
            throw new ClientMetadataDocumentException($"The client_id URL '{clientId}' must not contain '.' or '..' path segments.");
        }

        return url;
    }
}
