namespace McpSecure.AppHost.Configuration;

/// <summary>Where McpSecure.Identity keeps clients, consents, tokens and keys (<c>McpSecure:Identity:Storage</c>).</summary>
internal enum IdentityStorage
{
    /// <summary>A SQLite file and key folders in the data folder: one replica.</summary>
    Sqlite,

    /// <summary>One PostgreSQL database, shared by every replica.</summary>
    PostgreSql,
}
