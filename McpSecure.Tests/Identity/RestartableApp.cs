using McpSecure.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace McpSecure.Tests.Identity;

/// <summary>
/// The real AppHost in Embedded mode on a data folder and fixed ports of the test's choosing, so that it can be
/// stopped and started again as the same deployment (same issuer, same resource URL, same keys and database).
/// Extra <c>Identity__*</c> environment variables may be given to the identity provider.
/// </summary>
public sealed class RestartableApp
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    public string DataPath { get; } = Directory.CreateTempSubdirectory("mcpsecure-restart-").FullName;
    public int GatewayPort { get; } = Loopback.FreeTcpPort();
    public int IdentityPort { get; } = Loopback.FreeTcpPort();

    public Uri Issuer => new($"http://localhost:{IdentityPort}/");
    public Uri McpUrl => new($"http://localhost:{GatewayPort}/mcp");
    public string IdentityDataPath => Path.Combine(DataPath, "identity");

    /// <summary>A forge with the provider's newest signing key as it is in the data folder now.</summary>
    public TokenForge ReadForge() => new(IdentityDataPath, Issuer.AbsoluteUri, McpUrl.AbsoluteUri);

    public async Task<DistributedApplication> StartAsync(IReadOnlyDictionary<string, string>? identityEnvironment = null)
    {
        using var cts = new CancellationTokenSource(StartTimeout);
        var builder = await TestAppHost.CreateEmbeddedAsync(DataPath,
        [
            $"--McpSecure:GatewayPort={GatewayPort}",
            $"--McpSecure:IdentityPort={IdentityPort}",
            "--DcpPublisher:RandomizePorts=false",
        ], cts.Token);
        foreach (var (name, value) in identityEnvironment ?? new Dictionary<string, string>())
        {
            builder.WithResourceEnvironment("identity", name, value);
        }

        var app = await builder.BuildAsync(cts.Token);
        await app.StartAsync(cts.Token);
        foreach (var resource in new[] { "identity", "gateway" })
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, cts.Token);
        }
        return app;
    }

    public void DeleteData() => TempFolder.TryDelete(DataPath);
}
