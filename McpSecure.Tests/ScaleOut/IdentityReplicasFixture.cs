using System.Security.Cryptography;
using McpSecure.Tests.Infrastructure;
using McpSecure.Tests.Interop;

namespace McpSecure.Tests.ScaleOut;

/// <summary>
/// Two McpSecure.Identity replicas in federation mode sharing one real PostgreSQL (Debian's PostgreSQL 15, started by the
/// test as a process), in front of the npm <c>oidc-provider</c> as the organisation's provider. Both replicas start at
/// the same moment on an empty database, as a scaled-out deployment does, and share one issuer (the load balancer's
/// address in production; here replica A's URL, with the test choosing which replica serves each request).
/// </summary>
public sealed class IdentityReplicasFixture : IAsyncLifetime
{
    public const string UpstreamClientId = "mcpsecure-identity";
    public const string Database = "identitydb";

    /// <summary>The realm's confidential client that stands for an MCP server exchanging a user's token (RFC 8693).</summary>
    public const string ExchangeClientId = "mcp-machine";
    public const string ExchangeClientSecret = "dev-only-mcp-machine-secret";

    /// <summary>The upstream API an upstream token may be exchanged for.</summary>
    public const string UpstreamApiAudience = "https://api.upstream.example";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    private readonly int _upstreamPort = Loopback.FreeTcpPort();
    private readonly int _portA = Loopback.FreeTcpPort();
    private readonly int _portB = Loopback.FreeTcpPort();
    private readonly string _upstreamSecret = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
    private readonly string _dataFolder = Directory.CreateTempSubdirectory("mcpsecure-replicas-").FullName;
    private OidcProviderProcess? _upstream;

    public PostgresProcess Postgres { get; private set; } = null!;
    public IdentityReplicaProcess ReplicaA { get; private set; } = null!;
    public IdentityReplicaProcess ReplicaB { get; private set; } = null!;

    /// <summary>The issuer both replicas name (OpenIddict's trailing slash).</summary>
    public string Issuer => $"http://127.0.0.1:{_portA}/";

    /// <summary>The resource (RFC 8707) the tokens are issued for: a gateway's <c>/mcp</c> URL.</summary>
    public string Resource { get; } = $"http://127.0.0.1:{Loopback.FreeTcpPort()}/mcp";

    public string UpstreamSecret => _upstreamSecret;

    /// <summary>The organisation's provider (the npm <c>oidc-provider</c>).</summary>
    public string UpstreamIssuer => $"http://localhost:{_upstreamPort}";

    /// <summary>A replica's own data folder (<c>Identity:DataPath</c>).</summary>
    public string DataPath(string replica) => Path.Combine(_dataFolder, replica);

    public async Task InitializeAsync()
    {
        using var cts = new CancellationTokenSource(StartTimeout);
        Postgres = await PostgresProcess.StartAsync([Database]);
        _upstream = await OidcProviderProcess.StartUpstreamAsync(_upstreamPort, new Uri(new Uri(Issuer), "/federation/callback"),
            UpstreamClientId, _upstreamSecret, cts.Token);

        ReplicaA = IdentityReplicaProcess.Start(_portA, Environment("a"));
        ReplicaB = IdentityReplicaProcess.Start(_portB, Environment("b"));
        await Task.WhenAll(ReplicaA.WaitUntilHealthyAsync(cts.Token), ReplicaB.WaitUntilHealthyAsync(cts.Token));
    }

    /// <summary>
    /// The configuration of a replica. Each has its own data folder (nothing shared through the file system): what they
    /// share is the database.
    /// </summary>
    public Dictionary<string, string> Environment(string replica, string? connectionString = null) => new()
    {
        ["Identity__Issuer"] = Issuer,
        ["Identity__DataPath"] = DataPath(replica),
        ["Identity__RealmFile"] = Path.Combine(RepositoryTools.Root, "McpSecure.AppHost", "Realm", "mcpsecure-realm.json"),
        ["Identity__Resources__0"] = Resource,
        ["Identity__Storage__Provider"] = "PostgreSql",
        ["ConnectionStrings__identitydb"] = connectionString ?? Postgres.ConnectionString(Database),
        ["Identity__Federation__Issuer"] = UpstreamIssuer,
        ["Identity__Federation__ClientId"] = UpstreamClientId,
        ["Identity__Federation__ClientSecret"] = _upstreamSecret,
        ["Identity__Federation__Scopes__0"] = "openid",
        ["Identity__Federation__Scopes__1"] = "profile",
        ["Identity__Federation__Scopes__2"] = "email",
        ["Identity__Federation__Scopes__3"] = "groups",
        ["Identity__Federation__Claims__Roles__0"] = "groups",
        ["Identity__Federation__RoleMap__mcp-admins"] = "admin",
        ["Identity__Federation__DefaultRoles__0"] = "reader",
        // Kept upstream tokens: in the shared database with PostgreSQL storage, so any replica exchanges them.
        ["Identity__Federation__UpstreamTokens__Keep"] = "true",
        ["Identity__Federation__UpstreamTokens__ExchangeClients__0"] = ExchangeClientId,
        ["Identity__Federation__UpstreamTokens__Audiences__0"] = UpstreamApiAudience,
    };

    public async Task DisposeAsync()
    {
        foreach (var replica in new[] { ReplicaA, ReplicaB })
        {
            if (replica is not null)
            {
                await replica.DisposeAsync();
            }
        }
        if (_upstream is not null)
        {
            await _upstream.DisposeAsync();
        }
        if (Postgres is not null)
        {
            await Postgres.DisposeAsync();
        }
        TempFolder.TryDelete(_dataFolder);
    }
}
