using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.LemonLdap;

/// <summary>
/// The real AppHost with the gateway pointed at LemonLDAP::NG (<c>McpSecure:ExternalIssuer</c>), configured as a new user
/// of that provider would, only through the AppHost's configuration (<c>McpSecure:Gateway:*</c>): LemonLDAP::NG ignores
/// RFC 8707, so its tokens carry a fixed extra audience (<see cref="GatewayAudience"/>) that the gateway accepts; its access
/// tokens say <c>typ: JWT</c>; and the gateway requires <see cref="UsersScope"/>, a scope LemonLDAP::NG grants only to the
/// group <c>timelords</c> (dwho, not rtyler). A second client (<see cref="OtherAppClientId"/>) gets tokens for itself only.
/// </summary>
public sealed class LemonLdapExternalProviderFixture : IAsyncLifetime
{
    public const string ClientId = "mcp-client";
    public const string OtherAppClientId = "intranet-app";
    public const string GatewayAudience = "mcp-gateway";
    public const string UsersScope = "mcp.users";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    public LemonLdapProcess Provider { get; private set; } = null!;
    public DistributedApplication App { get; private set; } = null!;
    public string DataPath { get; } = Directory.CreateTempSubdirectory("mcpsecure-lemonldap-app-").FullName;

    /// <summary>The one exact redirect URI registered for both clients (nothing listens: the login stops at it).</summary>
    public string RedirectUri { get; } = Loopback.RedirectUri();

    public Uri GatewayUrl => App.GetEndpoint("gateway", "http");
    public Uri McpUrl => new(GatewayUrl, "/mcp");

    public async Task InitializeAsync()
    {
        using var cts = new CancellationTokenSource(StartTimeout);
        Provider = await LemonLdapProcess.StartAsync(
        [
            new LemonLdapRelyingParty(ClientId, [RedirectUri], AdditionalAudiences: [GatewayAudience],
                ScopeRules: new Dictionary<string, string>
                {
                    ["mcp:tools"] = "$requested",
                    [UsersScope] = "$requested and inGroup(\"timelords\")",
                }),
            new LemonLdapRelyingParty(OtherAppClientId, [RedirectUri], ScopeRules: new Dictionary<string, string> { ["mcp:tools"] = "$requested" }),
        ], cts.Token);

        var builder = await TestAppHost.CreateEmbeddedAsync(DataPath,
        [
            $"--McpSecure:ExternalIssuer={Provider.Issuer}",
            $"--McpSecure:ExternalPublicClientId={ClientId}",
            "--McpSecure:Gateway:RequiredScopes:0=mcp:tools",
            $"--McpSecure:Gateway:RequiredScopes:1={UsersScope}",
            $"--McpSecure:Gateway:AdditionalAudiences:0={GatewayAudience}",
            "--McpSecure:Gateway:AcceptedTokenTypes:0=JWT",
        ], cts.Token);
        App = await builder.BuildAsync(cts.Token);
        await App.StartAsync(cts.Token);
        await App.ResourceNotifications.WaitForResourceHealthyAsync("gateway", cts.Token);
    }

    /// <summary>A real login at LemonLDAP::NG's own form (the Demo password is the login) as <paramref name="user"/>, with PKCE.</summary>
    public async Task<PkceLogin.TokenResponse> LoginAsync(string user, string clientId = ClientId, string scopes = $"openid profile email mcp:tools {UsersScope}")
    {
        var request = AuthorizationRequest.Create(McpUrl.AbsoluteUri, scopes, clientId, RedirectUri);
        return (await PkceLogin.LoginAsync(new Uri(Provider.Issuer), request, user, user)).Token;
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }
        if (Provider is not null)
        {
            await Provider.DisposeAsync();
        }
        TempFolder.TryDelete(DataPath);
    }
}
