using McpSecure.Identity.Configuration;
using McpSecure.Identity.Federation;
using McpSecure.Identity.Realm;
using McpSecure.Identity.Storage;
using Microsoft.Extensions.Options;

namespace McpSecure.Identity.Seeding;

/// <summary>
/// At start-up, before the server accepts requests: creates the identity store's tables (<see cref="IdentityDatabaseSchema"/>),
/// then seeds scopes, clients and users from <c>Identity:RealmFile</c>. Idempotent: an existing entry is
/// updated to match the realm file. A failure stops the process. With PostgreSQL, replicas seed one after the other
/// (<see cref="IdentityStoreLock.Seeding"/>).
/// </summary>
internal sealed partial class RealmSeedingService(
    IServiceScopeFactory scopeFactory,
    IOptions<IdentityProviderOptions> options,
    RealmFileReader realmFile,
    SeedingStatus status,
    FederationMode federation,
    IdentityDatabaseSchema schema,
    IOptions<IdentityStorageOptions> storageOptions,
    ILogger<RealmSeedingService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var provider = options.Value;
        Directory.CreateDirectory(provider.DataDirectory);
        await schema.EnsureCreatedAsync(cancellationToken);

        var storage = storageOptions.Value;
        await using var exclusive = await IdentityStoreLock.AcquireAsync(storage, IdentityStoreLock.Seeding, cancellationToken);
        await using var scope = scopeFactory.CreateAsyncScope();
        var services = scope.ServiceProvider;

        var realm = realmFile.Realm;
        await services.GetRequiredService<RealmScopeSeeder>().SeedAsync(realm, cancellationToken);
        await services.GetRequiredService<RealmClientSeeder>().SeedAsync(realm, cancellationToken);
        // Federation mode: the realm's roles, but no local accounts (users come from the upstream provider).
        await services.GetRequiredService<RealmUserSeeder>().SeedAsync(realm, seedUsers: !federation.IsEnabled, cancellationToken);

        status.MarkCompleted();
        LogSeeded(logger, realm.Realm, provider.RealmFile, realm.ClientScopes.Count, realm.Clients.Count,
            federation.IsEnabled ? 0 : realm.Users.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;


    [LoggerMessage(EventId = 1431, Level = LogLevel.Information,
        Message = "Seeded realm {Realm} from {RealmFile}: {ScopeCount} client scopes, {ClientCount} clients, {UserCount} users")]
    private static partial void LogSeeded(ILogger logger, string? realm, string? realmFile, int scopeCount, int clientCount, int userCount);
}
