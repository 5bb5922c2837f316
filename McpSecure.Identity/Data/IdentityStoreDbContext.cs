using McpSecure.Identity.Keys;
using McpSecure.Identity.UpstreamTokens;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace McpSecure.Identity.Data;

/// <summary>
/// The identity store: one database (SQLite <c>{DataPath}/identity.db</c>, or PostgreSQL) for the ASP.NET Core Identity
/// users and roles, the OpenIddict applications, scopes, authorizations and tokens, and, with PostgreSQL, the server's
/// signing and encryption keys (<see cref="ServerKeys"/>), the Data Protection keys and the kept upstream tokens
/// (<see cref="UpstreamTokens"/>) that several replicas share.
/// </summary>
internal sealed class IdentityStoreDbContext(DbContextOptions<IdentityStoreDbContext> options)
    : IdentityDbContext<AccountUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<StoredServerKey> ServerKeys => Set<StoredServerKey>();

    /// <summary>Used with PostgreSQL storage only (<see cref="DatabaseUpstreamTokenStore"/>); empty with SQLite.</summary>
    public DbSet<KeptUpstreamToken> UpstreamTokens => Set<KeptUpstreamToken>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.UseOpenIddict();
        builder.Entity<DataProtectionKey>();
        builder.Entity<StoredServerKey>(key =>
        {
            key.ToTable("ServerKeys");
            key.HasKey(stored => stored.KeyId);
            key.Property(stored => stored.KeyId).HasMaxLength(64);
            key.Property(stored => stored.Purpose).HasConversion<string>().HasMaxLength(16);
        });
        builder.Entity<KeptUpstreamToken>(kept =>
        {
            kept.ToTable("UpstreamTokens");
            kept.HasKey(stored => stored.SubjectHash);
            kept.Property(stored => stored.SubjectHash).HasMaxLength(64);
            kept.Property(stored => stored.Version).IsConcurrencyToken();
        });
    }
}
