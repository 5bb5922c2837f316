using McpSecure.Identity.Configuration;
using McpSecure.Identity.Data;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace McpSecure.Identity.Storage;

/// <summary>
/// Creates the identity store's tables once per process, before anything reads them (the seeding service, the key
/// store). With PostgreSQL under <see cref="IdentityStoreLock.Schema"/>, so that of several replicas starting at once
/// exactly one creates the tables and the others find them; under the same lock the first one also creates the Data
/// Protection key they all use (each would otherwise create its own on first use and, until their key rings refresh,
/// not read the others' cookies). <c>EnsureCreated</c>, no migrations: a schema change needs
/// a new database (SQLite: delete <c>{DataPath}/identity.db</c>).
/// </summary>
internal sealed partial class IdentityDatabaseSchema(
    IServiceScopeFactory scopeFactory,
    IOptions<IdentityStorageOptions> storageOptions,
    IOptions<IdentityProviderOptions> identityOptions,
    IServiceProvider services,
    TimeProvider timeProvider,
    ILogger<IdentityDatabaseSchema> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _created;

    /// <summary>Where the store lives, safe to log.</summary>
    public string Description => storageOptions.Value.IsPostgreSql
        ? PostgreSqlTarget.Describe(storageOptions.Value.ConnectionString!)
        : $"SQLite database {identityOptions.Value.DatabaseFile}";

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (_created)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_created)
            {
                return;
            }

            var storage = storageOptions.Value;
            if (!storage.IsPostgreSql)
            {
                Directory.CreateDirectory(identityOptions.Value.DataDirectory);
            }

            await using var exclusive = await IdentityStoreLock.AcquireAsync(storage, IdentityStoreLock.Schema, cancellationToken);
            await using var scope = scopeFactory.CreateAsyncScope();
            var database = scope.ServiceProvider.GetRequiredService<IdentityStoreDbContext>().Database;
            if (await database.EnsureCreatedAsync(cancellationToken))
            {
                LogCreated(logger, Description);
            }
            LogUsing(logger, Description);
            if (storage.IsPostgreSql)
            {
                EnsureSharedDataProtectionKey();
            }
            _created = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>For the synchronous options pipeline (the key ring is read while OpenIddict's options are built).</summary>
    public void EnsureCreated() => EnsureCreatedAsync(CancellationToken.None).GetAwaiter().GetResult();

    private void EnsureSharedDataProtectionKey()
    {
        var keyManager = services.GetRequiredService<IKeyManager>();
        var now = timeProvider.GetUtcNow();
        if (keyManager.GetAllKeys().Any(key => !key.IsRevoked && key.ActivationDate <= now && key.ExpirationDate > now.AddDays(7)))
        {
            return;
        }
        var key = keyManager.CreateNewKey(now, now.AddDays(90));
        LogDataProtectionKeyCreated(logger, key.KeyId);
    }

    [LoggerMessage(EventId = 1441, Level = LogLevel.Information, Message = "Created the Data Protection key {KeyId} in the shared identity store")]
    private static partial void LogDataProtectionKeyCreated(ILogger logger, Guid keyId);

    [LoggerMessage(EventId = 1442, Level = LogLevel.Information, Message = "Identity store: the {Store}")]
    private static partial void LogUsing(ILogger logger, string store);

    [LoggerMessage(EventId = 1440, Level = LogLevel.Information, Message = "Created the identity store's tables in the {Store}")]
    private static partial void LogCreated(ILogger logger, string store);
}
