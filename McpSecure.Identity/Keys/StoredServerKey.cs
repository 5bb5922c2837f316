namespace McpSecure.Identity.Keys;

/// <summary>
/// A server key in the shared database (PostgreSQL storage): the PKCS#8 PEM of an RSA private key. A signing key with
/// no <see cref="ActivatedAt"/> is the next key (published, signs nothing); the active key is the one activated last.
/// </summary>
internal sealed class StoredServerKey
{
    /// <summary>The <c>kid</c>, sortable and unique: <c>20260514T101530Z-3f9a1c2b</c>.</summary>
    public required string KeyId { get; set; }

    public required ServerKeyPurpose Purpose { get; set; }

    public required string PrivateKeyPem { get; set; }

    public required DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the key started to sign (signing keys) or to be used (encryption keys); null while it waits.</summary>
    public DateTimeOffset? ActivatedAt { get; set; }
}
