using McpSecure.Identity.Configuration;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace McpSecure.Identity.Data;

public static class IdentityStoreRegistration
{
    public const string LoginPath = "/account/login";

    /// <summary>
    /// SQLite database, ASP.NET Core Identity (password hashing, lockout, the sign-in cookie) and
    /// Data Protection keys persisted under <c>Identity:DataPath</c> so cookies survive restarts.
    /// </summary>
    public static IServiceCollection AddIdentityStore(this IServiceCollection services)
    {
        services.AddDbContext<IdentityStoreDbContext>((provider, database) =>
        {
            var settings = provider.GetRequiredService<IOptions<IdentityProviderOptions>>().Value;
            database.UseSqlite($"Data Source={settings.DatabaseFile}");
        });

        services.AddIdentity<McpSecureUser, IdentityRole>(identity =>
            {
                identity.Lockout.AllowedForNewUsers = true;
                identity.Lockout.MaxFailedAccessAttempts = 5;
                identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(1);
            })
            .AddEntityFrameworkStores<IdentityStoreDbContext>();

        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "mcpsecure.identity";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.LoginPath = LoginPath;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
        });

        services.AddDataProtection().SetApplicationName("McpSecure.Identity");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>, PersistDataProtectionKeysInDataPath>();

        return services;
    }

    /// <summary>Equivalent of <c>PersistKeysToFileSystem</c>, deferred until the validated options are known.</summary>
    private sealed class PersistDataProtectionKeysInDataPath(
        IOptions<IdentityProviderOptions> options, ILoggerFactory loggerFactory) : IConfigureOptions<KeyManagementOptions>
    {
        public void Configure(KeyManagementOptions keyManagement)
        {
            var directory = Directory.CreateDirectory(options.Value.DataProtectionKeysDirectory);
            keyManagement.XmlRepository = new FileSystemXmlRepository(directory, loggerFactory);
        }
    }
}
