using System.Security.Cryptography;
using McpSecure.Tests.Federation;
using McpSecure.Tests.Infrastructure;
using Xunit.Abstractions;

namespace McpSecure.Tests.LemonLdap;

/// <summary>
/// LemonLDAP::NG in both of its roles, each with the real AppHost configured as its user would, only through the
/// AppHost's configuration; one fixture starts both roles side by side, each with a provider of its own:
/// <list type="bullet">
/// <item><see cref="ExternalProviderApp"/>: the gateway pointed at LemonLDAP::NG (<see cref="ExternalProvider"/>, <c>McpSecure:ExternalIssuer</c>).
/// LemonLDAP::NG ignores RFC 8707, so its tokens carry a fixed extra audience (<see cref="GatewayAudience"/>) that the
/// gateway accepts; its access tokens say <c>typ: JWT</c>; and the gateway requires <see cref="UsersScope"/>, a scope
/// LemonLDAP::NG grants only to the group <c>timelords</c> (dwho, not rtyler). A second client
/// (<see cref="OtherAppClientId"/>) gets tokens for itself only.</item>
/// <item><see cref="FederationApp"/>: McpSecure.Identity in federation mode (<c>McpSecure:UpstreamIssuer</c>) with
/// LemonLDAP::NG (<see cref="Upstream"/>) as the organisation's provider: one pre-registered confidential client with PKCE whose only redirect
/// URI is McpSecure.Identity's <c>/federation/callback</c>, the group <c>timelords</c> mapped to the role
/// <c>admin</c>. MCP clients register with a Client ID Metadata Document (<see cref="ClientDocuments"/>, https on
/// loopback, trusted in development).</item>
/// </list>
/// </summary>
public sealed class LemonLdapFixture(IMessageSink diagnostics) : AppHostFixture(diagnostics, "mcpsecure-lemonldap-")
{
    public const string ClientId = "mcp-client";
    public const string OtherAppClientId = "intranet-app";
    public const string GatewayAudience = "mcp-gateway";
    public const string UsersScope = "mcp.users";
    public const string UpstreamClientId = "mcpsecure-identity";

    private readonly int _upstreamPort = Loopback.FreeTcpPort();
    private readonly string _upstreamSecret = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));

    /// <summary>LemonLDAP::NG as the provider the gateway trusts directly.</summary>
    public LemonLdapProcess ExternalProvider { get; private set; } = null!;

    /// <summary>LemonLDAP::NG as McpSecure.Identity's upstream.</summary>
    public LemonLdapProcess Upstream { get; private set; } = null!;

    /// <summary>The upstream's issuer (no trailing slash), known before it starts.</summary>
    public string UpstreamIssuer => $"http://localhost:{_upstreamPort}";

    /// <summary>The app whose gateway trusts LemonLDAP::NG's tokens directly.</summary>
    public RunningApp ExternalProviderApp { get; private set; } = null!;

    /// <summary>The app whose McpSecure.Identity federates with LemonLDAP::NG.</summary>
    public RunningApp FederationApp { get; private set; } = null!;

    public ClientMetadataDocumentHost ClientDocuments { get; private set; } = null!;

    /// <summary>The one exact redirect URI registered for both external-provider clients (nothing listens: the login stops at it).</summary>
    public string RedirectUri { get; } = Loopback.RedirectUri();

    protected override async Task StartAsync(CancellationToken cancellationToken)
    {
        ClientDocuments = Own(await ClientMetadataDocumentHost.StartAsync(DataPath));
        // Side by side: most of a start is waiting for processes, which the other start fills. Each role has a provider
        // of its own (as a deployment has), so that neither role's sign-ins share the other's sessions or connections.
        await Task.WhenAll(StartExternalProviderRoleAsync(cancellationToken), StartFederationRoleAsync(cancellationToken));
    }

    /// <summary>
    /// The provider first, on a port it takes at once (a port chosen long before, while the apps' processes take
    /// theirs, may by then answer on another address of localhost), then the app, told its issuer.
    /// </summary>
    private async Task StartExternalProviderRoleAsync(CancellationToken cancellationToken)
    {
        ExternalProvider = Own(await LemonLdapProcess.StartAsync(
        [
            new LemonLdapRelyingParty(ClientId, [RedirectUri], AdditionalAudiences: [GatewayAudience],
                ScopeRules: new Dictionary<string, string>
                {
                    ["mcp:tools"] = "$requested",
                    [UsersScope] = "$requested and inGroup(\"timelords\")",
                }),
            new LemonLdapRelyingParty(OtherAppClientId, [RedirectUri], ScopeRules: new Dictionary<string, string> { ["mcp:tools"] = "$requested" }),
        ], cancellationToken));
        ExternalProviderApp = await StartExternalProviderAppAsync(cancellationToken);
    }

    /// <summary>The provider is told McpSecure.Identity's callback, known once the app runs.</summary>
    private async Task StartFederationRoleAsync(CancellationToken cancellationToken)
    {
        FederationApp = await StartFederationAppAsync(cancellationToken);
        Upstream = Own(await LemonLdapProcess.StartAsync(_upstreamPort,
            [new LemonLdapRelyingParty(UpstreamClientId, [new Uri(FederationApp.IdentityUrl, "/federation/callback").AbsoluteUri], ClientSecret: _upstreamSecret)],
            cancellationToken));
    }

    private async Task<RunningApp> StartFederationAppAsync(CancellationToken cancellationToken) =>
        await StartAppAsync((await TestAppHost.CreateEmbeddedAsync(Path.Combine(DataPath, "federation"),
                FederationArguments.For(UpstreamIssuer, UpstreamClientId, _upstreamSecret, adminGroup: "timelords"), cancellationToken))
            .WithLoopbackClientDocuments(ClientDocuments), cancellationToken);

    private async Task<RunningApp> StartExternalProviderAppAsync(CancellationToken cancellationToken) =>
        await StartAppAsync(await TestAppHost.CreateEmbeddedAsync(Path.Combine(DataPath, "external-provider"),
        [
            $"--McpSecure:ExternalIssuer={ExternalProvider.Issuer}",
            $"--McpSecure:ExternalPublicClientId={ClientId}",
            "--McpSecure:Gateway:RequiredScopes:0=mcp:tools",
            $"--McpSecure:Gateway:RequiredScopes:1={UsersScope}",
            $"--McpSecure:Gateway:AdditionalAudiences:0={GatewayAudience}",
            "--McpSecure:Gateway:AcceptedTokenTypes:0=JWT",
        ], cancellationToken), cancellationToken);

    /// <summary>A real login at LemonLDAP::NG's own form (the Demo password is the login) as <paramref name="user"/>, with PKCE, for the external-provider app.</summary>
    public async Task<PkceLogin.TokenResponse> LoginAsync(string user, string clientId = ClientId, string scopes = $"openid profile email mcp:tools {UsersScope}")
    {
        var request = AuthorizationRequest.Create(ExternalProviderApp.McpUrl.AbsoluteUri, scopes, clientId, RedirectUri);
        return (await PkceLogin.LoginAsync(new Uri(ExternalProvider.Issuer), request, user, user)).Token;
    }
}
