using McpSecure.Tests.Infrastructure;
using Xunit.Abstractions;

namespace McpSecure.Tests.Interop;

/// <summary>
/// The real AppHost pointed, by configuration alone (<c>McpSecure:ExternalIssuer</c>), at the npm <c>oidc-provider</c>
/// (<see cref="OidcProviderProcess"/>) instead of McpSecure.Identity. Each fixture chooses the gateway's configuration
/// and when the provider starts.
/// </summary>
public abstract class OidcProviderAppFixture(IMessageSink diagnostics) : AppHostFixture(diagnostics, "mcpsecure-interop-")
{
    private readonly int _providerPort = Loopback.FreeTcpPort();

    /// <summary>The provider's issuer (no trailing slash), known before it starts.</summary>
    public new string Issuer => $"http://localhost:{_providerPort}";

    /// <summary>Starts the provider for the gateway's resource, issuing <paramref name="tokenFormat"/> access tokens (jwt or opaque).</summary>
    protected async Task StartProviderAsync(string tokenFormat, CancellationToken cancellationToken) =>
        Own(await OidcProviderProcess.StartAsync(_providerPort, McpUrl, tokenFormat, cancellationToken));
}
