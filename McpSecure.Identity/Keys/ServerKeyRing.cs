using McpSecure.Identity.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace McpSecure.Identity.Keys;

/// <summary>
/// The persisted keys of the OpenIddict server, loaded (or generated, or rotated) once per process from the
/// <see cref="IServerKeyStore"/>: the RS256 signing keys published in the JWKS (see <see cref="SigningKeyRotation"/>),
/// and the RSA-OAEP key that encrypts the tokens only this server reads (authorization codes, refresh tokens).
/// Access tokens are signed, not encrypted.
/// </summary>
internal sealed class ServerKeyRing
{
    private readonly Lazy<SigningKeySet> _signingKeys;
    private readonly Lazy<RsaSecurityKey> _encryptionKey;

    public ServerKeyRing(IOptions<IdentityProviderOptions> options, IServerKeyStore store)
    {
        _signingKeys = new(() => store.LoadOrRotateSigningKeys(options.Value.SigningKeyRotationPeriod));
        _encryptionKey = new(store.LoadOrCreateEncryptionKey);
    }

    public SigningKeySet SigningKeys => _signingKeys.Value;

    public RsaSecurityKey EncryptionKey => _encryptionKey.Value;
}
