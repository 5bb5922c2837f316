namespace McpSecure.Identity.UpstreamTokens;

/// <summary>Redeems an upstream refresh token at the upstream provider's token endpoint.</summary>
internal interface IUpstreamTokenRefresher
{
    /// <returns>The new tokens (the old refresh token kept when the provider did not rotate it), or null when refused.</returns>
    Task<UpstreamTokenSet?> RefreshAsync(UpstreamTokenSet current, CancellationToken cancellationToken);
}
