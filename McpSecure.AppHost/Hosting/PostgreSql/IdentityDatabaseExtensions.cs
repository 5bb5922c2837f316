using McpSecure.AppHost.HostingModes;

namespace McpSecure.AppHost.Hosting.PostgreSql;

/// <summary>
/// The PostgreSQL database McpSecure.Identity's replicas share (<c>McpSecure:Identity:Storage=PostgreSql</c>): Aspire's
/// PostgreSQL container with a data volume in Containers mode; in Embedded mode Debian's PostgreSQL 15
/// (<c>/usr/lib/postgresql/15/bin</c>) as a process, its cluster created by <c>initdb</c> in the data folder on the first
/// run. As root, PostgreSQL runs as <c>nobody</c> (it refuses root), so the data folder must be reachable by that user.
/// The password is a generated secret parameter, persisted (user secrets): the cluster keeps the first run's password.
/// </summary>
internal static class IdentityDatabaseExtensions
{
    public const string ServerResource = "identity-postgres";
    public const string PasswordParameter = "identity-postgres-password";
    public const string DatabaseName = "identitydb";
    public const string UserName = "identity";
    public const string BinDirectory = "/usr/lib/postgresql/15/bin";

    /// <summary>
    /// initdb on the first run (PG_VERSION missing), the database created in single-user mode, then the server in the
    /// foreground on loopback only, no Unix socket. <c>$1</c> data folder, <c>$2</c> port; the password in the environment.
    /// </summary>
    private const string StartScript = """
        set -eu
        data="$1"; port="$2"; bin="$3"
        if [ "$(id -u)" = 0 ]; then as_db() { runuser -u nobody -- "$@"; }; else as_db() { "$@"; }; fi
        if [ ! -s "$data/PG_VERSION" ]; then
          mkdir -p "$data"
          pwfile="$(mktemp)"
          printf '%s' "$IDENTITY_POSTGRES_PASSWORD" > "$pwfile"
          if [ "$(id -u)" = 0 ]; then chown nobody "$data" "$pwfile"; fi
          as_db "$bin/initdb" -D "$data" -U identity --pwfile="$pwfile" --auth=scram-sha-256 --encoding=UTF8 >/dev/null
          rm -f "$pwfile"
          echo "CREATE DATABASE identitydb" | as_db "$bin/postgres" --single -D "$data" postgres >/dev/null
          echo "Created the PostgreSQL cluster in $data"
        fi
        as_db "$bin/postgres" -D "$data" -p "$port" -c listen_addresses=127.0.0.1 -c unix_socket_directories= &
        child=$!
        trap 'kill -INT $child 2>/dev/null' INT TERM
        wait $child
        """;

    /// <summary>Adds the database and points <paramref name="identity"/> at it (<c>ConnectionStrings:identitydb</c>, PostgreSQL storage).</summary>
    public static IResourceBuilder<ProjectResource> WithSharedDatabase(this IResourceBuilder<ProjectResource> identity,
        IDistributedApplicationBuilder builder, HostingMode mode, string dataPath)
    {
        var password = builder.AddParameter(PasswordParameter,
            new GenerateParameterDefault { MinLength = 24, Special = false }, secret: true, persist: true);
        identity.WithEnvironment("Identity__Storage__Provider", "PostgreSql");

        if (mode == HostingMode.Containers)
        {
            var database = builder.AddPostgres(ServerResource, password: password)
                .WithDataVolume()
                .AddDatabase(DatabaseName);
            return identity.WithReference(database).WaitFor(database);
        }

        var server = builder.AddExecutable(ServerResource, "bash", dataPath)
            .WithEndpoint(name: "tcp", scheme: "tcp")
            .WithEnvironment("IDENTITY_POSTGRES_PASSWORD", password);
        var endpoint = server.GetEndpoint("tcp");
        server.WithArgs(context =>
        {
            context.Args.Add("-c");
            context.Args.Add(StartScript);
            context.Args.Add(ServerResource);
            context.Args.Add(Path.Combine(dataPath, "identity-postgres"));
            context.Args.Add(endpoint.Property(EndpointProperty.TargetPort));
            context.Args.Add(BinDirectory);
        });
        return identity
            .WithEnvironment($"ConnectionStrings__{DatabaseName}", ReferenceExpression.Create(
                $"Host=127.0.0.1;Port={endpoint.Property(EndpointProperty.Port)};Database={DatabaseName};Username={UserName};Password={password}"))
            .WaitFor(server);
    }
}
