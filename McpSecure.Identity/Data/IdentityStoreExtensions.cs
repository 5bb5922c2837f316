using McpSecure.Identity.Storage;
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
    /// The identity store (SQLite under <c>Identity:DataPath</c>, or the PostgreSQL database several replicas share, by
    /// <c>Identity:Storage:Provider</c>), ASP.NET Core Identity (password hashing, lockout, the sign-in cookie) and
    /// Data Protection keys persisted beside it, so cookies survive restarts and any replica reads another's.
    /// </summary>
    public static IServiceCollection AddIdentityStore(this IServiceCollection services)
    {
        services.AddIdentityStorageOptions();
        services.AddDbContext<IdentityStoreDbContext>((provider, database) => database.UseIdentityStore(provider));

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
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>, PersistDataProtectionKeysInIdentityStore>();

        return services;
    }
}
