using McpSecure.Identity.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace McpSecure.Identity.Keys;

/// <summary>
/// The persisted keys of the OpenIddict server, loaded (or generated, or rotated) once per process:
/// the RS256 signing keys published in the JWKS (see <see cref="SigningKeyRotation"/>), and the RSA-OAEP key
/// that encrypts the tokens only this server reads (authorization codes, refresh tokens).
/// Access tokens are signed, not encrypted.
/// </summary>
internal sealed class ServerKeyRing
{
    private readonly Lazy<SigningKeySet> _signingKeys;
    private readonly Lazy<RsaSecurityKey> _encryptionKey;

    public ServerKeyRing(IOptions<IdentityProviderOptions> options, SigningKeyRotation rotation, TimeProvider timeProvider)
    {
        var provider = options.Value;
        _signingKeys = new(() => rotation.LoadOrRotate(provider.SigningKeysDirectory, provider.SigningKeyRotationPeriod));
        _encryptionKey = new(() => new RsaPemKeyDirectory(provider.EncryptionKeysDirectory, timeProvider).LoadNewestOrCreate());
    }

    public SigningKeySet SigningKeys => _signingKeys.Value;

    public RsaSecurityKey EncryptionKey => _encryptionKey.Value;
}
