using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.Interop;

/// <summary>
/// The real AppHost pointed, by configuration alone (<c>McpSecure:ExternalIssuer</c>), at the npm <c>oidc-provider</c>
/// (<see cref="OidcProviderProcess"/>) instead of McpSecure.Identity. Each fixture chooses the gateway's configuration
/// and when the provider starts.
/// </summary>
public abstract class OidcProviderAppFixture : IAsyncLifetime
{
    protected static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    private readonly int _providerPort = Loopback.FreeTcpPort();
    private OidcProviderProcess? _provider;

    public DistributedApplication App { get; private set; } = null!;
    public string DataPath { get; } = Directory.CreateTempSubdirectory("mcpsecure-interop-").FullName;
    public string Issuer => $"http://localhost:{_providerPort}";
    public Uri GatewayUrl => App.GetEndpoint("gateway", "http");
    public Uri McpUrl => new(GatewayUrl, "/mcp");

    public abstract Task InitializeAsync();

    /// <summary>Builds and starts the app, and waits until the gateway is healthy.</summary>
    protected async Task StartAppAsync(IDistributedApplicationTestingBuilder builder, CancellationToken cancellationToken)
    {
        App = await builder.BuildAsync(cancellationToken);
        await App.StartAsync(cancellationToken);
        await App.ResourceNotifications.WaitForResourceHealthyAsync("gateway", cancellationToken);
    }

    /// <summary>Starts the provider for the gateway's resource, issuing <paramref name="tokenFormat"/> access tokens (jwt or opaque).</summary>
    protected async Task StartProviderAsync(string tokenFormat, CancellationToken cancellationToken) =>
        _provider = await OidcProviderProcess.StartAsync(_providerPort, McpUrl, tokenFormat, cancellationToken);

    public async Task DisposeAsync()
    {
        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
        if (App is not null)
        {
            await App.DisposeAsync();
        }
        TempFolder.TryDelete(DataPath);
    }
}
