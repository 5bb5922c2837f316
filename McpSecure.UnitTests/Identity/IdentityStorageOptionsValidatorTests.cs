using McpSecure.Identity.Storage;

namespace McpSecure.UnitTests.Identity;

/// <summary>Identity:Storage at start-up: PostgreSQL needs a usable connection string, and no message repeats it.</summary>
public sealed class IdentityStorageOptionsValidatorTests
{
    private const string Password = "s3cret-never-shown";

    private static IReadOnlyList<string> Failures(IdentityStorageProvider provider, string? connectionString)
    {
        var result = new IdentityStorageOptionsValidator().Validate(null,
            new IdentityStorageOptions { Provider = provider, ConnectionString = connectionString });
        return result.Failed ? [.. result.Failures!] : [];
    }

    [Fact]
    public void Sqlite_needs_no_connection_string() => Assert.Empty(Failures(IdentityStorageProvider.Sqlite, null));

    [Fact]
    public void A_complete_postgresql_connection_string_passes() =>
        Assert.Empty(Failures(IdentityStorageProvider.PostgreSql, $"Host=db;Port=5432;Database=identitydb;Username=identity;Password={Password}"));

    [Fact]
    public void Postgresql_without_a_connection_string_names_the_key_and_the_provider_setting()
    {
        var failure = Assert.Single(Failures(IdentityStorageProvider.PostgreSql, null));
        Assert.StartsWith("ConnectionStrings:identitydb is required when Identity:Storage:Provider is PostgreSql", failure);
    }

    [Theory]
    [InlineData($"Host=db;Databse=identitydb;Password={Password}", "is not a valid PostgreSQL connection string")]
    [InlineData($"Database=identitydb;Password={Password}", "names no Host")]
    [InlineData($"Host=db;Password={Password}", "names no Database")]
    public void A_bad_connection_string_is_named_by_its_key_and_never_repeated(string connectionString, string expected)
    {
        var failure = Assert.Single(Failures(IdentityStorageProvider.PostgreSql, connectionString));
        Assert.StartsWith("ConnectionStrings:identitydb", failure);
        Assert.Contains(expected, failure);
        Assert.DoesNotContain(Password, failure);
    }

    [Fact]
    public void The_description_for_logs_names_host_port_database_and_user_but_not_the_password()
    {
        var description = PostgreSqlTarget.Describe($"Host=db.internal;Port=6432;Database=identitydb;Username=identity;Password={Password}");

        Assert.Equal("PostgreSQL database 'identitydb' on db.internal:6432 as 'identity'", description);
    }
}
