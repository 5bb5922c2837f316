using McpSecure.Identity.Configuration;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace McpSecure.Identity.Data;

/// <summary>
/// Equivalent of <c>PersistKeysToFileSystem</c>, deferred until the validated options are known: the Data
/// Protection keys live in <c>{DataPath}/dataprotection-keys</c>, so sign-in cookies survive restarts.
/// </summary>
internal sealed class PersistDataProtectionKeysInDataPath(
    IOptions<IdentityProviderOptions> options, ILoggerFactory loggerFactory) : IConfigureOptions<KeyManagementOptions>
{
    public void Configure(KeyManagementOptions keyManagement)
    {
        var directory = Directory.CreateDirectory(options.Value.DataProtectionKeysDirectory);
        keyManagement.XmlRepository = new FileSystemXmlRepository(directory, loggerFactory);
    }
}
