using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using McpSecure.Identity.Data;
using McpSecure.Identity.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace McpSecure.Identity.UpstreamTokens;

/// <summary>
/// Several replicas: the users' upstream tokens are rows of the identity store's <c>UpstreamTokens</c> table (created with
/// the other tables), keyed by the SHA-256 of the subject and sealed by <see cref="UpstreamTokenSealing"/> with the Data
/// Protection keys the replicas share; so a token kept at sign-in on one replica is exchanged on any other.
/// Every write is one statement; a refresh's write is conditional on the row's <see cref="KeptUpstreamToken.Version"/>,
/// and refreshes of one user run one at a time across replicas under a PostgreSQL advisory lock per user.
/// </summary>
internal sealed class DatabaseUpstreamTokenStore(
    IServiceScopeFactory scopeFactory,
    IDataProtectionProvider dataProtection,
    IOptions<IdentityStorageOptions> storageOptions,
    TimeProvider timeProvider,
    ILogger<DatabaseUpstreamTokenStore> logger) : IUpstreamTokenStore
{
    private readonly UpstreamTokenSealing _sealing = new(dataProtection);
    private readonly InProcessRefreshLock _inProcessLock = new();

    public async Task SaveAsync(string subject, UpstreamTokenSet tokens, CancellationToken cancellationToken)
    {
        var key = UpstreamTokenSealing.KeyOf(subject);
        var payload = _sealing.Seal(subject, tokens);
        await using var scope = scopeFactory.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<IdentityStoreDbContext>();
        // Update in place, else insert; an insert that loses to another replica's insert of the same user updates instead.
        for (var attempt = 0; ; attempt++)
        {
            if (await UpdateAsync(database, key, version: null, payload, cancellationToken) == 1)
            {
                break;
            }
            database.UpstreamTokens.Add(new KeptUpstreamToken { SubjectHash = key, Payload = payload, Version = 1, UpdatedAt = timeProvider.GetUtcNow() });
            try
            {
                await database.SaveChangesAsync(cancellationToken);
                break;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                database.ChangeTracker.Clear();
            }
        }
        UpstreamTokenStoreLog.Saved(logger, subject, tokens.ExpiresAt, tokens.RefreshToken is not null);
    }

    public async Task<UpstreamTokenSet?> FindAsync(string subject, CancellationToken cancellationToken) =>
        (await FindRowAsync(subject, cancellationToken)).Tokens;

    public async Task<bool> ReplaceAsync(string subject, UpstreamTokenSet expected, UpstreamTokenSet? replacement, CancellationToken cancellationToken)
    {
        var (tokens, version) = await FindRowAsync(subject, cancellationToken);
        var replaced = false;
        if (tokens == expected)
        {
            var key = UpstreamTokenSealing.KeyOf(subject);
            await using var scope = scopeFactory.CreateAsyncScope();
            var database = scope.ServiceProvider.GetRequiredService<IdentityStoreDbContext>();
            replaced = replacement is null
                ? await database.UpstreamTokens.Where(row => row.SubjectHash == key && row.Version == version).ExecuteDeleteAsync(cancellationToken) == 1
                : await UpdateAsync(database, key, version, _sealing.Seal(subject, replacement), cancellationToken) == 1;
        }
        if (!replaced)
        {
            UpstreamTokenStoreLog.ChangedMeanwhile(logger, subject);
        }
        else if (replacement is null)
        {
            UpstreamTokenStoreLog.Deleted(logger, subject);
        }
        else
        {
            UpstreamTokenStoreLog.Saved(logger, subject, replacement.ExpiresAt, replacement.RefreshToken is not null);
        }
        return replaced;
    }

    public async Task<bool> DeleteAsync(string subject, CancellationToken cancellationToken)
    {
        var key = UpstreamTokenSealing.KeyOf(subject);
        await using var scope = scopeFactory.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<IdentityStoreDbContext>();
        var deleted = await database.UpstreamTokens.Where(row => row.SubjectHash == key).ExecuteDeleteAsync(cancellationToken) > 0;
        if (deleted)
        {
            UpstreamTokenStoreLog.Deleted(logger, subject);
        }
        return deleted;
    }

    /// <summary>PostgreSQL: a session advisory lock per user on its own connection (every replica waits on it); SQLite: this process.</summary>
    public async Task<IAsyncDisposable> LockForRefreshAsync(string subject, CancellationToken cancellationToken) =>
        storageOptions.Value.IsPostgreSql
            ? await IdentityStoreLock.AcquireAsync(storageOptions.Value, RefreshLockId(subject), cancellationToken, timeProvider)
            : await _inProcessLock.AcquireAsync(cancellationToken);

    /// <summary>The advisory lock of one user's refresh: 64 bits of a hash of the subject, under a purpose of its own.</summary>
    public static long RefreshLockId(string subject) =>
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes("McpSecure.Identity.UpstreamTokens.Refresh\n" + subject)));

    private async Task<(UpstreamTokenSet? Tokens, long Version)> FindRowAsync(string subject, CancellationToken cancellationToken)
    {
        var key = UpstreamTokenSealing.KeyOf(subject);
        await using var scope = scopeFactory.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<IdentityStoreDbContext>();
        var row = await database.UpstreamTokens.AsNoTracking().SingleOrDefaultAsync(stored => stored.SubjectHash == key, cancellationToken);
        if (row is null)
        {
            return (null, 0);
        }
        if (_sealing.Unseal(subject, row.Payload, out var error) is { } tokens)
        {
            return (tokens, row.Version);
        }
        UpstreamTokenStoreLog.Unreadable(logger, subject, error!);
        await database.UpstreamTokens.Where(stored => stored.SubjectHash == key && stored.Version == row.Version).ExecuteDeleteAsync(cancellationToken);
        return (null, 0);
    }

    /// <summary>One UPDATE of the payload, bumping the version; with <paramref name="version"/>, only of that version.</summary>
    private Task<int> UpdateAsync(IdentityStoreDbContext database, string key, long? version, byte[] payload, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        return database.UpstreamTokens
            .Where(row => row.SubjectHash == key && (version == null || row.Version == version))
            .ExecuteUpdateAsync(set => set
                .SetProperty(row => row.Payload, payload)
                .SetProperty(row => row.Version, row => row.Version + 1)
                .SetProperty(row => row.UpdatedAt, now), cancellationToken);
    }
}
