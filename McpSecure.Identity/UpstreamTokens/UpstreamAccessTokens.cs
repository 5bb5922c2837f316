namespace McpSecure.Identity.UpstreamTokens;

/// <summary>
/// A user's current upstream access token: the kept one while it is fresh (<see cref="UpstreamTokenOptions.RefreshBefore"/>),
/// otherwise refreshed with the kept refresh token and kept again. When the upstream provider refuses the refresh, the
/// kept tokens are deleted (the user must sign in again). Refreshes of one user run one at a time (across replicas with
/// PostgreSQL storage), and their result replaces the kept tokens only if nothing newer was kept meanwhile.
/// </summary>
internal sealed class UpstreamAccessTokens(
    IUpstreamTokenStore store,
    IUpstreamTokenRefresher refresher,
    Microsoft.Extensions.Options.IOptions<UpstreamTokenOptions> options,
    TimeProvider time)
{
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
        await using (await store.LockForRefreshAsync(subject, cancellationToken))
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
                if (await store.ReplaceAsync(subject, kept, null, cancellationToken))
                {
                    return (null, "the kept upstream access token has expired and the upstream provider issued no refresh token: the user must sign in again");
                }
                return await NewerAsync(subject, cancellationToken);
            }
            var refreshed = await refresher.RefreshAsync(kept, cancellationToken);
            if (await store.ReplaceAsync(subject, kept, refreshed, cancellationToken))
            {
                return refreshed is null
                    ? (null, "the upstream provider refused to refresh the kept upstream token: the user must sign in again")
                    : (refreshed, null);
            }

            return await NewerAsync(subject, cancellationToken);
        }
    }

    /// <summary>A sign-in (or a replica without the lock) kept newer tokens while the refresh ran: those stay, and are the current ones.</summary>
    private async Task<(UpstreamTokenSet? Tokens, string? Problem)> NewerAsync(string subject, CancellationToken cancellationToken) =>
        await store.FindAsync(subject, cancellationToken) is { } current
            ? (current, null)
            : (null, "no upstream token is kept for this user: they must sign in (again) through the upstream provider");
}
