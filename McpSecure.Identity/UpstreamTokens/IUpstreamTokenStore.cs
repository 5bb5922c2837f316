namespace McpSecure.Identity.UpstreamTokens;

/// <summary>
/// Where the users' upstream tokens are kept, encrypted, keyed by the SHA-256 of the local subject: one file per user
/// under the data folder (<see cref="FileUpstreamTokenStore"/>, the single-replica default) or one row per user in the
/// identity store's PostgreSQL database (<see cref="DatabaseUpstreamTokenStore"/>), which every replica shares.
/// </summary>
internal interface IUpstreamTokenStore
{
    /// <summary>Keeps <paramref name="tokens"/> for the subject, replacing what was kept (a sign-in).</summary>
    Task SaveAsync(string subject, UpstreamTokenSet tokens, CancellationToken cancellationToken);

    /// <returns>The user's tokens, or null when none are kept (or they cannot be decrypted: they are then deleted).</returns>
    Task<UpstreamTokenSet?> FindAsync(string subject, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the kept tokens with <paramref name="replacement"/> (null: deletes them) only while they are still
    /// <paramref name="expected"/>: a refresh that raced with a sign-in or another replica's refresh never overwrites the
    /// newer tokens (and their newer refresh token).
    /// </summary>
    /// <returns>Whether the kept tokens were still <paramref name="expected"/> and were replaced.</returns>
    Task<bool> ReplaceAsync(string subject, UpstreamTokenSet expected, UpstreamTokenSet? replacement, CancellationToken cancellationToken);

    /// <returns>Whether tokens were kept for the subject (they are now gone).</returns>
    Task<bool> DeleteAsync(string subject, CancellationToken cancellationToken);

    /// <summary>
    /// Holds the subject's refresh lock until disposed: one refresh at a time per user, so that a rotating upstream refresh
    /// token is not redeemed twice (in this process; with PostgreSQL, across all replicas).
    /// </summary>
    Task<IAsyncDisposable> LockForRefreshAsync(string subject, CancellationToken cancellationToken);
}
