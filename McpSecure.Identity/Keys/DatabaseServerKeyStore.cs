using System.Security.Cryptography;
using McpSecure.Identity.Data;
using McpSecure.Identity.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

namespace McpSecure.Identity.Keys;

/// <summary>
/// Several replicas: the keys live in the shared PostgreSQL database's <c>ServerKeys</c> table. Each load runs in one
/// transaction under the advisory lock <see cref="IdentityStoreLock.Keys"/>, so replicas starting at once see one key set:
/// the first generates, the others read (and a rotation happens once, not once per replica). Every replica thus signs
/// with the same key and publishes the same JWKS.
/// </summary>
internal sealed partial class DatabaseServerKeyStore(
    IServiceScopeFactory scopeFactory,
    IdentityDatabaseSchema schema,
    IOptions<IdentityStorageOptions> storageOptions,
    TimeProvider timeProvider,
    ILogger<DatabaseServerKeyStore> logger) : IServerKeyStore
{
    public SigningKeySet LoadOrRotateSigningKeys(TimeSpan rotationPeriod) => InLockedTransaction(database =>
    {
        var stored = database.ServerKeys.Where(key => key.Purpose == ServerKeyPurpose.Signing).ToList();
        var known = stored.Count;
        var decision = StoredSigningKeyRotation.Decide(stored, timeProvider.GetUtcNow(), rotationPeriod, () => Generate(ServerKeyPurpose.Signing));
        database.ServerKeys.AddRange(stored.Skip(known));
        database.SaveChanges();

        if (decision.GeneratedFirst is { } first)
        {
            LogFirstKeyGenerated(logger, first.KeyId);
        }
        if (decision.Promoted is { } promoted && decision.Previous is { } previous)
        {
            LogRotated(logger, promoted.KeyId, previous.KeyId);
        }
        if (decision.GeneratedNext is { } next)
        {
            LogNextKeyGenerated(logger, next.KeyId);
        }
        LogSigningWith(logger, decision.Active.KeyId, decision.Next.KeyId);

        return new SigningKeySet(Load(decision.Active), Load(decision.Next), decision.Previous is null ? null : Load(decision.Previous));
    });

    public RsaSecurityKey LoadOrCreateEncryptionKey() => InLockedTransaction(database =>
    {
        var newest = database.ServerKeys
            .Where(key => key.Purpose == ServerKeyPurpose.Encryption)
            .AsEnumerable()
            .OrderByDescending(key => key.ActivatedAt)
            .FirstOrDefault();
        if (newest is null)
        {
            newest = Generate(ServerKeyPurpose.Encryption);
            newest.ActivatedAt = newest.CreatedAt;
            database.ServerKeys.Add(newest);
            database.SaveChanges();
        }
        return Load(newest);
    });

    private T InLockedTransaction<T>(Func<IdentityStoreDbContext, T> work)
    {
        schema.EnsureCreated();
        using var scope = scopeFactory.CreateScope();
        var database = scope.ServiceProvider.GetRequiredService<IdentityStoreDbContext>();
        try
        {
            using var transaction = database.Database.BeginTransaction();
            database.Database.ExecuteSql($"SELECT pg_advisory_xact_lock({IdentityStoreLock.Keys})");
            var result = work(database);
            transaction.Commit();
            return result;
        }
        catch (Exception exception) when (exception is NpgsqlException)
        {
            throw IdentityStoreUnreachableException.From(storageOptions.Value, exception);
        }
    }

    private StoredServerKey Generate(ServerKeyPurpose purpose)
    {
        using var rsa = RSA.Create(RsaPemKeyDirectory.DefaultKeySizeInBits);
        var now = timeProvider.GetUtcNow();
        return new StoredServerKey
        {
            KeyId = $"{now.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}",
            Purpose = purpose,
            PrivateKeyPem = rsa.ExportPkcs8PrivateKeyPem(),
            CreatedAt = now,
        };
    }

    private static RsaSecurityKey Load(StoredServerKey stored)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(stored.PrivateKeyPem);
        }
        catch (Exception exception) when (exception is ArgumentException or CryptographicException)
        {
            rsa.Dispose();
            throw new InvalidOperationException($"The stored {stored.Purpose} key '{stored.KeyId}' is not an RSA private key in PEM format.", exception);
        }
        return new RsaSecurityKey(rsa) { KeyId = stored.KeyId };
    }

    [LoggerMessage(EventId = 1210, Level = LogLevel.Information, Message = "Generated the first signing key {KeyId} in the shared identity store")]
    private static partial void LogFirstKeyGenerated(ILogger logger, string keyId);

    [LoggerMessage(EventId = 1211, Level = LogLevel.Information,
        Message = "Rotated the signing key in the shared identity store: {NewKeyId} (published since an earlier start) replaces {OldKeyId}")]
    private static partial void LogRotated(ILogger logger, string newKeyId, string oldKeyId);

    [LoggerMessage(EventId = 1212, Level = LogLevel.Information,
        Message = "Generated the next signing key {KeyId} in the shared identity store: published now, used after a later rotation")]
    private static partial void LogNextKeyGenerated(ILogger logger, string keyId);

    [LoggerMessage(EventId = 1213, Level = LogLevel.Information, Message = "Signing with key {KeyId} from the shared identity store; next key {NextKeyId}")]
    private static partial void LogSigningWith(ILogger logger, string keyId, string nextKeyId);
}
