using System.Security.Cryptography;
using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.LemonLdap;

/// <summary>
/// The real AppHost in federation mode (<c>McpSecure:UpstreamIssuer</c>) with LemonLDAP::NG as the organisation's
/// provider: one pre-registered confidential client with PKCE whose only redirect URI is McpSecure.Identity's
/// <c>/federation/callback</c>, its group <c>timelords</c> mapped to the role <c>admin</c>. MCP clients register with a
/// Client ID Metadata Document (<see cref="ClientDocuments"/>, https on loopback, trusted in development). The app starts
/// first (the callback URL is known only then), then the provider on a port chosen beforehand.
/// </summary>
public sealed class LemonLdapFederationFixture : IAsyncLifetime
{
    public const string UpstreamClientId = "mcpsecure-identity";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    private readonly int _upstreamPort = Loopback.FreeTcpPort();
    private readonly string _upstreamSecret = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));

    public LemonLdapProcess Provider { get; private set; } = null!;
    public DistributedApplication App { get; private set; } = null!;
    public ClientMetadataDocumentHost ClientDocuments { get; private set; } = null!;
    public string DataPath { get; } = Directory.CreateTempSubdirectory("mcpsecure-lemonldap-federation-").FullName;
    public string UpstreamIssuer => $"http://localhost:{_upstreamPort}";
    public Uri GatewayUrl => App.GetEndpoint("gateway", "http");
    public Uri McpUrl => new(GatewayUrl, "/mcp");
    public Uri IdentityUrl => App.GetEndpoint("identity", "http");

    /// <summary>McpSecure.Identity's issuer, as in its tokens (OpenIddict's trailing slash).</summary>
    public string Issuer => IdentityUrl.AbsoluteUri;

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
                "--McpSecure:UpstreamRoleMap:timelords=admin",
                "--McpSecure:UpstreamDefaultRoles:0=reader",
            ], cts.Token))
            .WithResourceEnvironment("identity", "Identity__ClientMetadataDocuments__AllowLoopback", "true")
            .WithResourceEnvironment("identity", "Identity__ClientMetadataDocuments__TrustedDevelopmentCertificatePath", ClientDocuments.CertificatePath);
        App = await builder.BuildAsync(cts.Token);
        await App.StartAsync(cts.Token);
        await App.ResourceNotifications.WaitForResourceHealthyAsync("gateway", cts.Token);
        Provider = await LemonLdapProcess.StartAsync(_upstreamPort,
            [new LemonLdapRelyingParty(UpstreamClientId, [new Uri(IdentityUrl, "/federation/callback").AbsoluteUri], ClientSecret: _upstreamSecret)],
            cts.Token);
    }

    public async Task DisposeAsync()
    {
        if (Provider is not null)
        {
            await Provider.DisposeAsync();
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
