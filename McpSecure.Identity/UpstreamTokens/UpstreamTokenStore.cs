using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using McpSecure.Identity.Configuration;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace McpSecure.Identity.UpstreamTokens;

/// <summary>
/// The users' upstream tokens, one file per user in <c>{DataPath}/upstream-tokens/</c>, named by the SHA-256 of the
/// local subject (no user name on disk) and encrypted with ASP.NET Core Data Protection under a purpose bound to this
/// store and to the subject: a file copied to another user's name does not decrypt. Replicas that share the data folder
/// (and so the Data Protection keys) share the store.
/// </summary>
internal sealed partial class UpstreamTokenStore
{
    private const string Purpose = "McpSecure.Identity.UpstreamTokens.v1";

    private readonly IDataProtector _protector;
    private readonly string _folder;
    private readonly ILogger<UpstreamTokenStore> _logger;

    public UpstreamTokenStore(IDataProtectionProvider dataProtection, IOptions<IdentityProviderOptions> options, ILogger<UpstreamTokenStore> logger)
        : this(dataProtection, Path.Combine(options.Value.DataDirectory, "upstream-tokens"), logger)
    {
    }

    public UpstreamTokenStore(IDataProtectionProvider dataProtection, string folder, ILogger<UpstreamTokenStore> logger)
    {
        _protector = dataProtection.CreateProtector(Purpose);
        _folder = folder;
        _logger = logger;
    }

    public async Task SaveAsync(string subject, UpstreamTokenSet tokens, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_folder);
        var plain = JsonSerializer.SerializeToUtf8Bytes(tokens);
        var sealedBytes = _protector.CreateProtector(subject).Protect(plain);
        CryptographicOperations.ZeroMemory(plain);
        var path = PathOf(subject);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllBytesAsync(temporary, sealedBytes, cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        File.Move(temporary, path, overwrite: true);
        LogSaved(_logger, subject, tokens.ExpiresAt, tokens.RefreshToken is not null);
    }

    /// <returns>The user's tokens, or null when none are kept (or the file cannot be decrypted: it is then deleted).</returns>
    public async Task<UpstreamTokenSet?> FindAsync(string subject, CancellationToken cancellationToken)
    {
        var path = PathOf(subject);
        byte[] sealedBytes;
        try
        {
            sealedBytes = await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        try
        {
            var plain = _protector.CreateProtector(subject).Unprotect(sealedBytes);
            return JsonSerializer.Deserialize<UpstreamTokenSet>(plain);
        }
        catch (Exception exception) when (exception is CryptographicException or JsonException)
        {
            LogUnreadable(_logger, subject, exception.GetType().Name);
            Delete(subject);
            return null;
        }
    }

    public bool Delete(string subject)
    {
        var path = PathOf(subject);
        if (!File.Exists(path))
        {
            return false;
        }
        File.Delete(path);
        LogDeleted(_logger, subject);
        return true;
    }

    /// <summary>The file of a subject: its SHA-256 in hex, so any subject is a safe file name.</summary>
    public string PathOf(string subject) =>
        Path.Combine(_folder, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(subject))) + ".bin");

    [LoggerMessage(EventId = 1620, Level = LogLevel.Information, Message = "Kept the upstream tokens of subject {Subject} (access token expires {ExpiresAt}, refresh token: {HasRefreshToken})")]
    private static partial void LogSaved(ILogger logger, string subject, DateTimeOffset? expiresAt, bool hasRefreshToken);

    [LoggerMessage(EventId = 1621, Level = LogLevel.Warning, Message = "The kept upstream tokens of subject {Subject} could not be read ({Error}) and were deleted")]
    private static partial void LogUnreadable(ILogger logger, string subject, string error);

    [LoggerMessage(EventId = 1622, Level = LogLevel.Information, Message = "Deleted the kept upstream tokens of subject {Subject}")]
    private static partial void LogDeleted(ILogger logger, string subject);
}
