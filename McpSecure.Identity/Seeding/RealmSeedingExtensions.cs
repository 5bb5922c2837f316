using McpSecure.Identity.Realm;

namespace McpSecure.Identity.Seeding;

internal static class RealmSeedingExtensions
{
    /// <summary>Realm file reader and the start-up seeding of the database from it.</summary>
    public static IServiceCollection AddRealmSeeding(this IServiceCollection services)
    {
        services.AddSingleton<RealmFileReader>();
        services.AddSingleton<SeedingStatus>();
        services.AddScoped<RealmScopeSeeder>();
        services.AddScoped<RealmClientSeeder>();
        services.AddScoped<RealmUserSeeder>();
        services.AddHostedService<RealmSeedingService>();
        return services;
    }
}
