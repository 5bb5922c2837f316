using McpSecure.Identity.Configuration;
using McpSecure.Identity.Data;
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
public sealed class RealmSeedingService(
    IServiceScopeFactory scopeFactory,
    IOptions<IdentityProviderOptions> options,
    RealmFileReader realmFile,
    SeedingStatus status,
    ILogger<RealmSeedingService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        Directory.CreateDirectory(settings.DataDirectory);

        await using var scope = scopeFactory.CreateAsyncScope();
        var services = scope.ServiceProvider;

        var database = services.GetRequiredService<IdentityStoreDbContext>().Database;
        if (await database.EnsureCreatedAsync(cancellationToken))
        {
            logger.LogInformation("Created the identity database {DatabaseFile}", settings.DatabaseFile);
        }

        var realm = realmFile.Realm;
        await services.GetRequiredService<RealmScopeSeeder>().SeedAsync(realm, cancellationToken);
        await services.GetRequiredService<RealmClientSeeder>().SeedAsync(realm, cancellationToken);
        await services.GetRequiredService<RealmUserSeeder>().SeedAsync(realm, cancellationToken);

        status.MarkCompleted();
        logger.LogInformation(
            "Seeded realm {Realm} from {RealmFile}: {ScopeCount} client scopes, {ClientCount} clients, {UserCount} users",
            realm.Realm, settings.RealmFile, realm.ClientScopes.Count, realm.Clients.Count, realm.Users.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
