using McpSecure.Identity.Configuration;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace McpSecure.Identity.UpstreamTokens;

/// <summary>
/// The users' upstream tokens, one file per user in <c>{DataPath}/upstream-tokens/</c>, named by the SHA-256 of the
/// local subject (no user name on disk) and encrypted by <see cref="UpstreamTokenSealing"/>: a file copied to another
/// user's name does not decrypt. The single-replica default (SQLite storage); with PostgreSQL storage the replicas share
/// <see cref="DatabaseUpstreamTokenStore"/> instead.
/// </summary>
internal sealed class FileUpstreamTokenStore : IUpstreamTokenStore
{
    private readonly UpstreamTokenSealing _sealing;
    private readonly string _folder;
    private readonly ILogger<FileUpstreamTokenStore> _logger;
    private readonly InProcessRefreshLock _refreshLock = new();

    public FileUpstreamTokenStore(IDataProtectionProvider dataProtection, IOptions<IdentityProviderOptions> options, ILogger<FileUpstreamTokenStore> logger)
        : this(dataProtection, Path.Combine(options.Value.DataDirectory, "upstream-tokens"), logger)
    {
    }

    public FileUpstreamTokenStore(IDataProtectionProvider dataProtection, string folder, ILogger<FileUpstreamTokenStore> logger)
    {
        _sealing = new UpstreamTokenSealing(dataProtection);
        _folder = folder;
        _logger = logger;
    }

    public async Task SaveAsync(string subject, UpstreamTokenSet tokens, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_folder);
        var sealedBytes = _sealing.Seal(subject, tokens);
        var path = PathOf(subject);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllBytesAsync(temporary, sealedBytes, cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        File.Move(temporary, path, overwrite: true);
        UpstreamTokenStoreLog.Saved(_logger, subject, tokens.ExpiresAt, tokens.RefreshToken is not null);
    }

    public async Task<UpstreamTokenSet?> FindAsync(string subject, CancellationToken cancellationToken)
    {
        byte[] sealedBytes;
        try
        {
            sealedBytes = await File.ReadAllBytesAsync(PathOf(subject), cancellationToken);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        if (_sealing.Unseal(subject, sealedBytes, out var error) is { } tokens)
        {
            return tokens;
        }
        UpstreamTokenStoreLog.Unreadable(_logger, subject, error!);
        Delete(subject);
        return null;
    }

    /// <summary>Compare, then write: one process owns the folder, and refreshes run under <see cref="LockForRefreshAsync"/>.</summary>
    public async Task<bool> ReplaceAsync(string subject, UpstreamTokenSet expected, UpstreamTokenSet? replacement, CancellationToken cancellationToken)
    {
        if (await FindAsync(subject, cancellationToken) != expected)
        {
            UpstreamTokenStoreLog.ChangedMeanwhile(_logger, subject);
            return false;
        }
        if (replacement is null)
        {
            Delete(subject);
        }
        else
        {
            await SaveAsync(subject, replacement, cancellationToken);
        }
        return true;
    }

    public Task<bool> DeleteAsync(string subject, CancellationToken cancellationToken) => Task.FromResult(Delete(subject));

    public Task<IAsyncDisposable> LockForRefreshAsync(string subject, CancellationToken cancellationToken) => _refreshLock.AcquireAsync(cancellationToken);

    /// <summary>The file of a subject: its SHA-256 in hex, so any subject is a safe file name.</summary>
    public string PathOf(string subject) => Path.Combine(_folder, UpstreamTokenSealing.KeyOf(subject) + ".bin");

    private bool Delete(string subject)
    {
        var path = PathOf(subject);
        if (!File.Exists(path))
        {
            return false;
        }
        File.Delete(path);
        UpstreamTokenStoreLog.Deleted(_logger, subject);
        return true;
    }
}
