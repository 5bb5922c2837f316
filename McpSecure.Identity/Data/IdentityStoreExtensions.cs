using McpSecure.Identity.Configuration;
using McpSecure.Identity.Pages.Account;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace McpSecure.Identity.Data;

internal static class IdentityStoreExtensions
{
    /// <summary>
    /// SQLite database, ASP.NET Core Identity (password hashing, lockout, the sign-in cookie) and
    /// Data Protection keys persisted under <c>Identity:DataPath</c> so cookies survive restarts.
    /// </summary>
    public static IServiceCollection AddIdentityStore(this IServiceCollection services)
    {
        services.AddDbContext<IdentityStoreDbContext>((provider, database) =>
        {
            var identityProvider = provider.GetRequiredService<IOptions<IdentityProviderOptions>>().Value;
            database.UseSqlite($"Data Source={identityProvider.DatabaseFile}");
        });

        services.AddIdentity<AccountUser, IdentityRole>(identity =>
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
            cookie.LoginPath = AccountPages.LoginPath;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
        });

        // The login page's delay after a failed sign-in waits on this clock.
        services.TryAddSingleton(TimeProvider.System);

        services.AddDataProtection().SetApplicationName("McpSecure.Identity");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>, PersistDataProtectionKeysInDataPath>();

        return services;
    }
}
