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

    /// <summary>
    /// How long start-up keeps trying to reach PostgreSQL (refused connections, "the database system is starting up")
    /// before it stops with an error naming <see cref="ConnectionStringKey"/>: the database may start after the replicas.
    /// </summary>
    public TimeSpan StartupRetryPeriod { get; set; } = TimeSpan.FromMinutes(1);

    public bool IsPostgreSql => Provider == IdentityStorageProvider.PostgreSql;
}
