namespace McpSecure.Identity.Storage;

/// <summary>
/// Storage of McpSecure.Identity, section <c>Identity:Storage</c>; the PostgreSQL connection string is
/// <c>ConnectionStrings:identitydb</c> (what Aspire's <c>WithReference(database)</c> sets).
/// Checked at start-up by <see cref="IdentityStorageOptionsValidator"/>.
/// </summary>
internal sealed class IdentityStorageOptions
{
    public const string SectionName = "Identity:Storage";

    /// <summary>The name of the connection string: Aspire's database resource is called so.</summary>
    public const string ConnectionStringName = "identitydb";

    /// <summary>The full configuration key of the connection string, for messages.</summary>
    public const string ConnectionStringKey = $"ConnectionStrings:{ConnectionStringName}";

    public const string ProviderKey = $"{SectionName}:{nameof(Provider)}";

    public IdentityStorageProvider Provider { get; set; } = IdentityStorageProvider.Sqlite;

    /// <summary>From <see cref="ConnectionStringKey"/>; never logged (it may hold a password): use <see cref="PostgreSqlTarget"/>.</summary>
    public string? ConnectionString { get; set; }

    public bool IsPostgreSql => Provider == IdentityStorageProvider.PostgreSql;
}
