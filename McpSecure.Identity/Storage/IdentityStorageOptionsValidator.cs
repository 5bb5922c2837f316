using Microsoft.Extensions.Options;
using Npgsql;

namespace McpSecure.Identity.Storage;

/// <summary>
/// Start-up validation of <see cref="IdentityStorageOptions"/>: PostgreSQL needs a well-formed connection string that
/// names a host and a database. Messages name the key and never repeat the connection string (it may hold a password).
/// </summary>
internal sealed class IdentityStorageOptionsValidator : IValidateOptions<IdentityStorageOptions>
{
    private const string Key = IdentityStorageOptions.ConnectionStringKey;

    public ValidateOptionsResult Validate(string? name, IdentityStorageOptions options)
    {
        if (!options.IsPostgreSql)
        {
            return ValidateOptionsResult.Success;
        }

        if (options.StartupRetryPeriod < TimeSpan.Zero)
        {
            return ValidateOptionsResult.Fail(
                $"{IdentityStorageOptions.SectionName}:{nameof(IdentityStorageOptions.StartupRetryPeriod)} must not be negative, e.g. 00:01:00 (got '{options.StartupRetryPeriod}').");
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail(
                $"{Key} is required when {IdentityStorageOptions.ProviderKey} is PostgreSql: e.g. Host=db;Database=identitydb;Username=identity;Password=... " +
                "(Aspire sets it with WithReference(database)).");
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or InvalidCastException)
        {
            // The exception's message may quote a value: it is not repeated.
            return ValidateOptionsResult.Fail(
                $"{Key} is not a valid PostgreSQL connection string (keyword=value pairs separated by ';', such as Host, Port, Database, Username, Password).");
        }

        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            failures.Add($"{Key} names no Host.");
        }
        if (string.IsNullOrWhiteSpace(builder.Database))
        {
            failures.Add($"{Key} names no Database: the replicas must share one database, created beforehand.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
