namespace McpSecure.Identity.Storage;

/// <summary>Where McpSecure.Identity keeps its state (<c>Identity:Storage:Provider</c>).</summary>
internal enum IdentityStorageProvider
{
    /// <summary>One SQLite file and key folders under <c>Identity:DataPath</c>: one replica (the default).</summary>
    Sqlite,

    /// <summary>
    /// One PostgreSQL database (<c>ConnectionStrings:identitydb</c>) for clients, consents, authorizations, tokens,
    /// signing and encryption keys and Data Protection keys: any number of replicas share it.
    /// </summary>
    PostgreSql,
}
