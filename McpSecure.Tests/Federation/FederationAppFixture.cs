using System.Security.Cryptography;
using McpSecure.Tests.Infrastructure;
using McpSecure.Tests.Interop;

namespace McpSecure.Tests.Federation;

/// <summary>
/// The real AppHost in federation mode, by configuration alone (<c>McpSecure:UpstreamIssuer</c>, <c>UpstreamClientId</c>,
/// the secret as the parameter <c>upstream-client-secret</c>, scopes and a group → role mapping), in front of the npm
/// <c>oidc-provider</c> as the organisation's provider. The app starts first (McpSecure.Identity reads the upstream
/// discovery only at the first sign-in), then the provider, told our redirect URI. MCP clients with a Client ID Metadata
/// Document publish it at <see cref="ClientDocuments"/> (https on loopback, trusted in development).
/// </summary>
public sealed class FederationAppFixture : IAsyncLifetime
{
    public const string UpstreamClientId = "mcpsecure-identity";

    /// <summary>The client allowed to exchange a user's token for their upstream token (the realm's dev-only machine client).</summary>
    public const string ExchangeClientId = "mcp-machine";

    public const string ExchangeClientSecret = "dev-only-mcp-machine-secret";

    /// <summary>The one upstream API an upstream token may be exchanged for.</summary>
    public const string UpstreamApiAudience = "https://api.upstream.example";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    private readonly int _upstreamPort = Loopback.FreeTcpPort();
    private readonly string _upstreamSecret = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
    private OidcProviderProcess? _upstream;

    public DistributedApplication App { get; private set; } = null!;

    /// <summary>Where the tests' clients publish their metadata documents (https on loopback, trusted by the provider).</summary>
    public ClientMetadataDocumentHost ClientDocuments { get; private set; } = null!;
    public string DataPath { get; } = Directory.CreateTempSubdirectory("mcpsecure-federation-").FullName;
    public string UpstreamIssuer => $"http://localhost:{_upstreamPort}";
    public Uri GatewayUrl => App.GetEndpoint("gateway", "http");
    public Uri McpUrl => new(GatewayUrl, "/mcp");
    public Uri IdentityUrl => App.GetEndpoint("identity", "http");

    /// <summary>McpSecure.Identity's issuer, as in its tokens (OpenIddict's trailing slash).</summary>
    public string Issuer => IdentityUrl.AbsoluteUri;

    public Uri CallbackUrl => new(IdentityUrl, "/federation/callback");

    /// <summary>Every log line of McpSecure.Identity and the gateway, to check that no secret is logged.</summary>
    public ResourceLogCollector Logs { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var cts = new CancellationTokenSource(StartTimeout);
        ClientDocuments = await ClientMetadataDocumentHost.StartAsync(DataPath);
        var builder = (await TestAppHost.CreateEmbeddedAsync(DataPath,
        [
            $"--McpSecure:UpstreamIssuer={UpstreamIssuer}",
            $"--McpSecure:UpstreamClientId={UpstreamClientId}",
            $"--Parameters:upstream-client-secret={_upstreamSecret}",
            "--McpSecure:UpstreamScopes:0=openid",
            "--McpSecure:UpstreamScopes:1=profile",
            "--McpSecure:UpstreamScopes:2=email",
            "--McpSecure:UpstreamScopes:3=groups",
            "--McpSecure:UpstreamRoleClaims:0=groups",
            "--McpSecure:UpstreamRoleMap:mcp-admins=admin",
            "--McpSecure:UpstreamDefaultRoles:0=reader",
            // Kept upstream tokens: the realm's confidential mcp-machine stands for an MCP server's own client.
            "--McpSecure:UpstreamKeepTokens=true",
            $"--McpSecure:UpstreamTokenExchangeClients:0={ExchangeClientId}",
            $"--McpSecure:UpstreamTokenAudiences:0={UpstreamApiAudience}",
        ], cts.Token))
            .WithResourceEnvironment("identity", "Identity__ClientMetadataDocuments__AllowLoopback", "true")
            .WithResourceEnvironment("identity", "Identity__ClientMetadataDocuments__TrustedDevelopmentCertificatePath", ClientDocuments.CertificatePath);
        App = await builder.BuildAsync(cts.Token);
        Logs = new ResourceLogCollector(App, ["identity", "gateway"]);
        await App.StartAsync(cts.Token);
        await App.ResourceNotifications.WaitForResourceHealthyAsync("gateway", cts.Token);
        _upstream = await OidcProviderProcess.StartUpstreamAsync(_upstreamPort, CallbackUrl, UpstreamClientId, _upstreamSecret, cts.Token);
    }

    /// <summary>The upstream provider's output (SHA-256 of every token presented to it).</summary>
    public IReadOnlyCollection<string> UpstreamOutput => _upstream!.Output;

    /// <summary>The upstream client secret, for the test that no log line contains it.</summary>
    public string UpstreamSecret => _upstreamSecret;

    public async Task DisposeAsync()
    {
        if (_upstream is not null)
        {
            await _upstream.DisposeAsync();
        }
        if (App is not null)
        {
            await App.DisposeAsync();
        }
        if (ClientDocuments is not null)
        {
            await ClientDocuments.DisposeAsync();
        }
        TempFolder.TryDelete(DataPath);
    }
}
