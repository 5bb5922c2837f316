using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.Interop;

/// <summary>
/// The real AppHost with the gateway in RFC 7662 introspection mode, by configuration alone, in front of the npm
/// <c>oidc-provider</c> issuing opaque access tokens. Verdicts are cached for two seconds so that revocation is observable.
/// </summary>
public sealed class IntrospectionAppFixture : IAsyncLifetime
{
    public static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(2);

    private OidcProviderProcess? _provider;
    private readonly int _providerPort = Loopback.FreeTcpPort();

    public DistributedApplication App { get; private set; } = null!;
    public string DataPath { get; } = Directory.CreateTempSubdirectory("mcpsecure-introspection-").FullName;
    public string Issuer => $"http://localhost:{_providerPort}";
    public Uri McpUrl => new(App.GetEndpoint("gateway", "http"), "/mcp");

    public async Task InitializeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var builder = (await TestAppHost.CreateEmbeddedAsync(DataPath, [$"--McpSecure:ExternalIssuer={Issuer}"], cts.Token))
            .WithResourceEnvironment("gateway", "Gateway__TokenValidation__Mode", "Introspection")
            .WithResourceEnvironment("gateway", "Gateway__TokenValidation__ClientId", "mcp-gateway")
            .WithResourceEnvironment("gateway", "Gateway__TokenValidation__ClientSecret", "gateway-dev-secret")
            .WithResourceEnvironment("gateway", "Gateway__TokenValidation__CacheDuration", CacheDuration.ToString());

        App = await builder.BuildAsync(cts.Token);
        await App.StartAsync(cts.Token);
        await App.ResourceNotifications.WaitForResourceHealthyAsync("gateway", cts.Token);
        _provider = await OidcProviderProcess.StartAsync(_providerPort, McpUrl, "opaque", cts.Token);
    }

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
