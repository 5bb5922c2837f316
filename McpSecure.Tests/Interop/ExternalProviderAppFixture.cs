using System.Net.Http.Json;
using System.Text.Json;
using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.Interop;

/// <summary>
/// The real AppHost pointed, by configuration alone, at a second and independent OIDC provider: the certified npm
/// <c>oidc-provider</c> (tools/oidc-provider/server.mjs), which has no dynamic registration, so the gateway's
/// registration facade is on. The app starts before the provider, so the gateway's answer while the provider is
/// unreachable is recorded first.
/// </summary>
public sealed class ExternalProviderAppFixture : IAsyncLifetime
{
    public const string PublicClientId = "mcp-client";

    private OidcProviderProcess? _provider;
    private readonly int _providerPort = Loopback.FreeTcpPort();

    public DistributedApplication App { get; private set; } = null!;
    public string DataPath { get; } = Directory.CreateTempSubdirectory("mcpsecure-interop-").FullName;
    public string Issuer => $"http://localhost:{_providerPort}";
    public Uri GatewayUrl => App.GetEndpoint("gateway", "http");
    public Uri McpUrl => new(GatewayUrl, "/mcp");

    /// <summary>The gateway's authorization-server metadata answer before the provider was started.</summary>
    public (HttpStatusCode Status, string? RetryAfter, JsonElement Body) MetadataWhileProviderDown { get; private set; }

    public async Task InitializeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(4));

        var builder = await TestAppHost.CreateEmbeddedAsync(DataPath,
            [$"--McpSecure:ExternalIssuer={Issuer}", $"--McpSecure:ExternalPublicClientId={PublicClientId}"], cts.Token);
        App = await builder.BuildAsync(cts.Token);
        await App.StartAsync(cts.Token);
        await App.ResourceNotifications.WaitForResourceHealthyAsync("gateway", cts.Token);
        await EmbeddedAppFixture.WaitUntilPrometheusHasScrapedEveryTargetAsync(App, cts.Token);

        using var http = EmbeddedAppFixture.CreateRawClient();
        using (var response = await http.GetAsync(new Uri(GatewayUrl, "/.well-known/oauth-authorization-server"), cts.Token))
        {
            MetadataWhileProviderDown = (response.StatusCode, response.Headers.RetryAfter?.ToString(),
                await response.Content.ReadFromJsonAsync<JsonElement>(cts.Token));
        }

        _provider = await OidcProviderProcess.StartAsync(_providerPort, McpUrl, "jwt", cts.Token);
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
