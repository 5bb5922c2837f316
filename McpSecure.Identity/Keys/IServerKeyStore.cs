using Microsoft.IdentityModel.Tokens;

namespace McpSecure.Identity.Keys;

/// <summary>Where the server's keys persist: key folders under the data path (SQLite) or the shared database (PostgreSQL).</summary>
internal interface IServerKeyStore
{
    /// <summary>The signing keys of this process lifetime, rotated by the store's rule when due.</summary>
    SigningKeySet LoadOrRotateSigningKeys(TimeSpan rotationPeriod);

    /// <summary>The key that encrypts codes, refresh tokens and federation state, created when there is none.</summary>
    RsaSecurityKey LoadOrCreateEncryptionKey();
}
