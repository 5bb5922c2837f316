using McpSecure.Identity.Configuration;
using McpSecure.Identity.Data;
using McpSecure.Identity.Federation;
using McpSecure.Identity.Realm;
using Microsoft.Extensions.Options;

namespace McpSecure.Identity.Seeding;

/// <summary>
/// At start-up, before the server accepts requests: creates the data folder and the SQLite database,
/// then seeds scopes, clients and users from <c>Identity:RealmFile</c>. Idempotent: an existing entry is
/// updated to match the realm file. A failure stops the process.
/// </summary>
/// <remarks>
/// The schema is created with <c>EnsureCreated</c> (no migrations): this database holds development data
/// only; delete <c>{DataPath}/identity.db</c> after a schema change.
/// </remarks>
internal sealed partial class RealmSeedingService(
    IServiceScopeFactory scopeFactory,
    IOptions<IdentityProviderOptions> options,
    RealmFileReader realmFile,
    SeedingStatus status,
    FederationMode federation,
    ILogger<RealmSeedingService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var provider = options.Value;
        Directory.CreateDirectory(provider.DataDirectory);

        await using var scope = scopeFactory.CreateAsyncScope();
        var services = scope.ServiceProvider;

        var database = services.GetRequiredService<IdentityStoreDbContext>().Database;
        if (await database.EnsureCreatedAsync(cancellationToken))
        {
            LogDatabaseCreated(logger, provider.DatabaseFile);
        }

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

    [LoggerMessage(EventId = 1430, Level = LogLevel.Information, Message = "Created the identity database {DatabaseFile}")]
    private static partial void LogDatabaseCreated(ILogger logger, string databaseFile);

    [LoggerMessage(EventId = 1431, Level = LogLevel.Information,
        Message = "Seeded realm {Realm} from {RealmFile}: {ScopeCount} client scopes, {ClientCount} clients, {UserCount} users")]
    private static partial void LogSeeded(ILogger logger, string? realm, string? realmFile, int scopeCount, int clientCount, int userCount);
}
