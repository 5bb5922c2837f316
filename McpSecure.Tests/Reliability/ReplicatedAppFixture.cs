using McpSecure.Tests.Infrastructure;
using McpSecure.Tests.Template;

namespace McpSecure.Tests.Reliability;

/// <summary>
/// The real AppHost in Embedded mode with two gateway replicas (<c>McpSecure:Gateway:Replicas=2</c>, Aspire's proxy on
/// the gateway's port) in front of a stateful MCP server nobody here wrote: <c>@modelcontextprotocol/server-everything</c>
/// (sessions with <c>Mcp-Session-Id</c>), the gateway pointed at it by configuration (<c>Gateway:UpstreamUrl</c>) as an
/// operator would. The app's own stateless MCP server runs too. Per-user and per-address limits raised: these tests
/// send many requests as one user and register many clients from one address.
/// </summary>
public sealed class ReplicatedAppFixture : IAsyncLifetime
{
    public const int Replicas = 2;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    public DistributedApplication App { get; private set; } = null!;
    public string DataPath { get; } = Directory.CreateTempSubdirectory("mcpsecure-replicas-").FullName;
    public int EverythingPort { get; } = Loopback.FreeTcpPort();
    public EverythingServer Everything { get; set; } = null!;

    /// <summary>The gateway's port: Aspire's proxy in front of the replicas.</summary>
    public Uri GatewayUrl => App.GetEndpoint("gateway", "http");
    public Uri McpUrl => new(GatewayUrl, "/mcp");
    public Uri IdentityUrl => App.GetEndpoint("identity", "http");
    public string Issuer => new Uri(IdentityUrl, "/").AbsoluteUri;
    public Uri EverythingMcpUrl => new($"http://127.0.0.1:{EverythingPort}/mcp");

    /// <summary>alice's access token from a real PKCE login.</summary>
    public string Token { get; private set; } = null!;

    public Task<PkceLogin.TokenResponse> LoginAsync(string username = "alice", string password = "alice-dev-password") =>
        PkceLogin.GetTokenAsync(new Uri(Issuer), McpUrl.AbsoluteUri, username, password, AuthorizationRequest.DefaultScopes + " prometheus:read");

    public Task<IReadOnlyList<GatewayInstances.Instance>> GatewayReplicasAsync() =>
        GatewayInstances.RunningAsync(App, "gateway", TimeSpan.FromSeconds(90));

    public async Task InitializeAsync()
    {
        using var cts = new CancellationTokenSource(StartTimeout);
        Everything = await EverythingServer.StartAsync(EverythingPort, TimeSpan.FromSeconds(30));
        var builder = (await TestAppHost.CreateEmbeddedAsync(DataPath, [$"--McpSecure:Gateway:Replicas={Replicas}"], cts.Token))
            .WithResourceEnvironment("gateway", "Gateway__UpstreamUrl", EverythingMcpUrl.AbsoluteUri)
            // server-everything has no health endpoint: passive checks only, as for any external server.
            .WithResourceEnvironment("gateway", "Gateway__Upstream__HealthCheckPath", "")
            .WithResourceEnvironment("gateway", "Gateway__Limits__RequestsPerUser__PermitLimit", "0")
            .WithResourceEnvironment("identity", "Identity__ClientRegistration__RegistrationsPerMinute", "10000");
        App = await builder.BuildAsync(cts.Token);
        await App.StartAsync(cts.Token);
        foreach (var resource in new[] { "identity", "prometheus-mcp", "gateway" })
        {
            await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, cts.Token);
        }
        await GatewayReplicasAsync();
        Token = (await LoginAsync()).AccessToken;
    }

    /// <summary>Restarts server-everything on its port: every session it held is gone.</summary>
    public async Task RestartEverythingAsync()
    {
        await Everything.DisposeAsync();
        Everything = await EverythingServer.StartAsync(EverythingPort, TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }
        if (Everything is not null)
        {
            await Everything.DisposeAsync();
        }
        TempFolder.TryDelete(DataPath);
    }
}

[CollectionDefinition(Name)]
public sealed class ReplicatedAppCollection : ICollectionFixture<ReplicatedAppFixture>
{
    public const string Name = "Replicated gateway app";
}
