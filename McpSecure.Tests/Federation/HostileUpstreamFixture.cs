using System.Security.Cryptography;
using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.Federation;

/// <summary>The real AppHost in federation mode in front of <see cref="HostileUpstreamProvider"/> (started first, on a port chosen beforehand).</summary>
public sealed class HostileUpstreamFixture : IAsyncLifetime
{
    public const string UpstreamClientId = "mcpsecure-identity";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    public HostileUpstreamProvider Upstream { get; private set; } = null!;
    public DistributedApplication App { get; private set; } = null!;
    public ResourceLogCollector Logs { get; private set; } = null!;
    public string DataPath { get; } = Directory.CreateTempSubdirectory("mcpsecure-hostile-upstream-").FullName;
    public Uri GatewayUrl => App.GetEndpoint("gateway", "http");
    public Uri McpUrl => new(GatewayUrl, "/mcp");
    public Uri IdentityUrl => App.GetEndpoint("identity", "http");

    public async Task InitializeAsync()
    {
        using var cts = new CancellationTokenSource(StartTimeout);
        Upstream = await HostileUpstreamProvider.StartAsync(Loopback.FreeTcpPort(), UpstreamClientId);
        var builder = await TestAppHost.CreateEmbeddedAsync(DataPath,
        [
            $"--McpSecure:UpstreamIssuer={Upstream.Issuer}",
            $"--McpSecure:UpstreamClientId={UpstreamClientId}",
            $"--Parameters:upstream-client-secret={Convert.ToHexString(RandomNumberGenerator.GetBytes(24))}",
            "--McpSecure:UpstreamScopes:0=openid",
            "--McpSecure:UpstreamScopes:1=profile",
            "--McpSecure:UpstreamScopes:2=email",
        ], cts.Token);
        App = await builder.BuildAsync(cts.Token);
        Logs = new ResourceLogCollector(App, ["identity"]);
        await App.StartAsync(cts.Token);
        await App.ResourceNotifications.WaitForResourceHealthyAsync("gateway", cts.Token);
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }
        if (Upstream is not null)
        {
            await Upstream.DisposeAsync();
        }
        TempFolder.TryDelete(DataPath);
    }
}
