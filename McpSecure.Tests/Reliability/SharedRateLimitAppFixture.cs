using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.Reliability;

/// <summary>
/// The real AppHost in Embedded mode with <c>McpSecure:Redis=true</c> (a real <c>redis-server</c> process) and a small
/// per-user limit (10 a minute), plus a second gateway process started exactly like the first: two replicas sharing
/// one Redis in front of the same MCP server.
/// </summary>
public sealed class SharedRateLimitAppFixture : IAsyncLifetime
{
    public const int PermitLimit = 10;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    public DistributedApplication App { get; private set; } = null!;
    public string DataPath { get; } = Directory.CreateTempSubdirectory("mcpsecure-redis-").FullName;
    public Uri GatewayUrl => App.GetEndpoint("gateway", "http");
    public Uri McpUrl => new(GatewayUrl, "/mcp");
    public string Issuer => new Uri(App.GetEndpoint("identity", "http"), "/").AbsoluteUri;
    public GatewayReplica Replica { get; private set; } = null!;
    public TokenForge Forge { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var cts = new CancellationTokenSource(StartTimeout);
        var builder = (await TestAppHost.CreateEmbeddedAsync(DataPath, ["--McpSecure:Redis=true"], cts.Token))
            .WithResourceEnvironment("gateway", "Gateway__Limits__RequestsPerUser__PermitLimit", PermitLimit.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithResourceEnvironment("gateway", "Gateway__Limits__RequestsPerUser__Window", "00:01:00")
            // Generous on a loaded CI machine: this class proves sharing and fallback, not the default 250 ms.
            .WithResourceEnvironment("gateway", "Gateway__Limits__RequestsPerUser__RedisTimeout", "00:00:02")
            .WithResourceEnvironment("gateway", "Gateway__Limits__RequestsPerUser__RedisRetryInterval", "00:00:01");
        App = await builder.BuildAsync(cts.Token);
        await App.StartAsync(cts.Token);
        foreach (var resource in new[] { "redis", "identity", "prometheus-mcp", "gateway" })
        {
            await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, cts.Token);
        }
        Forge = new TokenForge(Path.Combine(DataPath, "identity"), Issuer, McpUrl.AbsoluteUri);
        var gatewayProcess = ProcessMemory.FindInTree(await ResourceFaults.ProcessIdAsync(App, "gateway"), "McpSecure.Gateway");
        var upstream = File.ReadAllText($"/proc/{gatewayProcess}/environ").Split('\0')
            .Single(e => e.StartsWith("Gateway__UpstreamUrl=", StringComparison.Ordinal)).Split('=', 2)[1];
        Replica = await GatewayReplica.StartAsync(gatewayProcess, new Uri(upstream), TimeSpan.FromMinutes(2));
    }

    public async Task DisposeAsync()
    {
        if (Replica is not null)
        {
            await Replica.DisposeAsync();
        }
        if (App is not null)
        {
            await App.DisposeAsync();
        }
        TempFolder.TryDelete(DataPath);
    }
}
