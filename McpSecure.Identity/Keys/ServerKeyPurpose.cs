namespace McpSecure.Identity.Keys;

/// <summary>What a <see cref="StoredServerKey"/> is for.</summary>
internal enum ServerKeyPurpose
{
    /// <summary>RS256: signs tokens, published in the JWKS.</summary>
    Signing,

    /// <summary>RSA-OAEP: encrypts the tokens only this server reads (codes, refresh tokens, federation state).</summary>
    Encryption,
}
