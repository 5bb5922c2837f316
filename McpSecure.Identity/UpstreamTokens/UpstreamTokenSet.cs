namespace McpSecure.Identity.UpstreamTokens;

/// <summary>The upstream tokens kept for one user. Never logged; stored only encrypted (<see cref="IUpstreamTokenStore"/>).</summary>
/// <param name="AccessToken">The upstream access token.</param>
/// <param name="ExpiresAt">When it expires, when the upstream provider said so (<c>expires_in</c>).</param>
/// <param name="RefreshToken">The upstream refresh token, when the provider issued one.</param>
internal sealed record UpstreamTokenSet(string AccessToken, DateTimeOffset? ExpiresAt, string? RefreshToken)
{
    /// <summary>Whether the access token is still good for <paramref name="margin"/> at <paramref name="now"/>; unknown expiry counts as good.</summary>
    public bool IsFreshAt(DateTimeOffset now, TimeSpan margin) => ExpiresAt is not { } expires || expires - margin > now;
}
