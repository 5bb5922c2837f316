using Microsoft.IdentityModel.Tokens;

namespace McpSecure.Identity.Keys;

/// <summary>The signing keys of one process lifetime.</summary>
/// <param name="Active">Signs every token; the newest file of <c>signing-keys/</c>.</param>
/// <param name="Next">Published in the JWKS, signs nothing yet; the file in <c>signing-keys/next/</c>.</param>
/// <param name="Previous">The key that was active before <paramref name="Active"/>, still published so that the
/// tokens it signed keep validating until they expire.</param>
public sealed record SigningKeySet(RsaSecurityKey Active, RsaSecurityKey Next, RsaSecurityKey? Previous)
{
    /// <summary>Every key of the JWKS, the signing key first.</summary>
    public IEnumerable<RsaSecurityKey> Published =>
        Previous is null ? [Active, Next] : [Active, Next, Previous];
}

/// <summary>
/// Signing key rotation, decided once at start-up. The rule:
/// <list type="number">
/// <item>The active key is the newest <c>signing-keys/*.pem</c> by write time (the test forge relies on this).</item>
/// <item>The next key waits in <c>signing-keys/next/</c>: it is in the JWKS but signs nothing.</item>
/// <item>At start-up, when the active key is older than <c>Identity:SigningKeyRotationPeriod</c> and a next key
/// already existed (so it was published by an earlier run before it signs anything), the next key is moved into
/// <c>signing-keys/</c> with a fresh write time and becomes the active key.</item>
/// <item>When <c>signing-keys/next/</c> is empty a new next key is generated; it can only be promoted by a
/// later start.</item>
/// <item>The previously active key stays published (it is the second newest file), older ones are not.</item>
/// </list>
/// </summary>
public static class SigningKeyRotation
{
    public const string NextKeyFolderName = "next";

    public static SigningKeySet LoadOrRotate(string signingKeysDirectory, TimeSpan rotationPeriod, ILogger logger)
    {
        var current = new RsaPemKeyDirectory(signingKeysDirectory);
        var pending = new RsaPemKeyDirectory(Path.Combine(signingKeysDirectory, NextKeyFolderName));

        var files = current.FilesNewestFirst();
        if (files.Count == 0)
        {
            // The very first key: nothing was ever signed, so nothing needs to be announced in advance.
            var first = current.Create();
            logger.LogInformation("Generated the first signing key {KeyId}", first.KeyId);
            files = current.FilesNewestFirst();
        }

        var waiting = pending.FilesNewestFirst();
        var activeAge = DateTime.UtcNow - files[0].LastWriteTimeUtc;
        if (waiting.Count > 0 && activeAge >= rotationPeriod)
        {
            var promoted = current.Adopt(waiting[^1]);
            logger.LogInformation(
                "Rotated the signing key: {NewKeyId} (published in the JWKS since an earlier start) replaces {OldKeyId}, active for {Age}",
                Path.GetFileNameWithoutExtension(promoted.Name), Path.GetFileNameWithoutExtension(files[0].Name), activeAge);
            files = current.FilesNewestFirst();
            waiting = pending.FilesNewestFirst();
        }

        RsaSecurityKey next;
        if (waiting.Count == 0)
        {
            next = pending.Create();
            logger.LogInformation("Generated the next signing key {KeyId}: published now, used after a later rotation", next.KeyId);
        }
        else
        {
            next = RsaPemKeyDirectory.Load(waiting[^1]);
        }

        var active = RsaPemKeyDirectory.Load(files[0]);
        var previous = files.Count > 1 ? RsaPemKeyDirectory.Load(files[1]) : null;
        logger.LogInformation("Signing with key {KeyId}; next key {NextKeyId}", active.KeyId, next.KeyId);
        return new SigningKeySet(active, next, previous);
    }
}
