using McpSecure.Identity.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace McpSecure.Identity.Storage;

internal static class IdentityStorageExtensions
{
    /// <summary>
    /// <c>Identity:Storage</c> (validated at start-up) with the connection string from <c>ConnectionStrings:identitydb</c>,
    /// and the one-time schema creation (registered before Data Protection, whose start-up reads the tables).
    /// </summary>
    public static IServiceCollection AddIdentityStorageOptions(this IServiceCollection services)
    {
        services.AddValidatedOptions<IdentityStorageOptions, IdentityStorageOptionsValidator>(IdentityStorageOptions.SectionName);
        services.AddOptions<IdentityStorageOptions>().Configure<IConfiguration>((storage, configuration) =>
            storage.ConnectionString ??= configuration.GetConnectionString(IdentityStorageOptions.ConnectionStringName));
        services.AddSingleton<IdentityDatabaseSchema>();
        services.AddHostedService<IdentityStoreSchemaCreation>();
        return services;
    }

    /// <summary>The EF Core provider <c>Identity:Storage:Provider</c> names.</summary>
    public static DbContextOptionsBuilder UseIdentityStore(this DbContextOptionsBuilder database, IServiceProvider services)
    {
        var storage = services.GetRequiredService<IOptions<IdentityStorageOptions>>().Value;
        return storage.IsPostgreSql
            ? database.UseNpgsql(storage.ConnectionString)
            : database.UseSqlite($"Data Source={services.GetRequiredService<IOptions<IdentityProviderOptions>>().Value.DatabaseFile}");
    }
}
