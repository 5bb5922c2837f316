using Npgsql;

namespace McpSecure.Identity.Storage;

/// <summary>What a PostgreSQL connection string points at, safe to log: host, port, database and user, never the password.</summary>
internal static class PostgreSqlTarget
{
    public static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"PostgreSQL database '{builder.Database}' on {builder.Host}:{builder.Port} as '{builder.Username}'";
    }
}
