using Npgsql;

namespace McpSecure.Identity.Storage;

/// <summary>
/// A PostgreSQL session advisory lock held on its own connection, so that replicas starting at once take turns to
/// create the schema and to seed; with SQLite (one replica) nothing to lock. Released on dispose (and by PostgreSQL
/// when the connection ends, so a replica that dies holding it blocks nobody).
/// </summary>
internal sealed class IdentityStoreLock : IAsyncDisposable
{
    /// <summary>Schema creation (EnsureCreated).</summary>
    public const long Schema = 0x4d63_7053_0001;

    /// <summary>Realm seeding and the first Data Protection key.</summary>
    public const long Seeding = 0x4d63_7053_0002;

    /// <summary>Signing and encryption keys (a transaction lock, see <see cref="Keys.DatabaseServerKeyStore"/>).</summary>
    public const long Keys = 0x4d63_7053_0003;

    private static readonly IdentityStoreLock None = new(null, 0);

    private readonly NpgsqlConnection? _connection;
    private readonly long _lockId;

    private IdentityStoreLock(NpgsqlConnection? connection, long lockId)
    {
        _connection = connection;
        _lockId = lockId;
    }

    /// <summary>
    /// Takes the lock; while PostgreSQL refuses connections or is starting up, retries for
    /// <see cref="IdentityStorageOptions.StartupRetryPeriod"/> (the database may start after the replicas).
    /// </summary>
    public static async Task<IdentityStoreLock> AcquireAsync(IdentityStorageOptions storage, long lockId, CancellationToken cancellationToken,
        TimeProvider? timeProvider = null)
    {
        if (!storage.IsPostgreSql)
        {
            return None;
        }

        var clock = timeProvider ?? TimeProvider.System;
        var deadline = clock.GetUtcNow() + storage.StartupRetryPeriod;
        while (true)
        {
            try
            {
                return await TryAcquireAsync(storage, lockId, cancellationToken);
            }
            catch (IdentityStoreUnreachableException exception) when (IsTransient(exception.InnerException) && clock.GetUtcNow() < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), clock, cancellationToken);
            }
        }
    }

    /// <summary>Worth another try: no answer yet (refused, timed out) or the server is starting up or shutting down.</summary>
    private static bool IsTransient(Exception? exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState is PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.AdminShutdown,
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is System.Net.Sockets.SocketException or TimeoutException,
        _ => false,
    };

    private static async Task<IdentityStoreLock> TryAcquireAsync(IdentityStorageOptions storage, long lockId, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(storage.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@id)", connection);
            command.Parameters.AddWithValue("id", lockId);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new IdentityStoreLock(connection, lockId);
        }
        catch (Exception exception) when (exception is NpgsqlException)
        {
            await connection.DisposeAsync();
            throw IdentityStoreUnreachableException.From(storage, exception);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is null)
        {
            return;
        }

        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@id)", _connection);
            command.Parameters.AddWithValue("id", _lockId);
            await command.ExecuteNonQueryAsync();
        }
        finally
        {
            await _connection.DisposeAsync();
        }
    }
}
