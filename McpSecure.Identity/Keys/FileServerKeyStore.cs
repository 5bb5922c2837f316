using McpSecure.Identity.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace McpSecure.Identity.Keys;

/// <summary>One replica: PEM files in <c>{DataPath}/signing-keys</c> and <c>{DataPath}/encryption-keys</c> (see <see cref="SigningKeyRotation"/>).</summary>
internal sealed class FileServerKeyStore(
    IOptions<IdentityProviderOptions> options, SigningKeyRotation rotation, TimeProvider timeProvider) : IServerKeyStore
{
    public SigningKeySet LoadOrRotateSigningKeys(TimeSpan rotationPeriod) =>
        rotation.LoadOrRotate(options.Value.SigningKeysDirectory, rotationPeriod);

    public RsaSecurityKey LoadOrCreateEncryptionKey() =>
        new RsaPemKeyDirectory(options.Value.EncryptionKeysDirectory, timeProvider).LoadNewestOrCreate();
}
