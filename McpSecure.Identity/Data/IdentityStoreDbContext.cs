using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace McpSecure.Identity.Data;

/// <summary>
/// One SQLite database (<c>{DataPath}/identity.db</c>) for the ASP.NET Core Identity users and roles and
/// the OpenIddict applications, scopes, authorizations and tokens.
/// </summary>
internal sealed class IdentityStoreDbContext(DbContextOptions<IdentityStoreDbContext> options)
    : IdentityDbContext<AccountUser, IdentityRole, string>(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.UseOpenIddict();
    }
}
