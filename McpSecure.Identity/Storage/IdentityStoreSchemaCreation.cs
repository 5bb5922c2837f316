namespace McpSecure.Identity.Storage;

/// <summary>
/// The first hosted service: creates the identity store's tables before anything else that starts with the host reads
/// them (Data Protection loads its key ring from them at start-up with PostgreSQL storage).
/// </summary>
internal sealed class IdentityStoreSchemaCreation(IdentityDatabaseSchema schema) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => schema.EnsureCreatedAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
