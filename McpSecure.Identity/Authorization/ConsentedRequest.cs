namespace McpSecure.Identity.Authorization;

/// <summary>What a consent answer is about (see <see cref="ConsentRequestBinding"/>).</summary>
/// <param name="Subject">The signed-in user's id.</param>
/// <param name="ClientId">The client's id (a metadata-document URL for such clients).</param>
/// <param name="RedirectUri">The request's redirect URI, where the answer goes.</param>
/// <param name="Scopes">The requested scope set, space-separated (order and duplicates do not matter).</param>
/// <param name="Resources">The requested resources (RFC 8707), space-separated.</param>
internal sealed record ConsentedRequest(string Subject, string ClientId, string RedirectUri, string Scopes, string Resources)
{
    public static ConsentedRequest Create(string subject, string clientId, string? redirectUri, IEnumerable<string> scopes, IEnumerable<string> resources) =>
        new(subject, clientId, redirectUri ?? "", string.Join(' ', scopes), string.Join(' ', resources));

    /// <summary>The same request with its scope and resource sets in one canonical order.</summary>
    public ConsentedRequest Normalised() => this with { Scopes = Canonical(Scopes), Resources = Canonical(Resources) };

    private static string Canonical(string values) =>
        string.Join(' ', values.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
}
