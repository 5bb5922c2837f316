using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.Reliability;

/// <summary>
/// The real AppHost in Embedded mode for load: the per-user rate limit off at the gateway (one user sends thousands of
/// requests), everything else as shipped. One real PKCE login; the gateway's process id for its resident memory.
/// </summary>
public sealed class LoadAppFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    public DistributedApplication App { get; private set; } = null!;
    public string DataPath { get; } = Directory.CreateTempSubdirectory("mcpsecure-load-").FullName;
    public Uri GatewayUrl => App.GetEndpoint("gateway", "http");
    public Uri McpUrl => new(GatewayUrl, "/mcp");
    public string Issuer => new Uri(App.GetEndpoint("identity", "http"), "/").AbsoluteUri;
    /// <summary>alice's access token (scopes mcp:tools and prometheus:read), from a real login.</summary>
    public string Token { get; private set; } = null!;
    /// <summary>The gateway's own process (not a wrapper around it).</summary>
    public int GatewayProcessId { get; private set; }

    public async Task InitializeAsync()
    {
        using var cts = new CancellationTokenSource(StartTimeout);
        var builder = (await TestAppHost.CreateEmbeddedAsync(DataPath, cancellationToken: cts.Token))
            .WithResourceEnvironment("gateway", "Gateway__Limits__RequestsPerUser__PermitLimit", "0");
        App = await builder.BuildAsync(cts.Token);
        await App.StartAsync(cts.Token);
        foreach (var resource in new[] { "identity", "prometheus-mcp", "gateway" })
        {
            await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, cts.Token);
        }
        Token = (await PkceLogin.GetTokenAsync(new Uri(Issuer), McpUrl.AbsoluteUri, "alice", "alice-dev-password",
            AuthorizationRequest.DefaultScopes + " prometheus:read")).AccessToken;
        GatewayProcessId = ProcessMemory.FindInTree(await ResourceFaults.ProcessIdAsync(App, "gateway"), "McpSecure.Gateway");
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }
        TempFolder.TryDelete(DataPath);
    }
}
