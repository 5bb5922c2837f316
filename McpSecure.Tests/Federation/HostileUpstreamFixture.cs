using System.Security.Cryptography;
using McpSecure.Tests.Infrastructure;
using Xunit.Abstractions;

namespace McpSecure.Tests.Federation;

/// <summary>The real AppHost in federation mode in front of <see cref="HostileUpstreamProvider"/> (started first, on a port chosen beforehand).</summary>
public sealed class HostileUpstreamFixture(IMessageSink diagnostics) : AppHostFixture(diagnostics, "mcpsecure-hostile-upstream-")
{
    public const string UpstreamClientId = "mcpsecure-identity";

    public HostileUpstreamProvider Upstream { get; private set; } = null!;
    public ResourceLogCollector Logs { get; private set; } = null!;

    protected override async Task StartAsync(CancellationToken cancellationToken)
    {
        Upstream = Own(await HostileUpstreamProvider.StartAsync(Loopback.FreeTcpPort(), UpstreamClientId));
        var builder = await TestAppHost.CreateEmbeddedAsync(DataPath,
            FederationArguments.For(Upstream.Issuer, UpstreamClientId, Convert.ToHexString(RandomNumberGenerator.GetBytes(24))), cancellationToken);
        await StartAppAsync(builder, cancellationToken, app => Logs = new ResourceLogCollector(app, ["identity"]));
    }
}
