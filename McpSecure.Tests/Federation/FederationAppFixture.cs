using System.Security.Cryptography;
using McpSecure.Tests.Infrastructure;
using McpSecure.Tests.Interop;
using Xunit.Abstractions;

namespace McpSecure.Tests.Federation;

/// <summary>
/// The real AppHost in federation mode, by configuration alone (<c>McpSecure:UpstreamIssuer</c>, <c>UpstreamClientId</c>,
/// the secret as the parameter <c>upstream-client-secret</c>, scopes and a group → role mapping), in front of the npm
/// <c>oidc-provider</c> as the organisation's provider. The app starts first (McpSecure.Identity reads the upstream
/// discovery only at the first sign-in), then the provider, told our redirect URI. MCP clients with a Client ID Metadata
/// Document publish it at <see cref="ClientDocuments"/> (https on loopback, trusted in development).
/// </summary>
public sealed class FederationAppFixture(IMessageSink diagnostics) : AppHostFixture(diagnostics, "mcpsecure-federation-")
{
    public const string UpstreamClientId = "mcpsecure-identity";

    /// <summary>The client allowed to exchange a user's token for their upstream token (the realm's dev-only machine client).</summary>
    public const string ExchangeClientId = "mcp-machine";

    public const string ExchangeClientSecret = "dev-only-mcp-machine-secret";

    /// <summary>The one upstream API an upstream token may be exchanged for.</summary>
    public const string UpstreamApiAudience = "https://api.upstream.example";

    private readonly int _upstreamPort = Loopback.FreeTcpPort();
    private OidcProviderProcess? _upstream;

    /// <summary>Where the tests' clients publish their metadata documents (https on loopback, trusted by the provider).</summary>
    public ClientMetadataDocumentHost ClientDocuments { get; private set; } = null!;
    public string UpstreamIssuer => $"http://localhost:{_upstreamPort}";

    public Uri CallbackUrl => new(IdentityUrl, "/federation/callback");

    /// <summary>Every log line of McpSecure.Identity and the gateway, to check that no secret is logged.</summary>
    public ResourceLogCollector Logs { get; private set; } = null!;

    /// <summary>The upstream provider's output (SHA-256 of every token presented to it).</summary>
    public IReadOnlyCollection<string> UpstreamOutput => _upstream!.Output;

    /// <summary>The upstream client secret, for the test that no log line contains it.</summary>
    public string UpstreamSecret { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));

    protected override async Task StartAsync(CancellationToken cancellationToken)
    {
        ClientDocuments = Own(await ClientMetadataDocumentHost.StartAsync(DataPath));
        var builder = (await TestAppHost.CreateEmbeddedAsync(DataPath,
        [
            .. FederationArguments.For(UpstreamIssuer, UpstreamClientId, UpstreamSecret, adminGroup: "mcp-admins"),
            // Kept upstream tokens: the realm's confidential mcp-machine stands for an MCP server's own client.
            "--McpSecure:UpstreamKeepTokens=true",
            $"--McpSecure:UpstreamTokenExchangeClients:0={ExchangeClientId}",
            $"--McpSecure:UpstreamTokenAudiences:0={UpstreamApiAudience}",
        ], cancellationToken))
            .WithLoopbackClientDocuments(ClientDocuments);
        await StartAppAsync(builder, cancellationToken, app => Logs = new ResourceLogCollector(app, ["identity", "gateway"]));
        _upstream = Own(await OidcProviderProcess.StartUpstreamAsync(_upstreamPort, CallbackUrl, UpstreamClientId, UpstreamSecret, cancellationToken));
    }
}
