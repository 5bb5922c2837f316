namespace McpSecure.Identity.UpstreamTokens;

/// <summary>
/// A user's current upstream access token: the kept one while it is fresh (<see cref="UpstreamTokenOptions.RefreshBefore"/>),
/// otherwise refreshed with the kept refresh token and kept again. When the upstream provider refuses the refresh, the
/// kept tokens are deleted (the user must sign in again).
/// </summary>
internal sealed class UpstreamAccessTokens(
    UpstreamTokenStore store,
    IUpstreamTokenRefresher refresher,
    Microsoft.Extensions.Options.IOptions<UpstreamTokenOptions> options,
    TimeProvider time)
{
    private readonly SemaphoreSlim _refreshing = new(1, 1);

    /// <returns>The tokens, or null with <paramref name="problem"/> saying why there are none.</returns>
    public async Task<(UpstreamTokenSet? Tokens, string? Problem)> CurrentAsync(string subject, CancellationToken cancellationToken)
    {
        var kept = await store.FindAsync(subject, cancellationToken);
        if (kept is null)
        {
            return (null, "no upstream token is kept for this user: they must sign in (again) through the upstream provider");
        }
        var margin = options.Value.RefreshBefore;
        if (kept.IsFreshAt(time.GetUtcNow(), margin))
        {
            return (kept, null);
        }

        // One refresh at a time: a rotating upstream refresh token must not be redeemed twice.
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            kept = await store.FindAsync(subject, cancellationToken);
            if (kept is null)
            {
                return (null, "no upstream token is kept for this user: they must sign in (again) through the upstream provider");
            }
            if (kept.IsFreshAt(time.GetUtcNow(), margin))
            {
                return (kept, null);
            }
            if (kept.RefreshToken is null)
            {
                store.Delete(subject);
                return (null, "the kept upstream access token has expired and the upstream provider issued no refresh token: the user must sign in again");
            }
            var refreshed = await refresher.RefreshAsync(kept, cancellationToken);
            if (refreshed is null)
            {
                store.Delete(subject);
                return (null, "the upstream provider refused to refresh the kept upstream token: the user must sign in again");
            }
            await store.SaveAsync(subject, refreshed, cancellationToken);
            return (refreshed, null);
        }
        finally
        {
            _refreshing.Release();
        }
    }
}
