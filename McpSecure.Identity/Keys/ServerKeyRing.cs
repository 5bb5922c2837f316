using McpSecure.Identity.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace McpSecure.Identity.Keys;

/// <summary>
/// The persisted keys of the OpenIddict server, loaded (or generated) once per process:
/// the RS256 signing key published in the JWKS, and the RSA-OAEP key that encrypts the tokens only this
/// server reads (authorization codes, refresh tokens). Access tokens are signed, not encrypted.
/// </summary>
public sealed class ServerKeyRing
{
    private readonly Lazy<RsaSecurityKey> _signingKey;
    private readonly Lazy<RsaSecurityKey> _encryptionKey;

    public ServerKeyRing(IOptions<IdentityProviderOptions> options, ILogger<ServerKeyRing> logger)
    {
        var settings = options.Value;
        _signingKey = new(() => new RsaPemKeyDirectory(settings.SigningKeysDirectory, logger).LoadNewestOrCreate("signing"));
        _encryptionKey = new(() => new RsaPemKeyDirectory(settings.EncryptionKeysDirectory, logger).LoadNewestOrCreate("encryption"));
    }

    public RsaSecurityKey SigningKey => _signingKey.Value;

    public RsaSecurityKey EncryptionKey => _encryptionKey.Value;
}
