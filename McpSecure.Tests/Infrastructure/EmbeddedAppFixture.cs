using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace McpSecure.Tests.Infrastructure;

/// <summary>
/// The real AppHost in Embedded mode (McpSecure.Identity, Prometheus from PATH, the MCP server and the gateway),
/// started once per test collection, with its own data folder so that tests can read the provider's dev signing key.
/// </summary>
public sealed class EmbeddedAppFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    public DistributedApplication App { get; private set; } = null!;

    /// <summary>The spans the gateway and the MCP server export (their OTLP endpoint in these tests).</summary>
    public OtlpTraceReceiver Traces { get; } = new();

    /// <summary>
    /// The origin of the token-injecting proxy that conformance tests run through the gateway with
    /// (<see cref="TokenInjectingProxy"/>), listed in the gateway's allowed origins as an operator would list theirs.
    /// </summary>
    public Uri ProxyOrigin { get; } = new($"http://localhost:{Loopback.FreeTcpPort()}/");

    /// <summary>Every log line of our services since start.</summary>
    public ResourceLogCollector Logs { get; private set; } = null!;
    public string DataPath { get; } = Directory.CreateTempSubdirectory("mcpsecure-tests-").FullName;
    /// <summary>Deterministic data backfilled into Prometheus before it starts (see McpSecure.Tests/PrometheusMcp).</summary>
    public McpSecure.Tests.PrometheusMcp.PrometheusFixtureData PrometheusData { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>Where the tests' clients publish their metadata documents (https on loopback, trusted by the provider).</summary>
    public ClientMetadataDocumentHost ClientDocuments { get; private set; } = null!;

    /// <summary>Forges tokens with the provider's real signing key (loaded once the provider has started).</summary>
    public TokenForge Forge { get; private set; } = null!;

    public Uri GatewayUrl => App.GetEndpoint("gateway", "http");
    public Uri IdentityUrl => App.GetEndpoint("identity", "http");
    public Uri McpUrl => new(GatewayUrl, "/mcp");
    /// <summary>The issuer exactly as McpSecure.Identity writes it into tokens.</summary>
    public string Issuer => new Uri(IdentityUrl, "/").AbsoluteUri;
    /// <summary>The MCP server's own endpoint inside the app, behind the gateway (reachable here as from a neighbour container).</summary>
    public Uri McpServerUrl => new(App.GetEndpoint("prometheus-mcp", "http"), "/mcp");

    /// <summary>A real PKCE login of a dev user for the gateway's resource.</summary>
    public Task<PkceLogin.TokenResponse> LoginAsync(string username, string password, string scopes = AuthorizationRequest.DefaultScopes) =>
        PkceLogin.GetTokenAsync(new Uri(Issuer), McpUrl.AbsoluteUri, username, password, scopes);

    /// <summary>The key the gateway signs the forwarded identity with (the AppHost's generated parameter).</summary>
    public async Task<string> GatewayIdentityKeyAsync()
    {
        var model = App.Services.GetRequiredService<DistributedApplicationModel>();
        var parameter = model.Resources.OfType<ParameterResource>().Single(p => p.Name == "gateway-identity-key");
        return (await parameter.GetValueAsync(default))!;
    }

    public async Task InitializeAsync()
    {
        if (McpSecure.AppHost.ExecutableLocator.Find("prometheus") is null)
        {
            throw new InvalidOperationException($"The tests run Prometheus from PATH. {McpSecure.AppHost.PrometheusResourceExtensions.InstallHint}");
        }

        using var cts = new CancellationTokenSource(StartTimeout);
        await PrometheusData.BackfillAsync(Path.Combine(DataPath, "prometheus-data"), cts.Token);
        ClientDocuments = await ClientMetadataDocumentHost.StartAsync(DataPath);
        var builder = (await TestAppHost.CreateEmbeddedAsync(DataPath, cancellationToken: cts.Token))
            .WithLoopbackClientDocuments(ClientDocuments);
        builder.WithResourceEnvironment("gateway", "Gateway__AllowedOrigins__90", ProxyOrigin.GetLeftPart(UriPartial.Authority));
        foreach (var service in new[] { "gateway", "prometheus-mcp" })
        {
            builder.WithResourceEnvironment(service, "OTEL_EXPORTER_OTLP_ENDPOINT", Traces.Endpoint.AbsoluteUri.TrimEnd('/'))
                .WithResourceEnvironment(service, "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
                .WithResourceEnvironment(service, "OTEL_BSP_SCHEDULE_DELAY", "500");
        }

        App = await builder.BuildAsync(cts.Token);
        Logs = new ResourceLogCollector(App, ["identity", "gateway", "prometheus-mcp"]);
        await App.StartAsync(cts.Token);
        foreach (var resource in new[] { "identity", "prometheus", "prometheus-mcp", "gateway" })
        {
            await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, cts.Token);
        }
        await WaitUntilPrometheusHasScrapedEveryTargetAsync(App, cts.Token);
        Forge = new TokenForge(Path.Combine(DataPath, "identity"), Issuer, McpUrl.AbsoluteUri);
    }

    /// <summary>Tests assert on real scraped data, so wait for the first successful scrape of every job.</summary>
    public static async Task WaitUntilPrometheusHasScrapedEveryTargetAsync(DistributedApplication app, CancellationToken cancellationToken)
    {
        using var prometheus = app.CreateHttpClient("prometheus", "http");
        while (true)
        {
            var targets = await prometheus.GetFromJsonAsync<JsonElement>("/api/v1/targets?state=active", cancellationToken);
            var health = targets.GetProperty("data").GetProperty("activeTargets").EnumerateArray()
                .Select(t => t.GetProperty("health").GetString()).ToList();
            if (health.Count > 0 && health.All(h => h == "up"))
            {
                return;
            }
            await Task.Delay(500, cancellationToken);
        }
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }
        if (ClientDocuments is not null)
        {
            await ClientDocuments.DisposeAsync();
        }
        await Traces.DisposeAsync();
        TempFolder.TryDelete(DataPath);
    }

    /// <summary>An HttpClient that shows every status and header as the server sent it (no redirects, no retries).</summary>
    public static HttpClient CreateRawClient(CookieContainer? cookies = null) =>
        new(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = cookies is not null,
            CookieContainer = cookies ?? new CookieContainer(),
        })
        { Timeout = TimeSpan.FromSeconds(60) };
}

[CollectionDefinition(Name)]
public sealed class EmbeddedAppCollection : ICollectionFixture<EmbeddedAppFixture>
{
    public const string Name = "Embedded app";
}
