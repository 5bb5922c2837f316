namespace McpSecure.AppHost.Configuration;

/// <summary>
/// McpSecure.Identity's storage and scale, section <c>McpSecure:Identity</c>: <c>Storage</c> = <c>Sqlite</c> (default, one
/// replica, a file in the data folder) or <c>PostgreSql</c> (a PostgreSQL database the replicas share: Aspire's PostgreSQL
/// container in Containers mode, Debian's <c>postgres</c> as a process in Embedded mode); <c>Replicas</c> (default 1;
/// more than one needs <c>PostgreSql</c>).
/// </summary>
internal sealed class IdentitySettings
{
    public const string SectionName = $"{AppHostOptions.SectionName}:Identity";

    public IdentityStorage Storage { get; set; } = IdentityStorage.Sqlite;

    public int Replicas { get; set; } = 1;

    public bool IsPostgreSql => Storage == IdentityStorage.PostgreSql;
}
