namespace McpSecure.Identity.Authorization;

/// <summary>What the login and consent pages show about the authorization request that sent the user there.</summary>
/// <param name="ClientName">The client's display name (its id when it has none).</param>
/// <param name="IsSelfRegistered">The client registered itself (RFC 7591): nobody vouches for its name.</param>
/// <param name="MetadataDocumentUrl">The client's metadata document (its client id), when it is known from one: the page names its host.</param>
/// <param name="RedirectUri">Where the browser goes with the answer (the request's <c>redirect_uri</c>).</param>
/// <param name="Scopes">The requested scopes, once each, in request order.</param>
/// <param name="Resources">The requested resource indicators (RFC 8707).</param>
/// <param name="Parameters">The request's parameters, which the consent page posts back to the authorization endpoint.</param>
internal sealed record PendingAuthorization(
    string ClientName,
    bool IsSelfRegistered,
    Uri? MetadataDocumentUrl,
    string? RedirectUri,
    IReadOnlyList<RequestedScope> Scopes,
    IReadOnlyList<string> Resources,
    IReadOnlyList<KeyValuePair<string, string>> Parameters);
