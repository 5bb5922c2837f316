using Npgsql;

namespace McpSecure.Identity.Storage;

/// <summary>
/// The identity store's PostgreSQL database cannot be used: names the configuration key, the host, port, database and
/// user, and what PostgreSQL or the network said; never the password.
/// </summary>
internal sealed class IdentityStoreUnreachableException(string message, Exception innerException)
    : InvalidOperationException(message, innerException)
{
    public static IdentityStoreUnreachableException From(IdentityStorageOptions storage, Exception exception)
    {
        var reason = exception switch
        {
            PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } =>
                "the database does not exist (create it first: Aspire's AddDatabase does, or CREATE DATABASE)",
            PostgresException { SqlState: PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification } =>
                "PostgreSQL refused the user name or password",
            PostgresException postgres => $"PostgreSQL answered {postgres.SqlState}: {postgres.MessageText}",
            _ => exception.InnerException is { } inner ? $"{exception.Message} ({inner.Message})" : exception.Message,
        };
        return new IdentityStoreUnreachableException(
            $"The identity store, {PostgreSqlTarget.Describe(storage.ConnectionString!)} ({IdentityStorageOptions.ConnectionStringKey}), cannot be used: {reason}.",
            exception);
    }
}
