using Microsoft.IdentityModel.Tokens;

namespace McpSecure.Identity.Keys;

/// <summary>
/// Signing key rotation, decided once at start-up. The rule:
/// <list type="number">
/// <item>The active key is the newest <c>signing-keys/*.pem</c> by write time, so that the data folder alone
/// says which key signs (no index file to keep in step with the keys).</item>
/// <item>The next key waits in <c>signing-keys/next/</c>: it is in the JWKS but signs nothing.</item>
/// <item>At start-up, when the active key is older than <c>Identity:SigningKeyRotationPeriod</c> and a next key
/// already existed (so it was published by an earlier run before it signs anything), the next key is moved into
/// <c>signing-keys/</c> with a fresh write time and becomes the active key.</item>
/// <item>When <c>signing-keys/next/</c> is empty a new next key is generated; it can only be promoted by a
/// later start.</item>
/// <item>The previously active key stays published (it is the second newest file), older ones are not.</item>
/// </list>
/// </summary>
internal sealed partial class SigningKeyRotation
{
    public const string NextKeyFolderName = "next";

    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly int _keySizeInBits;

    public SigningKeyRotation(TimeProvider timeProvider, ILogger<SigningKeyRotation> logger)
        : this(timeProvider, logger, RsaPemKeyDirectory.DefaultKeySizeInBits)
    {
    }

    /// <param name="keySizeInBits">The size of generated keys; smaller than the default only where a key
    /// protects nothing (generating 2048-bit keys costs a noticeable fraction of a second each).</param>
    internal SigningKeyRotation(TimeProvider timeProvider, ILogger logger, int keySizeInBits)
    {
        _timeProvider = timeProvider;
        _logger = logger;
        _keySizeInBits = keySizeInBits;
    }

    public SigningKeySet LoadOrRotate(string signingKeysDirectory, TimeSpan rotationPeriod)
    {
        var current = new RsaPemKeyDirectory(signingKeysDirectory, _timeProvider, _keySizeInBits);
        var pending = new RsaPemKeyDirectory(Path.Combine(signingKeysDirectory, NextKeyFolderName), _timeProvider, _keySizeInBits);

        var files = current.FilesNewestFirst();
        if (files.Count == 0)
        {
            // The very first key: nothing was ever signed, so nothing needs to be announced in advance.
            var first = current.Create();
            LogFirstKeyGenerated(_logger, first.KeyId);
            files = current.FilesNewestFirst();
        }

        var waiting = pending.FilesNewestFirst();
        var activeAge = _timeProvider.GetUtcNow().UtcDateTime - files[0].LastWriteTimeUtc;
        if (waiting.Count > 0 && activeAge >= rotationPeriod)
        {
            var promoted = current.Adopt(waiting[^1]);
            LogRotated(_logger, Path.GetFileNameWithoutExtension(promoted.Name), Path.GetFileNameWithoutExtension(files[0].Name), activeAge);
            files = current.FilesNewestFirst();
            waiting = pending.FilesNewestFirst();
        }

        RsaSecurityKey next;
        if (waiting.Count == 0)
        {
            next = pending.Create();
            LogNextKeyGenerated(_logger, next.KeyId);
        }
        else
        {
            next = RsaPemKeyDirectory.Load(waiting[^1]);
        }

        var active = RsaPemKeyDirectory.Load(files[0]);
        var previous = files.Count > 1 ? RsaPemKeyDirectory.Load(files[1]) : null;
        LogSigningWith(_logger, active.KeyId, next.KeyId);
        return new SigningKeySet(active, next, previous);
    }

    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Generated the first signing key {KeyId}")]
    private static partial void LogFirstKeyGenerated(ILogger logger, string keyId);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information,
        Message = "Rotated the signing key: {NewKeyId} (published in the JWKS since an earlier start) replaces {OldKeyId}, active for {Age}")]
    private static partial void LogRotated(ILogger logger, string newKeyId, string oldKeyId, TimeSpan age);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information,
        Message = "Generated the next signing key {KeyId}: published now, used after a later rotation")]
    private static partial void LogNextKeyGenerated(ILogger logger, string keyId);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Information, Message = "Signing with key {KeyId}; next key {NextKeyId}")]
    private static partial void LogSigningWith(ILogger logger, string keyId, string nextKeyId);
}
