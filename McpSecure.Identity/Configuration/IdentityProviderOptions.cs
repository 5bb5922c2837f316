namespace McpSecure.Identity.Configuration;

/// <summary>
/// Options of the development identity provider, bound from the <c>Identity</c> configuration section
/// (environment variables <c>Identity__Issuer</c>, <c>Identity__Resources__0</c>, ...).
/// <see cref="IdentityProviderOptionsValidator"/> checks them at start-up; the derived members below
/// are only meaningful once validation has passed.
/// </summary>
internal sealed class IdentityProviderOptions
{
    public const string SectionName = "Identity";

    /// <summary>The full configuration key of <see cref="RealmFile"/>, for messages about the realm file.</summary>
    public const string RealmFileKey = $"{SectionName}:{nameof(RealmFile)}";

    private const string DatabaseFileName = "identity.db";
    private const string SigningKeysFolderName = "signing-keys";
    private const string EncryptionKeysFolderName = "encryption-keys";
    private const string DataProtectionKeysFolderName = "dataprotection-keys";

    /// <summary>Absolute http(s) URL of this provider, e.g. <c>http://localhost:5101/</c>. Never taken from the Host header.</summary>
    public string? Issuer { get; set; }

    /// <summary>Folder holding the SQLite database, the signing/encryption keys and the Data Protection keys.</summary>
    public string? DataPath { get; set; }

    /// <summary>Keycloak realm export seeded into the database at start-up.</summary>
    public string? RealmFile { get; set; }

    /// <summary>Resource servers (RFC 8707) that access tokens may be issued for, e.g. <c>http://localhost:5100/mcp</c>.</summary>
    public List<string> Resources { get; set; } = [];

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a signing key signs before the next one (already published in the JWKS) takes over, at the
    /// next start-up (see <see cref="Keys.SigningKeyRotation"/>). Must exceed <see cref="AccessTokenLifetime"/>.
    /// </summary>
    public TimeSpan SigningKeyRotationPeriod { get; set; } = TimeSpan.FromDays(30);

    public Uri IssuerUri => new(Issuer!, UriKind.Absolute);

    /// <summary>
    /// Plain http is tolerated only for an issuer on a loopback host: nothing but this machine can reach it,
    /// so there is no network path for an attacker to read the tokens on.
    /// </summary>
    public bool IsLoopbackHttpIssuer => IssuerUri.Scheme == Uri.UriSchemeHttp && IssuerUri.IsLoopback;

    /// <summary>
    /// The resources in the canonical form OpenIddict compares <c>resource</c> parameters against
    /// (<see cref="Uri.AbsoluteUri"/>: lower-case scheme and host).
    /// </summary>
    public IReadOnlyList<string> ResourceIdentifiers =>
        Resources.Select(resource => new Uri(resource, UriKind.Absolute).AbsoluteUri).Distinct(StringComparer.Ordinal).ToList();

    public string DataDirectory => Path.GetFullPath(DataPath!);

    public string DatabaseFile => Path.Combine(DataDirectory, DatabaseFileName);

    /// <summary>
    /// One PKCS#8 PEM file per RSA signing key, named <c>&lt;kid&gt;.pem</c>; the newest file (by write time)
    /// signs, the next key waits in <c>next/</c>. The layout is part of the data folder's contract: whoever
    /// shares the folder finds the active signing key as the newest top-level file, without asking this process.
    /// </summary>
    public string SigningKeysDirectory => Path.Combine(DataDirectory, SigningKeysFolderName);

    /// <summary>RSA keys that encrypt authorization codes and refresh tokens (never exposed in the JWKS).</summary>
    public string EncryptionKeysDirectory => Path.Combine(DataDirectory, EncryptionKeysFolderName);

    public string DataProtectionKeysDirectory => Path.Combine(DataDirectory, DataProtectionKeysFolderName);
}
