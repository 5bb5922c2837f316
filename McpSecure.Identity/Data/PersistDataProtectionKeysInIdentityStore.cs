using McpSecure.Identity.Configuration;
using McpSecure.Identity.Storage;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace McpSecure.Identity.Data;

/// <summary>
/// Where the Data Protection keys (sign-in cookies, antiforgery tokens, the consent form) live, decided once the
/// validated options are known: with SQLite in <c>{DataPath}/dataprotection-keys</c> (what <c>PersistKeysToFileSystem</c>
/// does), with PostgreSQL in the shared database's <c>DataProtectionKeys</c> table, so that a sign-in started on one
/// replica completes on another.
/// </summary>
internal sealed class PersistDataProtectionKeysInIdentityStore(
    IOptions<IdentityProviderOptions> identityOptions,
    IOptions<IdentityStorageOptions> storageOptions,
    IServiceProvider services,
    ILoggerFactory loggerFactory) : IConfigureOptions<KeyManagementOptions>
{
    public void Configure(KeyManagementOptions keyManagement)
    {
        if (storageOptions.Value.IsPostgreSql)
        {
            keyManagement.XmlRepository = new EntityFrameworkCoreXmlRepository<IdentityStoreDbContext>(services, loggerFactory);
            return;
        }

        var directory = Directory.CreateDirectory(identityOptions.Value.DataProtectionKeysDirectory);
        keyManagement.XmlRepository = new FileSystemXmlRepository(directory, loggerFactory);
    }
}
