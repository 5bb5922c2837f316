using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using McpSecure.AppHost;
using McpSecure.AppHost.Configuration;
using McpSecure.AppHost.Hosting.PostgreSql;
using McpSecure.AppHost.HostingModes;

namespace McpSecure.UnitTests.AppHost;

/// <summary>McpSecure:Identity:Storage and McpSecure:Identity:Replicas in the app model, in both hosting modes.</summary>
public sealed class IdentityScaleOutModelTests
{
    private static AppHostOptions ScaledOut(int replicas = 2) => new()
    {
        IdentityPort = 5401,
        DataPath = Path.GetTempPath(),
        UpstreamIssuer = "https://login.example.com/realms/example",
        UpstreamClientId = "mcpsecure-identity",
        Identity = new IdentitySettings { Storage = IdentityStorage.PostgreSql, Replicas = replicas },
    };

    private static (IDistributedApplicationBuilder Builder, ProjectResource Identity) Add(HostingMode mode, AppHostOptions options)
    {
        var builder = AppModel.CreateBuilder();
        var provider = builder.AddIdentityProvider(mode, options, ReferenceExpression.Create($"http://localhost:5400/mcp"));
        return (builder, Assert.IsType<ProjectResource>(provider.Resource!.Resource));
    }

    [Fact]
    public async Task Containers_mode_adds_aspires_postgresql_with_a_database_that_the_identity_replicas_reference()
    {
        var (builder, identity) = Add(HostingMode.Containers, ScaledOut());

        var server = Assert.Single(builder.Resources.OfType<PostgresServerResource>());
        Assert.Equal(IdentityDatabaseExtensions.ServerResource, server.Name);
        var database = Assert.Single(builder.Resources.OfType<PostgresDatabaseResource>());
        Assert.Equal(IdentityDatabaseExtensions.DatabaseName, database.DatabaseName);
        Assert.True(server.PasswordParameter.Secret);

        var environment = await AppModel.EnvironmentAsync(identity);
        Assert.Equal("PostgreSql", environment["Identity__Storage__Provider"]);
        Assert.Contains($"ConnectionStrings__{IdentityDatabaseExtensions.DatabaseName}", environment.Keys);
        Assert.Equal(2, Assert.Single(identity.Annotations.OfType<ReplicaAnnotation>()).Replicas);
        Assert.Contains(identity.Annotations.OfType<WaitAnnotation>(), wait => wait.Resource == database);
    }

    [Fact]
    public async Task Embedded_mode_runs_debians_postgres_as_a_process_and_hands_identity_a_connection_string_with_the_secret_password()
    {
        var (builder, identity) = Add(HostingMode.Embedded, ScaledOut(3));

        Assert.Empty(builder.Resources.OfType<PostgresServerResource>());
        var server = Assert.Single(builder.Resources.OfType<ExecutableResource>(), resource => resource.Name == IdentityDatabaseExtensions.ServerResource);
        var arguments = await AppModel.ArgumentsAsync(server);
        Assert.Contains(Path.Combine(Path.GetTempPath(), "identity-postgres"), arguments.Select(argument => argument.ToString()));
        Assert.Contains(IdentityDatabaseExtensions.BinDirectory, arguments.Select(argument => argument.ToString()));
        var script = arguments[1].ToString()!;
        Assert.Contains("runuser -u nobody", script);
        Assert.Contains("initdb", script);
        Assert.Contains("listen_addresses=127.0.0.1", script);

        var password = Assert.Single(builder.Resources.OfType<ParameterResource>(), parameter => parameter.Name == IdentityDatabaseExtensions.PasswordParameter);
        Assert.True(password.Secret);
        var environment = await AppModel.EnvironmentAsync(identity);
        Assert.Equal("PostgreSql", environment["Identity__Storage__Provider"]);
        var connectionString = Assert.IsType<ReferenceExpression>(environment[$"ConnectionStrings__{IdentityDatabaseExtensions.DatabaseName}"]);
        Assert.StartsWith("Host=127.0.0.1;Port=", connectionString.Format);
        Assert.Contains(password, connectionString.ValueProviders);
        Assert.Equal(3, Assert.Single(identity.Annotations.OfType<ReplicaAnnotation>()).Replicas);
        Assert.Contains(identity.Annotations.OfType<WaitAnnotation>(), wait => wait.Resource == server);
    }

    [Fact]
    public async Task Sqlite_the_default_adds_no_database_and_one_replica()
    {
        var options = ScaledOut();
        options.Identity = new IdentitySettings();
        var (builder, identity) = Add(HostingMode.Embedded, options);

        Assert.DoesNotContain(builder.Resources, resource => resource.Name == IdentityDatabaseExtensions.ServerResource);
        Assert.Empty(identity.Annotations.OfType<ReplicaAnnotation>());
        Assert.DoesNotContain("Identity__Storage__Provider", (await AppModel.EnvironmentAsync(identity)).Keys);
    }

    [Theory]
    [InlineData(2, "Sqlite", "McpSecure:Identity:Replicas is 2, which needs McpSecure:Identity:Storage=PostgreSql")]
    [InlineData(0, "PostgreSql", "McpSecure:Identity:Replicas must be at least 1")]
    public void Replicas_without_a_shared_database_are_refused_naming_both_keys(int replicas, string storage, string expected)
    {
        var options = ScaledOut(replicas);
        options.Identity.Storage = Enum.Parse<IdentityStorage>(storage);

        var result = new AppHostOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, failure => failure.StartsWith(expected, StringComparison.Ordinal));
    }
}
